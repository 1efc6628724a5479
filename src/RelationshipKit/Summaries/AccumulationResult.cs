namespace RelationshipKit.Summaries;

/// <summary>What <see cref="CustomerSummaryAccumulator.Add(Transaction)"/> did with a transaction.</summary>
public enum AccumulationResult
{
    /// <summary>The transaction was new and is now part of the customer's history.</summary>
    Added = 0,

    /// <summary>The transaction replays one already added (same customer, order id, timestamp and amount) and was counted once.</summary>
    Duplicate = 1,
}
