namespace RelationshipKit.Identification;

/// <summary>The trained parameters of one <see cref="Comparison"/>.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ComparisonParameters
{
    internal ComparisonParameters(
        string name,
        string field,
        IReadOnlyList<LevelParameters> levels,
        bool termFrequencyAdjusted,
        IReadOnlyDictionary<string, double> termFrequencies,
        double minimumTermFrequency,
        bool isTrained,
        int emSessions)
    {
        Name = name;
        Field = field;
        Levels = levels;
        TermFrequencyAdjusted = termFrequencyAdjusted;
        TermFrequencies = termFrequencies;
        MinimumTermFrequency = minimumTermFrequency;
        IsTrained = isTrained;
        EmSessions = emSessions;
    }

    /// <summary>The comparison's name.</summary>
    public string Name { get; }

    /// <summary>The compared field's display name.</summary>
    public string Field { get; }

    /// <summary>The levels by index: 0 "missing", 1..n the comparison's levels, n+1 "else".</summary>
    public IReadOnlyList<LevelParameters> Levels { get; }

    /// <summary>Whether exact agreement is weighted by the agreed value's frequency.</summary>
    public bool TermFrequencyAdjusted { get; }

    /// <summary>For a term-frequency adjusted comparison: the share of records holding each normalised value seen at least twice in training.</summary>
    public IReadOnlyDictionary<string, double> TermFrequencies { get; }

    /// <summary>The frequency used for a value not in <see cref="TermFrequencies"/> (one record's share).</summary>
    public double MinimumTermFrequency { get; }

    /// <summary>Whether u could be estimated (some sampled pair had both values); an untrained comparison weighs 0.</summary>
    public bool IsTrained { get; }

    /// <summary>In how many expectation-maximisation sessions the m probabilities were estimated (their mean is used); 0 means the starting values were kept.</summary>
    public int EmSessions { get; }
}
