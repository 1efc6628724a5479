using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary>Shared pieces of the lifetime-value verbs: unit and horizon parsing, model files, number format. Errors go through <see cref="CommandRunner"/>.</summary>
internal static class CommandSupport
{
    public static TimeUnit ParseUnit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "d" or "day" or "days" => TimeUnit.Day,
        "w" or "week" or "weeks" => TimeUnit.Week,
        "m" or "month" or "months" => TimeUnit.Month,
        "y" or "year" or "years" => TimeUnit.Year,
        _ => throw new CliInputException($"'{text}' is not a time unit (day, week, month or year)."),
    };

    /// <summary>Parses "39" (in <paramref name="defaultUnit"/>) or "39w", "273d", "6m", "1y".</summary>
    public static Horizon ParseHorizon(string text, TimeUnit defaultUnit)
    {
        string t = text.Trim();
        TimeUnit unit = defaultUnit;
        if (t.Length > 0 && char.IsLetter(t[^1]))
        {
            unit = ParseUnit(t[^1..]);
            t = t[..^1];
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double length) || !double.IsFinite(length) || length < 0)
        {
            throw new CliInputException($"'{text}' is not a horizon: write a number of model time units, or a number with d, w, m or y (for example 39w).");
        }

        return new Horizon(length, unit);
    }

    public static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new CliInputException($"{path}: the file does not exist.");

    public static string Indent(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            doc.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
