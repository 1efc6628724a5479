namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// Named segments over the k³ RFM cells, checked when built so that every cell is in exactly one segment.
/// </summary>
/// <remarks>
/// <para>A table is made of rules (<see cref="RfmSegmentRule"/>). Each cell must match rules of exactly one
/// segment: a cell that matches rules of two segments makes <see cref="Create"/> throw an
/// <see cref="RfmSegmentTableException"/> listing the cells; so does a cell that matches no rule, unless a
/// fallback segment is given, which then takes every such cell. Popular tools let rules overlap and apply the
/// first match, so a segment (often Champions) can silently end up empty; this table cannot.</para>
/// <para><b>The default table</b> (<see cref="CreateDefault"/>) has eleven segments defined on the recency score
/// R and the combined frequency-monetary score FM = ⌊(F + M) / 2⌋. For five bins it is:</para>
/// <list type="table">
/// <listheader><term>Segment</term><description>R; FM</description></listheader>
/// <item><term>Champions</term><description>R 5; FM 4–5</description></item>
/// <item><term>Loyal Customers</term><description>R 3–4; FM 4–5</description></item>
/// <item><term>Potential Loyalists</term><description>R 4–5; FM 2–3</description></item>
/// <item><term>New Customers</term><description>R 5; FM 1</description></item>
/// <item><term>Promising</term><description>R 4; FM 1</description></item>
/// <item><term>Need Attention</term><description>R 3; FM 3</description></item>
/// <item><term>About to Sleep</term><description>R 3; FM 1–2</description></item>
/// <item><term>At Risk</term><description>R 1–2; FM 3–4</description></item>
/// <item><term>Can't Lose Them</term><description>R 1–2; FM 5</description></item>
/// <item><term>Hibernating</term><description>R 2; FM 1–2</description></item>
/// <item><term>Lost</term><description>R 1; FM 1–2</description></item>
/// </list>
/// <para>As a grid (rows R from 5 down to 1, columns FM from 1 to 5):</para>
/// <code>
/// R=5  New Customers   Potential Loyalists  Potential Loyalists  Champions        Champions
/// R=4  Promising       Potential Loyalists  Potential Loyalists  Loyal Customers  Loyal Customers
/// R=3  About to Sleep  About to Sleep       Need Attention       Loyal Customers  Loyal Customers
/// R=2  Hibernating     Hibernating          At Risk              At Risk          Can't Lose Them
/// R=1  Lost            Lost                 At Risk              At Risk          Can't Lose Them
/// </code>
/// <para>The eleven names and their descriptions are those in common use (the R <c>rfm</c> package's case study,
/// and the R-by-FM grids popularised with pandas); the ranges here are chosen to tile the grid, since those
/// published tables overlap (rfm#56). For k bins, score s counts as level ⌊(10s − 5) / (2k)⌋ + 1 on the five-level
/// scale (the fifth of the scale that holds the middle of s's share (s − ½)/k), and a rule's level range becomes
/// the scores whose level is in it; R and FM are scaled alike. Every cell therefore maps to one grid cell and one
/// segment for every k from 2 to 10. For k = 2 the levels are 2 and 4 and for k = 3 they are 1, 3 and 5, so some
/// segments have no cells there: they stay in <see cref="Segments"/> with no cells.</para>
/// <para>Tables are immutable and thread-safe.</para>
/// </remarks>
public sealed class RfmSegmentTable
{
    private static readonly (string Segment, int RMin, int RMax, int FmMin, int FmMax)[] DefaultGrid =
    [
        (RfmSegments.Champions, 5, 5, 4, 5),
        (RfmSegments.LoyalCustomers, 3, 4, 4, 5),
        (RfmSegments.PotentialLoyalists, 4, 5, 2, 3),
        (RfmSegments.NewCustomers, 5, 5, 1, 1),
        (RfmSegments.Promising, 4, 4, 1, 1),
        (RfmSegments.NeedAttention, 3, 3, 3, 3),
        (RfmSegments.AboutToSleep, 3, 3, 1, 2),
        (RfmSegments.AtRisk, 1, 2, 3, 4),
        (RfmSegments.CantLoseThem, 1, 2, 5, 5),
        (RfmSegments.Hibernating, 2, 2, 1, 2),
        (RfmSegments.Lost, 1, 1, 1, 2),
    ];

    private readonly RfmSegmentRule[] _rules;
    private readonly string[] _segments;
    private readonly string[] _cellSegments;
    private readonly int[] _cellSegmentIndex;

