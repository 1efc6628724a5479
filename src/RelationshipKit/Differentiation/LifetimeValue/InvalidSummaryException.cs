namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// A customer summary (or a column of them) cannot be used by a lifetime-value model: a negative or fractional
/// frequency, a recency beyond T, a NaN, or a non-positive spend for the Gamma-Gamma model.
/// <see cref="ArgumentException.ParamName"/> names the field and <see cref="Row"/> the row.
/// </summary>
public sealed class InvalidSummaryException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSummaryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidSummaryException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidSummaryException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one field of one row.</summary>
    /// <param name="fieldName">The offending field, for example <c>"monetaryValue"</c>.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="row">The zero-based row, or -1 when not known.</param>
    public InvalidSummaryException(string fieldName, string message, long row)
        : base(row >= 0 ? $"Row {row}: {message}" : message, fieldName)
    {
        Row = row;
    }

    /// <summary>The zero-based row of the offending summary, or -1.</summary>
    public long Row { get; } = -1;
}
