using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>Factories for options that several verbs share, so that they read and validate alike.</summary>
internal static class CliOptions
{
    /// <summary>An option holding a date in one of the formats of <see cref="DateParsing"/>; a bad value is a parse error (exit code 2).</summary>
    public static Option<CliDate?> Date(string name, string description, bool required = false)
    {
        var option = new Option<CliDate?>(name)
        {
            Description = description,
            Required = required,
            HelpName = "DATE",
        };
        option.CustomParser = result => ParseDate(result, name);
        return option;
    }

    /// <summary>An option whose value must be one of <paramref name="choices"/> (lower case), with a default.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    /// <summary>An option naming a file.</summary>
    public static Option<string> File(string name, string description, bool required)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            Required = required,
            HelpName = "FILE",
        };
        option.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                result.AddError($"Option '{name}' needs a file name.");
            }
        });
        return option;
    }

    /// <summary>An option naming a column of the input CSV.</summary>
    public static Option<string> Column(string name, string description, bool required)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            Required = required,
            HelpName = "NAME",
        };
        return option;
    }

    /// <summary>A positive, finite double option with a default (model parameters), read in invariant culture.</summary>
    public static Option<double> PositiveDouble(string name, string description, double defaultValue) =>
        Double(name, description, defaultValue, allowZero: false);

    /// <summary>A finite double option, zero or more, with a default, read in invariant culture.</summary>
    public static Option<double> NonNegativeDouble(string name, string description, double defaultValue) =>
        Double(name, description, defaultValue, allowZero: true);

    /// <summary>A whole-number option of at least 1.</summary>
    public static Option<int> PositiveInt(string name, string description, bool required)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            Required = required,
            HelpName = "N",
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1)
            {
                return value;
            }

            result.AddError($"Option '{name}' must be a whole number of 1 or more; it is '{text}'.");
            return 0;
        };
        return option;
    }

    /// <summary>A whole-number option from <paramref name="minimum"/> to <paramref name="maximum"/>, with a default.</summary>
    public static Option<int> IntInRange(string name, string description, int defaultValue, int minimum, int maximum)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "N",
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= minimum && value <= maximum)
            {
                return value;
            }

            result.AddError($"Option '{name}' must be a whole number from {minimum} to {maximum}; it is '{text}'.");
            return defaultValue;
        };
        return option;
    }

    private static Option<double> Double(string name, string description, double defaultValue, bool allowZero)
    {
        var option = new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "X",
        };
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                && (value > 0 || (allowZero && value == 0)))
            {
                return value;
            }

            result.AddError($"Option '{name}' must be a {(allowZero ? "number of zero or more" : "positive number")} such as 0.25; it is '{text}'.");
            return defaultValue;
        };
        return option;
    }

    private static CliDate? ParseDate(ArgumentResult result, string name)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string text = result.Tokens[0].Value;
        if (DateParsing.TryParse(text, out DateTimeOffset value, out bool dateOnly))
        {
            return new CliDate(value, dateOnly);
        }

        result.AddError($"Option '{name}': cannot read '{text}' as a date; expected {DateParsing.Formats}.");
        return null;
    }
}
