namespace RelationshipKit.Interactions;

/// <summary>
/// An interaction (or one field of an NDJSON line) was rejected. <see cref="FieldName"/> names the offending field
/// with its NDJSON name: <c>id</c>, <c>customerId</c>, <c>kind</c>, <c>channel</c>, <c>direction</c>,
/// <c>occurredAt</c>, <c>amount</c>, <c>campaign</c>, <c>outcome</c>, <c>rating</c>, <c>sentiment</c>,
/// <c>attributes</c> or <c>attributes.KEY</c>; <c>$</c> stands for the line as a whole.
/// </summary>
/// <remarks>
/// When this exception is thrown by a store, nothing from the call that raised it has been stored: every
/// interaction of a batch is checked before any is written.
/// </remarks>
public sealed class InvalidInteractionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidInteractionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidInteractionException(string? message)
        : base(message)
    {
        Reason = message ?? string.Empty;
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidInteractionException(string? message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message ?? string.Empty;
    }

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="fieldName">The offending field, by its NDJSON name.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="index">The zero-based position of the interaction in a batch, or -1 when not in a batch.</param>
    public InvalidInteractionException(string fieldName, string message, long index = -1)
        : base(message, fieldName)
    {
        Index = index;
        Reason = message;
    }

    /// <summary>The offending field by its NDJSON name, the same as <see cref="ArgumentException.ParamName"/>.</summary>
    public string? FieldName => ParamName;

    /// <summary>The zero-based position of the rejected interaction in its batch, or -1 when not known.</summary>
    public long Index { get; } = -1;

    /// <summary>What is wrong, without the field suffix that <see cref="ArgumentException.Message"/> appends.</summary>
    public string Reason { get; } = string.Empty;

    internal InvalidInteractionException AtIndex(long index) =>
        new(FieldName ?? "$", Reason, index);
}
