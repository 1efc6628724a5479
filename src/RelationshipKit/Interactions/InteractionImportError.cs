namespace RelationshipKit.Interactions;

/// <summary>One rejected NDJSON line.</summary>
/// <param name="LineNumber">The line's number, counting from 1.</param>
/// <param name="Field">The offending field by its NDJSON name (<c>$</c> for the line as a whole).</param>
/// <param name="Message">What is wrong.</param>
public readonly record struct InteractionImportError(long LineNumber, string Field, string Message)
{
    /// <summary>Formats the error as <c>line N: field: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {LineNumber}: {Field}: {Message}");
}
