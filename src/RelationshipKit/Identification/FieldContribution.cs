namespace RelationshipKit.Identification;

/// <summary>What one comparison contributed to a pair's match weight.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
/// <param name="Comparison">The comparison's name.</param>
/// <param name="Field">The compared field's display name.</param>
/// <param name="LevelIndex">The level reached: 0 "missing", 1..n the comparison's levels, n+1 "else".</param>
/// <param name="Level">The level's label.</param>
/// <param name="FirstValue">The first record's normalised value, or <see langword="null"/> when missing or blocked.</param>
/// <param name="SecondValue">The second record's normalised value, or <see langword="null"/>.</param>
/// <param name="M">The level's m probability (NaN for "missing").</param>
/// <param name="U">The level's u probability, or the agreed value's frequency when term-frequency adjusted (NaN for "missing").</param>
/// <param name="Weight">The weight in bits, log2(m / u); 0 for "missing".</param>
/// <param name="TermFrequencyAdjusted">Whether <paramref name="U"/> is the agreed value's frequency.</param>
public readonly record struct FieldContribution(
    string Comparison,
    string Field,
    int LevelIndex,
    string Level,
    string? FirstValue,
    string? SecondValue,
    double M,
    double U,
    double Weight,
    bool TermFrequencyAdjusted);
