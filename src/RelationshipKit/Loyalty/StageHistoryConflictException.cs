namespace RelationshipKit.Loyalty;

/// <summary>A transition was stored under the key (model, customer, time) of a different transition already stored.</summary>
/// <remarks>Nothing is changed when it is thrown.</remarks>
public sealed class StageHistoryConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StageHistoryConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StageHistoryConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StageHistoryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a conflict.</summary>
    /// <param name="stored">The transition already stored.</param>
    /// <param name="attempted">The transition that conflicts with it.</param>
    public StageHistoryConflictException(StageTransition stored, StageTransition attempted)
        : base($"A different transition is already stored for model '{stored.ModelName}', customer '{stored.CustomerId}' at {stored.At:O}: stored {stored.Previous} -> {stored.Next}, attempted {attempted.Previous} -> {attempted.Next}.")
    {
        Stored = stored;
        Attempted = attempted;
    }

    /// <summary>The transition already stored.</summary>
    public StageTransition? Stored { get; }

    /// <summary>The transition that conflicts with it.</summary>
    public StageTransition? Attempted { get; }
}
