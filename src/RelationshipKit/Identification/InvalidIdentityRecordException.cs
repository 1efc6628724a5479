namespace RelationshipKit.Identification;

/// <summary>
/// An identity record was rejected. <see cref="ArgumentException.ParamName"/> names the offending field
/// (<c>Source</c>, <c>SourceRecordId</c>, <c>ObservedAt</c>, a field name such as <c>Email</c>,
/// <c>ExternalIds</c> or <c>Attributes</c>).
/// </summary>
/// <remarks>When this exception is thrown nothing from the call that raised it has been stored.</remarks>
public sealed class InvalidIdentityRecordException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidIdentityRecordException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidIdentityRecordException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidIdentityRecordException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one field of one record.</summary>
    /// <param name="fieldName">The offending field.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="recordIndex">The zero-based position of the record in the input, or -1 when unknown.</param>
    public InvalidIdentityRecordException(string fieldName, string message, long recordIndex)
        : base(message, fieldName)
    {
        RecordIndex = recordIndex;
    }

    /// <summary>The zero-based position of the rejected record in the input, or -1 when not known.</summary>
    public long RecordIndex { get; } = -1;

    /// <summary>The offending field, the same as <see cref="ArgumentException.ParamName"/>.</summary>
    public string? FieldName => ParamName;
}
