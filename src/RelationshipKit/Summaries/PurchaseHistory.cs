using System.Text.Json.Serialization;

namespace RelationshipKit.Summaries;

/// <summary>The purchase facts of a summary built from transactions (calibration period only).</summary>
/// <remarks>An immutable value (no setters, so no <c>with</c>); thread-safe.</remarks>
public readonly record struct PurchaseHistory
{
    /// <summary>Creates purchase facts.</summary>
    /// <param name="firstPurchase">The time of the customer's first purchase.</param>
    /// <param name="lastPurchase">The time of the customer's last purchase up to the calibration end.</param>
    /// <param name="orderCount">The number of purchase transactions (refunds and replays excluded) up to the calibration end.</param>
    /// <param name="totalSpend">Net spend up to the calibration end: every purchase, first included, less every refund.</param>
    [JsonConstructor]
    public PurchaseHistory(DateTimeOffset firstPurchase, DateTimeOffset lastPurchase, int orderCount, decimal totalSpend)
    {
        FirstPurchase = firstPurchase;
        LastPurchase = lastPurchase;
        OrderCount = orderCount;
        TotalSpend = totalSpend;
    }

    /// <summary>The time of the customer's first purchase.</summary>
    public DateTimeOffset FirstPurchase { get; }

    /// <summary>The time of the customer's last purchase up to the calibration end.</summary>
    public DateTimeOffset LastPurchase { get; }

    /// <summary>The number of purchase transactions (refunds and replays excluded) up to the calibration end.</summary>
    public int OrderCount { get; }

    /// <summary>Net spend up to the calibration end: every purchase, first included, less every refund.</summary>
    public decimal TotalSpend { get; }

    /// <summary>Deconstructs the facts.</summary>
    /// <param name="firstPurchase">Receives <see cref="FirstPurchase"/>.</param>
    /// <param name="lastPurchase">Receives <see cref="LastPurchase"/>.</param>
    /// <param name="orderCount">Receives <see cref="OrderCount"/>.</param>
    /// <param name="totalSpend">Receives <see cref="TotalSpend"/>.</param>
    public void Deconstruct(out DateTimeOffset firstPurchase, out DateTimeOffset lastPurchase, out int orderCount, out decimal totalSpend)
    {
        firstPurchase = FirstPurchase;
        lastPurchase = LastPurchase;
        orderCount = OrderCount;
        totalSpend = TotalSpend;
    }
}
