using System.Globalization;

namespace RelationshipKit.Identification;

/// <summary>
/// One level of a <see cref="Comparison"/>: a test on two normalised values. A comparison's levels are
/// tried in order and the first that holds is the pair's level; two further levels are implicit: "missing"
/// (either value missing or blocked: weight 0) first and "else" (no level held) last.
/// </summary>
/// <remarks>An immutable value; thread-safe. Build levels with the static factories.</remarks>
public readonly record struct ComparisonLevel
{
    private ComparisonLevel(ComparisonLevelKind kind, double threshold)
    {
        Kind = kind;
        Threshold = threshold;
    }

    /// <summary>The test.</summary>
    public ComparisonLevelKind Kind { get; }

    /// <summary>The test's threshold: a similarity for Jaro-Winkler, edits for Damerau-Levenshtein, days for dates; 0 otherwise.</summary>
    public double Threshold { get; }

    /// <summary>A short label such as <c>exact</c>, <c>jaro-winkler&gt;=0.92</c> or <c>damerau-levenshtein&lt;=1</c>.</summary>
    public string Label => Kind switch
    {
        ComparisonLevelKind.Exact => "exact",
        ComparisonLevelKind.JaroWinkler => "jaro-winkler>=" + Threshold.ToString(CultureInfo.InvariantCulture),
        ComparisonLevelKind.DamerauLevenshtein => "damerau-levenshtein<=" + Threshold.ToString(CultureInfo.InvariantCulture),
        ComparisonLevelKind.DateWithinDays => "within " + Threshold.ToString(CultureInfo.InvariantCulture) + " days",
        ComparisonLevelKind.DayMonthSwapped => "day and month swapped",
        ComparisonLevelKind.Initials => "initial",
        ComparisonLevelKind.EmailLocalPart => "same local part",
        ComparisonLevelKind.TokensReordered => "words reordered",
        _ => Kind.ToString(),
    };

    /// <summary>Equal normalised values.</summary>
    public static ComparisonLevel Exact => new(ComparisonLevelKind.Exact, 0);

    /// <summary>Jaro-Winkler similarity at least <paramref name="threshold"/>.</summary>
    /// <param name="threshold">Greater than 0 and at most 1.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is outside (0, 1].</exception>
    public static ComparisonLevel JaroWinkler(double threshold)
    {
        if (!(threshold > 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A Jaro-Winkler threshold must be in (0, 1].");
        }

        return new(ComparisonLevelKind.JaroWinkler, threshold);
    }

    /// <summary>Damerau-Levenshtein distance at most <paramref name="maxEdits"/>.</summary>
    /// <param name="maxEdits">1 to 10 edits.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside 1 to 10.</exception>
    public static ComparisonLevel DamerauLevenshtein(int maxEdits)
    {
        if (maxEdits is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEdits), maxEdits, "A Damerau-Levenshtein threshold must be 1 to 10 edits.");
        }

        return new(ComparisonLevelKind.DamerauLevenshtein, maxEdits);
    }

    /// <summary>Dates at most <paramref name="days"/> apart.</summary>
    /// <param name="days">1 to 36,500 days.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside 1 to 36,500.</exception>
    public static ComparisonLevel DateWithinDays(int days)
    {
        if (days is < 1 or > 36_500)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "A date difference must be 1 to 36,500 days.");
        }

        return new(ComparisonLevelKind.DateWithinDays, days);
    }

    /// <summary>Dates equal once day and month of one are swapped.</summary>
    public static ComparisonLevel DayMonthSwapped => new(ComparisonLevelKind.DayMonthSwapped, 0);

    /// <summary>One value is an initial of the other.</summary>
    public static ComparisonLevel Initials => new(ComparisonLevelKind.Initials, 0);

    /// <summary>E-mail addresses with equal local parts.</summary>
    public static ComparisonLevel EmailLocalPart => new(ComparisonLevelKind.EmailLocalPart, 0);

    /// <summary>The same words in another order.</summary>
    public static ComparisonLevel TokensReordered => new(ComparisonLevelKind.TokensReordered, 0);

    /// <summary>Returns <see cref="Label"/>.</summary>
    /// <returns>The label.</returns>
    public override string ToString() => Label;
}
