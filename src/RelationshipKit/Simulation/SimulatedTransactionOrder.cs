namespace RelationshipKit.Simulation;

/// <summary>The order of the rows of <see cref="SimulatedTransactions"/>.</summary>
public enum SimulatedTransactionOrder
{
    /// <summary>Customer by customer (in customer order), each customer's purchases in time order.</summary>
    ByCustomer = 0,

    /// <summary>By time across customers, as a real transaction log is written; ties keep customer order.</summary>
    ByTime = 1,
}
