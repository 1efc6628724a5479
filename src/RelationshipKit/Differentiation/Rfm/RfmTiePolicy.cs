namespace RelationshipKit.Differentiation.Rfm;

/// <summary>How quantile binning treats customers with equal values (see <see cref="RfmOptions.TiePolicy"/>).</summary>
public enum RfmTiePolicy
{
    /// <summary>
    /// Rank with ties broken by ascending customer id (ordinal), then cut the ranks 1..n into equal-count bins:
    /// the scores of pandas <c>qcut(x.rank(method='first'), k, labels=1..k)</c> when the population is ordered
    /// by customer id. Equal values may get different scores; bin sizes differ by at most one.
    /// </summary>
    First = 0,

    /// <summary>
    /// Equal values always get the same score: each distinct value gets the bin of its mid-rank (the mean of the
    /// ranks its customers would occupy), which is the median of the scores <see cref="First"/> would give them.
    /// Bins are as equal in size as the ties allow; a value held by many customers can leave a bin empty.
    /// </summary>
    Shared = 1,
}
