namespace RelationshipKit.Differentiation.Rfm;

/// <summary>Which spend figure the monetary dimension ranks (see <see cref="RfmOptions.Monetary"/>).</summary>
public enum RfmMonetaryBasis
{
    /// <summary>
    /// Total net spend up to the calibration end, first purchase included
    /// (<see cref="Summaries.PurchaseHistory.TotalSpend"/>). Without purchase history (summaries made with
    /// <see cref="Summaries.CustomerSummary.Create"/>): the spend of the repeat periods,
    /// <see cref="Summaries.CustomerSummary.MonetaryValue"/> × x, since the first purchase is not known.
    /// </summary>
    Total = 0,

    /// <summary>
    /// Average spend per purchase period: total net spend divided by the number of purchase periods (x + 1).
    /// Without purchase history: the mean repeat spend, <see cref="Summaries.CustomerSummary.MonetaryValue"/>
    /// (0 for customers with no repeat purchase).
    /// </summary>
    Average = 1,
}
