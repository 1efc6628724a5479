namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>One row of a calibration/holdout comparison: customers with the same calibration frequency.</summary>
/// <remarks>An immutable value.</remarks>
public readonly record struct HoldoutGroup
{
    /// <summary>Creates a row.</summary>
    /// <param name="frequency">The calibration frequency x of the group (the lowest, for the open last group).</param>
    /// <param name="andMore">Whether the group holds every customer with at least <paramref name="frequency"/>.</param>
    /// <param name="customers">The number of customers in the group.</param>
    /// <param name="meanPredicted">The mean predicted number of holdout purchases.</param>
    /// <param name="meanActual">The mean actual number of holdout purchases.</param>
    public HoldoutGroup(int frequency, bool andMore, double customers, double meanPredicted, double meanActual)
    {
        Frequency = frequency;
        AndMore = andMore;
        Customers = customers;
        MeanPredicted = meanPredicted;
        MeanActual = meanActual;
    }

    /// <summary>The calibration frequency x of the group.</summary>
    public int Frequency { get; }

    /// <summary>Whether the group is "x or more".</summary>
    public bool AndMore { get; }

    /// <summary>The number of customers in the group.</summary>
    public double Customers { get; }

    /// <summary>The mean predicted number of holdout purchases.</summary>
    public double MeanPredicted { get; }

    /// <summary>The mean actual number of holdout purchases.</summary>
    public double MeanActual { get; }
}
