namespace RelationshipKit.Cli.Commands;

/// <summary>Bad input to a command (exit code 2), with the line and column of a CSV file when known.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliInputException(string file, long line, int column, string columnName, string message)
        : base($"{file}: line {line}, column {column} ({columnName}): {message}")
    {
    }
}
