using System.Globalization;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// One rule of an <see cref="RfmSegmentTable"/>: a cell (R, F, M) belongs to <see cref="Segment"/> when each of its
/// scores is in the rule's range and, if the rule has one, its combined frequency-monetary score
/// ⌊(F + M) / 2⌋ is in <see cref="FrequencyMonetary"/>.
/// </summary>
/// <remarks>
/// Several rules may name the same segment (the segment is their union). Instances are immutable and thread-safe.
/// </remarks>
public sealed class RfmSegmentRule
{
    /// <summary>Creates a rule on the three scores.</summary>
    /// <param name="segment">The segment name; not empty or white space.</param>
    /// <param name="recency">The recency scores of the rule.</param>
    /// <param name="frequency">The frequency scores of the rule.</param>
    /// <param name="monetary">The monetary scores of the rule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="segment"/> is empty or white space, or a range is the default (unset) value.</exception>
    public RfmSegmentRule(string segment, RfmScoreRange recency, RfmScoreRange frequency, RfmScoreRange monetary)
        : this(segment, recency, frequency, monetary, null)
    {
    }

    private RfmSegmentRule(string segment, RfmScoreRange recency, RfmScoreRange frequency, RfmScoreRange monetary, RfmScoreRange? frequencyMonetary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        CheckSet(recency, nameof(recency));
        CheckSet(frequency, nameof(frequency));
        CheckSet(monetary, nameof(monetary));
        if (frequencyMonetary is { } fm)
        {
            CheckSet(fm, nameof(frequencyMonetary));
        }

        Segment = segment;
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        FrequencyMonetary = frequencyMonetary;
    }

    /// <summary>The segment the rule's cells belong to.</summary>
    public string Segment { get; }

    /// <summary>The recency scores of the rule.</summary>
    public RfmScoreRange Recency { get; }

    /// <summary>The frequency scores of the rule.</summary>
    public RfmScoreRange Frequency { get; }

    /// <summary>The monetary scores of the rule.</summary>
    public RfmScoreRange Monetary { get; }

    /// <summary>The combined frequency-monetary scores ⌊(F + M) / 2⌋ of the rule, or <see langword="null"/> when the rule does not use it.</summary>
    public RfmScoreRange? FrequencyMonetary { get; }

    /// <summary>
    /// Creates a rule on recency and the combined frequency-monetary score ⌊(F + M) / 2⌋ (the form of the default
    /// table), with every frequency and monetary score allowed.
    /// </summary>
    /// <param name="segment">The segment name; not empty or white space.</param>
    /// <param name="recency">The recency scores of the rule.</param>
    /// <param name="frequencyMonetary">The combined frequency-monetary scores of the rule.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="segment"/> is empty or white space, or a range is the default (unset) value.</exception>
    public static RfmSegmentRule ForRecencyAndFrequencyMonetary(string segment, RfmScoreRange recency, RfmScoreRange frequencyMonetary) =>
        new(segment, recency, RfmScoreRange.Any, RfmScoreRange.Any, frequencyMonetary);

    /// <summary>The combined frequency-monetary score of a cell: ⌊(F + M) / 2⌋, from 1 to the bin count.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>The mean of the frequency and monetary scores, rounded down.</returns>
    public static int FrequencyMonetaryOf(RfmScore cell) => (cell.Frequency + cell.Monetary) / 2;

    /// <summary>Tells whether the rule matches a cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns><see langword="true"/> when every score of the cell is in the rule's ranges.</returns>
    public bool Matches(RfmScore cell) =>
        Recency.Contains(cell.Recency)
        && Frequency.Contains(cell.Frequency)
        && Monetary.Contains(cell.Monetary)
        && (FrequencyMonetary is not { } fm || fm.Contains(FrequencyMonetaryOf(cell)));

    /// <inheritdoc />
    public override string ToString() => FrequencyMonetary is { } fm
        ? string.Create(CultureInfo.InvariantCulture, $"{Segment}: R {Recency}, FM {fm}")
        : string.Create(CultureInfo.InvariantCulture, $"{Segment}: R {Recency}, F {Frequency}, M {Monetary}");

    private static void CheckSet(RfmScoreRange range, string name)
    {
        if (range.Min == 0)
        {
            throw new ArgumentException("The score range is the default value; create it with new RfmScoreRange(min, max).", name);
        }
    }
}
