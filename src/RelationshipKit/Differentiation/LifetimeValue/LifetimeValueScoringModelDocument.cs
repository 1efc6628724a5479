namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>The JSON form of a <see cref="LifetimeValueScoringModel"/>.</summary>
internal sealed class LifetimeValueScoringModelDocument
{
    public string Kind { get; set; } = string.Empty;

    public LifetimeValueModelDocument TransactionModel { get; set; } = new();

    public LifetimeValueModelDocument? SpendModel { get; set; }

    public double HorizonLength { get; set; }

    public TimeUnit HorizonUnit { get; set; }

    public double DiscountRate { get; set; }

    public TimeUnit DiscountPeriod { get; set; }

    public double Margin { get; set; }
}
