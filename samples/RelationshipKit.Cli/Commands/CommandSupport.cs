using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary>Shared pieces of the lifetime-value verbs: exit codes, error reporting, unit and horizon parsing.</summary>
internal static class CommandSupport
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Runs a verb body and maps exceptions to exit codes: 2 for bad input, 1 for failures.</summary>
    public static int Run(ParseResult parse, Func<TextWriter, int> body)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        try
        {
            return body(output);
        }
        catch (CliInputException ex)
        {
            error.WriteLine($"relkit: {ex.Message}");
            return BadInput;
        }
        catch (InvalidSummaryException ex)
        {
            error.WriteLine($"relkit: invalid summary (line {(ex.Row >= 0 ? ex.Row + 2 : -1)}, field {ex.ParamName}): {ex.Message}");
            return BadInput;
        }
        catch (JsonException ex)
        {
            error.WriteLine($"relkit: invalid model file: {ex.Message}");
            return BadInput;
        }
        catch (ModelFitException ex)
        {
            error.WriteLine($"relkit: {ex.Message}");
            return Failure;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"relkit: {ex.Message}");
            return BadInput;
        }
        catch (IOException ex)
        {
            error.WriteLine($"relkit: {ex.Message}");
            return Failure;
        }
    }

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
