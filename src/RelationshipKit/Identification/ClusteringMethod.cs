namespace RelationshipKit.Identification;

/// <summary>How accepted pairs become customers.</summary>
public enum ClusteringMethod
{
    /// <summary>
    /// Connected components with merge protection: accepted pairs are applied from the most to the least
    /// probable, and a pair that would put conflicting trusted ids, too many identifiers or a never-match pair
    /// in one customer is skipped.
    /// </summary>
    ConnectedComponents = 0,

    /// <summary>
    /// As <see cref="ConnectedComponents"/>, and two groups of records join only when the mean match
    /// probability over all their cross pairs (each scored on demand) reaches <see cref="IdentificationOptions.MatchThreshold"/>.
    /// This splits weak chains (A matches B, B matches C, but A and C clearly differ) at a cost of
    /// |A| x |B| pair scores per join.
    /// </summary>
    AverageLinkage = 1,
}