    private RfmSegmentTable(int bins, RfmSegmentRule[] rules, string? fallbackSegment, string[] segments, string[] cellSegments, int[] cellSegmentIndex, bool isDefault)
    {
        Bins = bins;
        _rules = rules;
        FallbackSegment = fallbackSegment;
        _segments = segments;
        _cellSegments = cellSegments;
        _cellSegmentIndex = cellSegmentIndex;
        IsDefault = isDefault;
    }

    /// <summary>The number of bins (k) of the scores the table covers.</summary>
    public int Bins { get; }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules => _rules;

    /// <summary>The segment of cells that match no rule, or <see langword="null"/> when every cell must match a rule.</summary>
    public string? FallbackSegment { get; }

    /// <summary>Every segment name, in order of first appearance in the rules, then the fallback segment.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>Whether this is the default eleven-segment table.</summary>
    public bool IsDefault { get; }

    internal ReadOnlySpan<string> CellSegments => _cellSegments;

    internal ReadOnlySpan<int> CellSegmentIndex => _cellSegmentIndex;

    /// <summary>Creates the default eleven-segment table for <paramref name="bins"/> bins (see the remarks of <see cref="RfmSegmentTable"/>).</summary>
    /// <param name="bins">The number of bins, from 2 to 10.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is outside 2..10.</exception>
    public static RfmSegmentTable CreateDefault(int bins = RfmOptions.DefaultBins)
    {
        CheckBins(bins);
        var rules = new List<RfmSegmentRule>(DefaultGrid.Length);
        var names = new string[DefaultGrid.Length];
        for (int i = 0; i < DefaultGrid.Length; i++)
        {
            (string segment, int rMin, int rMax, int fmMin, int fmMax) = DefaultGrid[i];
            names[i] = segment;
            if (ScaledRange(bins, rMin, rMax) is { } r && ScaledRange(bins, fmMin, fmMax) is { } fm)
            {
                rules.Add(RfmSegmentRule.ForRecencyAndFrequencyMonetary(segment, r, fm));
            }
        }

        return Build(bins, rules.ToArray(), null, names, isDefault: true, nameof(bins));
    }

    /// <summary>Creates a table from a host's rules.</summary>
    /// <param name="bins">The number of bins, from 2 to 10; ranges are read on the scores 1..<paramref name="bins"/>.</param>
    /// <param name="rules">The rules; several may name the same segment.</param>
    /// <param name="fallbackSegment">The segment of cells that match no rule; <see langword="null"/> to require every cell to match.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is outside 2..10.</exception>
    /// <exception cref="ArgumentException"><paramref name="fallbackSegment"/> is empty or white space.</exception>
    /// <exception cref="RfmSegmentTableException">A cell matches rules of two or more segments, or (without a fallback) a cell matches no rule; the message lists them (the first <see cref="RfmSegmentTableException.MaxCellsInMessage"/> of each kind, and how many more).</exception>
    public static RfmSegmentTable Create(int bins, IEnumerable<RfmSegmentRule> rules, string? fallbackSegment = null)
    {
        CheckBins(bins);
        ArgumentNullException.ThrowIfNull(rules);
        if (fallbackSegment is not null && string.IsNullOrWhiteSpace(fallbackSegment))
        {
            throw new ArgumentException("The fallback segment must be null or a name that is not white space.", nameof(fallbackSegment));
        }

        RfmSegmentRule[] ruleArray = rules.ToArray();
        var names = new List<string>();
        for (int i = 0; i < ruleArray.Length; i++)
        {
            RfmSegmentRule rule = ruleArray[i] ?? throw new ArgumentNullException(nameof(rules), $"Rule {i} is null.");
            if (!names.Contains(rule.Segment, StringComparer.Ordinal))
            {
                names.Add(rule.Segment);
            }
        }

        if (fallbackSegment is not null && !names.Contains(fallbackSegment, StringComparer.Ordinal))
        {
            names.Add(fallbackSegment);
        }

        return Build(bins, ruleArray, fallbackSegment, names.ToArray(), isDefault: false, nameof(rules));
    }

    /// <summary>Gets the segment of a cell.</summary>
    /// <param name="cell">The cell; each score from 1 to <see cref="Bins"/>.</param>
    /// <returns>The cell's segment (one of <see cref="Segments"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score of <paramref name="cell"/> is outside 1..<see cref="Bins"/>.</exception>
    public string GetSegment(RfmScore cell) => _cellSegments[CellIndex(cell)];

