namespace RelationshipKit;

/// <summary>One purchase (or, with a negative amount, one refund) by one customer.</summary>
/// <param name="CustomerId">Who bought.</param>
/// <param name="OccurredAt">When, with its offset from UTC.</param>
/// <param name="Amount">The amount in the host's currency; negative for a refund.</param>
/// <param name="OrderId">The host's order id, if any: a transaction whose order id was already seen for the same customer is counted once.</param>
/// <remarks>
/// A transaction is a plain value: it is checked when it is summarised (see
/// <see cref="Summaries.CustomerSummaryOptions"/> for the rules), not when it is made.
/// </remarks>
public readonly record struct Transaction(CustomerId CustomerId, DateTimeOffset OccurredAt, decimal Amount, string? OrderId = null)
{
    /// <summary>Who bought.</summary>
    public CustomerId CustomerId { get; } = CustomerId;

    /// <summary>When, with its offset from UTC.</summary>
    public DateTimeOffset OccurredAt { get; } = OccurredAt;

    /// <summary>The amount in the host's currency; negative for a refund.</summary>
    public decimal Amount { get; } = Amount;

    /// <summary>The host's order id, if any: a transaction whose order id was already seen for the same customer is counted once.</summary>
    public string? OrderId { get; } = OrderId;
}
