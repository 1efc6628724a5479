namespace RelationshipKit.Differentiation.Rfm;

/// <summary>The names of the eleven segments of the default table (<see cref="RfmSegmentTable.CreateDefault"/>).</summary>
/// <remarks>Constants; thread-safe.</remarks>
public static class RfmSegments
{
    /// <summary>Bought recently, buy often and spend the most.</summary>
    public const string Champions = "Champions";

    /// <summary>Buy often and spend well; responsive.</summary>
    public const string LoyalCustomers = "Loyal Customers";

    /// <summary>Recent customers with average frequency and spend.</summary>
    public const string PotentialLoyalists = "Potential Loyalists";

    /// <summary>Bought very recently, but not often.</summary>
    public const string NewCustomers = "New Customers";

    /// <summary>Recent shoppers who have not bought much.</summary>
    public const string Promising = "Promising";

    /// <summary>Middling recency, frequency and spend.</summary>
    public const string NeedAttention = "Need Attention";

    /// <summary>Middling recency, low frequency and spend.</summary>
    public const string AboutToSleep = "About to Sleep";

    /// <summary>Bought often or spent well, but long ago.</summary>
    public const string AtRisk = "At Risk";

    /// <summary>Bought most often and spent the most, but long ago.</summary>
    public const string CantLoseThem = "Can't Lose Them";

    /// <summary>Low frequency and spend, long ago.</summary>
    public const string Hibernating = "Hibernating";

    /// <summary>Lowest recency with low frequency and spend.</summary>
    public const string Lost = "Lost";
}
