namespace RelationshipKit.Loyalty;

/// <summary>How a <see cref="CoPurchaseModel"/> orders the products associated with a product.</summary>
public enum CoPurchaseRanking
{
    /// <summary>By lift (how much more often than by chance they are bought together), then confidence, then support.</summary>
    Lift = 0,

    /// <summary>By confidence (the share of the product's baskets that hold the other), then lift, then support.</summary>
    Confidence = 1,
}