    internal int CellIndex(RfmScore cell)
    {
        int k = Bins;
        if (cell.Recency < 1 || cell.Recency > k || cell.Frequency < 1 || cell.Frequency > k || cell.Monetary < 1 || cell.Monetary > k)
        {
            throw new ArgumentOutOfRangeException(nameof(cell), cell, $"Each score of the cell must be from 1 to {k}.");
        }

        return ((((cell.Recency - 1) * k) + (cell.Frequency - 1)) * k) + (cell.Monetary - 1);
    }

    internal static RfmSegmentTable Restore(int bins, IReadOnlyList<RfmSegmentRule> rules, string? fallbackSegment, IReadOnlyList<string> segments, bool isDefault)
    {
        RfmSegmentTable table = isDefault ? CreateDefault(bins) : Create(bins, rules, fallbackSegment);
        if (isDefault && (fallbackSegment is not null || !SameRules(table._rules, rules)))
        {
            throw new ArgumentException($"The table is marked as the default one, but its rules differ from the default table for {bins} bins.", nameof(rules));
        }

        if (!table._segments.SequenceEqual(segments, StringComparer.Ordinal))
        {
            throw new ArgumentException("The segment names do not match the rules.", nameof(segments));
        }

        return table;
    }

    private static bool SameRules(RfmSegmentRule[] expected, IReadOnlyList<RfmSegmentRule> actual)
    {
        if (expected.Length != actual.Count)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            RfmSegmentRule a = expected[i];
            RfmSegmentRule b = actual[i];
            if (!string.Equals(a.Segment, b.Segment, StringComparison.Ordinal) || a.Recency != b.Recency || a.Frequency != b.Frequency
                || a.Monetary != b.Monetary || a.FrequencyMonetary != b.FrequencyMonetary)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The five-level grade of score <paramref name="score"/> of <paramref name="bins"/>: ⌊(10s − 5) / (2k)⌋ + 1.</summary>
    internal static int Level(int score, int bins) => (((10 * score) - 5) / (2 * bins)) + 1;

    private static RfmScoreRange? ScaledRange(int bins, int levelMin, int levelMax)
    {
        int min = 0;
        int max = 0;
        for (int s = 1; s <= bins; s++)
        {
            int level = Level(s, bins);
            if (level >= levelMin && level <= levelMax)
            {
                min = min == 0 ? s : min;
                max = s;
            }
        }

        return min == 0 ? null : new RfmScoreRange(min, max);
    }

    private static RfmSegmentTable Build(int bins, RfmSegmentRule[] rules, string? fallback, string[] names, bool isDefault, string paramName)
    {
        int cellCount = bins * bins * bins;
        var cellSegments = new string[cellCount];
        var cellIndex = new int[cellCount];
        var overlapping = new List<(RfmScore Cell, string[] Segments)>();
        var uncovered = new List<RfmScore>();
        var matched = new List<string>(4);
        for (int r = 1; r <= bins; r++)
        {
            for (int f = 1; f <= bins; f++)
            {
                for (int m = 1; m <= bins; m++)
                {
                    var cell = new RfmScore((byte)r, (byte)f, (byte)m);
                    matched.Clear();
                    foreach (RfmSegmentRule rule in rules)
                    {
                        if (rule.Matches(cell) && !matched.Contains(rule.Segment, StringComparer.Ordinal))
                        {
                            matched.Add(rule.Segment);
                        }
                    }

                    int index = ((((r - 1) * bins) + (f - 1)) * bins) + (m - 1);
                    if (matched.Count > 1)
                    {
                        overlapping.Add((cell, matched.ToArray()));
                    }
                    else if (matched.Count == 0 && fallback is null)
                    {
                        uncovered.Add(cell);
                    }
                    else
                    {
                        string segment = matched.Count == 1 ? matched[0] : fallback!;
                        cellSegments[index] = Array.Find(names, n => string.Equals(n, segment, StringComparison.Ordinal))!;
                        cellIndex[index] = Array.IndexOf(names, cellSegments[index]);
                    }
                }
            }
        }

        if (overlapping.Count > 0 || uncovered.Count > 0)
        {
            throw new RfmSegmentTableException(bins, overlapping, uncovered, paramName);
        }

        return new RfmSegmentTable(bins, rules, fallback, names, cellSegments, cellIndex, isDefault);
    }

    private static void CheckBins(int bins)
    {
        if (bins is < RfmOptions.MinBins or > RfmOptions.MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"The number of bins must be from {RfmOptions.MinBins} to {RfmOptions.MaxBins}.");
        }
    }
}
