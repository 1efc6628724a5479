using System.Globalization;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// Bad input: a command-line value, a missing file, or a CSV field that cannot be read. Verbs throw it and
/// <see cref="CommandRunner"/> reports it with exit code 2. When it points into a file the message starts with
/// "FILE: line L, column C: ".
/// </summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error at a field of a file. <paramref name="column"/> is 1-based, or 0 when the whole line is at fault.</summary>
    public static CliInputException AtField(string file, long line, int column, string? columnName, string reason, Exception? inner = null)
    {
        string where = column > 0
            ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}{(columnName is null ? string.Empty : $" ({columnName})")}")
            : string.Create(CultureInfo.InvariantCulture, $"line {line}");
        return new CliInputException($"{file}: {where}: {reason}", inner);
    }

    /// <summary>An error in the value of a command-line option.</summary>
    public static CliInputException AtOption(string option, string reason, Exception? inner = null) =>
        new($"option {option}: {reason}", inner);

    /// <summary>An error in the value of a command-line option, from the library's argument error about it.</summary>
    public static CliInputException AtOption(string option, ArgumentException error) =>
        AtOption(option, WithoutParameterNote(error.Message), error);

    /// <summary>An exception message without the runtime's " (Parameter 'name')" suffix: the CLI names the option or field itself.</summary>
    public static string WithoutParameterNote(string message)
    {
        int note = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return note > 0 ? message[..note] : message;
    }
}
