namespace RelationshipKit;

/// <summary>
/// A transaction was rejected. <see cref="ArgumentException.ParamName"/> names the offending field
/// (<c>CustomerId</c>, <c>OccurredAt</c>, <c>Amount</c> or <c>OrderId</c>).
/// </summary>
/// <remarks>
/// When this exception is thrown nothing from the call that raised it has been stored: batch builds
/// validate before they produce a result, and an incremental accumulator checks a transaction before it
/// changes any state.
/// </remarks>
public sealed class InvalidTransactionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidTransactionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InvalidTransactionException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTransactionException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one field of one transaction.</summary>
    /// <param name="fieldName">The offending field.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="transactionIndex">The zero-based position of the transaction in the input, or -1 when unknown.</param>
    public InvalidTransactionException(string fieldName, string message, long transactionIndex)
        : base(message, fieldName)
    {
        TransactionIndex = transactionIndex;
    }

    /// <summary>The zero-based position of the rejected transaction in the input, or -1 when not known.</summary>
    public long TransactionIndex { get; } = -1;

    /// <summary>The offending field, the same as <see cref="ArgumentException.ParamName"/>.</summary>
    public string? FieldName => ParamName;
}
