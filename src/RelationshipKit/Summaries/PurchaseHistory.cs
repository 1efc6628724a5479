namespace RelationshipKit.Summaries;

/// <summary>The purchase facts of a summary built from transactions (calibration period only).</summary>
/// <param name="FirstPurchase">The time of the customer's first purchase.</param>
/// <param name="LastPurchase">The time of the customer's last purchase up to the calibration end.</param>
/// <param name="OrderCount">The number of purchase transactions (refunds and replays excluded) up to the calibration end.</param>
/// <param name="TotalSpend">Net spend up to the calibration end: every purchase, first included, less every refund.</param>
public readonly record struct PurchaseHistory(DateTimeOffset FirstPurchase, DateTimeOffset LastPurchase, int OrderCount, decimal TotalSpend);
