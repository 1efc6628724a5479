namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>One bar of an in-sample fit histogram: how many customers made a given number of repeat purchases, expected and actual.</summary>
/// <remarks>An immutable value.</remarks>
public readonly record struct FrequencyFitBin
{
    /// <summary>Creates a bar.</summary>
    /// <param name="repeatPurchases">The number of repeat purchases (the lowest, for the open last bar).</param>
    /// <param name="andMore">Whether the bar is "n or more".</param>
    /// <param name="expected">The expected number of customers under the model.</param>
    /// <param name="actual">The actual number of customers.</param>
    public FrequencyFitBin(int repeatPurchases, bool andMore, double expected, double actual)
    {
        RepeatPurchases = repeatPurchases;
        AndMore = andMore;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The number of repeat purchases.</summary>
    public int RepeatPurchases { get; }

    /// <summary>Whether the bar is "n or more".</summary>
    public bool AndMore { get; }

    /// <summary>The expected number of customers.</summary>
    public double Expected { get; }

    /// <summary>The actual number of customers.</summary>
    public double Actual { get; }
}
