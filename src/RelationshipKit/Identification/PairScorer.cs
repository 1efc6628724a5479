namespace RelationshipKit.Identification;

/// <summary>
/// Compiled comparisons over a <see cref="RecordTable"/>: level of each comparison for a pair of rows, and the
/// pair's match weight. Reads only; thread-safe while the table is not appended to.
/// </summary>
internal sealed class PairScorer
{
    private readonly Stage[][] _stages;
    private readonly int[] _levelCounts;
    private readonly int[] _slots;
    private readonly double[][] _weights;
    private readonly double[] _exactM;
    private readonly bool[] _tf;
    private readonly bool[] _active;
    private readonly Dictionary<string, double>?[] _tfTables;
    private readonly double[] _tfMinimum;
    private readonly double[][] _tfWeights;
    private readonly int[] _tfComputed;
    private readonly int[][] _deterministicSlots;
    private readonly double[] _maxRest;

    public PairScorer(RecordTable table, Comparison[] comparisons, int[] slots, IReadOnlyList<ComparisonParameters>? parameters, DeterministicRule[] deterministic, bool matchOnSharedExternalId)
    {
        Table = table;
        Comparisons = comparisons;
        _slots = slots;
        _stages = [.. comparisons.Select(c => BuildStages(c, table))];
        _levelCounts = [.. comparisons.Select(c => c.LevelCount)];
        _weights = new double[comparisons.Length][];
        _exactM = new double[comparisons.Length];
        _tf = new bool[comparisons.Length];
        _active = new bool[comparisons.Length];
        _tfTables = new Dictionary<string, double>?[comparisons.Length];
        _tfMinimum = new double[comparisons.Length];
        _tfWeights = new double[comparisons.Length][];
        _tfComputed = new int[comparisons.Length];
        for (int c = 0; c < comparisons.Length; c++)
        {
            _weights[c] = new double[comparisons[c].LevelCount];
            if (parameters is not null)
            {
                SetParameters(c, parameters[c]);
            }
        }

        // Upper bounds for WeightOrBelow: the largest weight each comparison can add (0 for "missing"; the rarest
        // value's weight for a term-frequency adjusted exact agreement), summed from each comparison to the last.
        _maxRest = new double[comparisons.Length + 1];
        for (int c = comparisons.Length - 1; c >= 0; c--)
        {
            double max = 0;
            if (_active[c])
            {
                for (int l = 1; l < _weights[c].Length; l++)
                {
                    max = Math.Max(max, _weights[c][l]);
                }

                if (_tf[c])
                {
                    double rarest = _tfMinimum[c];
                    foreach (double tf in _tfTables[c]!.Values)
                    {
                        rarest = Math.Min(rarest, tf);
                    }

                    max = rarest > 0 ? Math.Max(max, Math.Log2(_exactM[c] / rarest)) : double.PositiveInfinity;
                }
            }

            _maxRest[c] = double.IsNaN(max) ? double.PositiveInfinity : _maxRest[c + 1] + max;
        }

        _deterministicSlots = [.. deterministic.Select(r => r.Fields.Select(table.SlotOf).ToArray())];
        DeterministicNames = [.. deterministic.Select(r => r.Name)];
        MatchOnSharedExternalId = matchOnSharedExternalId;
        RefreshTermFrequencies();
    }

    public RecordTable Table { get; }

    public Comparison[] Comparisons { get; }

    public string[] DeterministicNames { get; }

    public bool MatchOnSharedExternalId { get; }

    public int ComparisonCount => Comparisons.Length;

    public int LevelCount(int c) => _levelCounts[c];

    public int SlotOfComparison(int c) => _slots[c];

    public IEnumerable<int> SlotsOfComparison(int c) => _stages[c].Select(s => s.Slot);

    private static Stage[] BuildStages(Comparison comparison, RecordTable table)
    {
        var stages = new List<Stage>();
        int offset = 0;
        foreach ((FieldSelector field, IReadOnlyList<ComparisonLevel> levels) in comparison.Stages())
        {
            ComparisonLevel[] array = [.. levels];
            int maxEdits = array.Where(l => l.Kind == ComparisonLevelKind.DamerauLevenshtein).Select(l => (int)l.Threshold).DefaultIfEmpty(0).Max();
            double minJw = array.Where(l => l.Kind == ComparisonLevelKind.JaroWinkler).Select(l => l.Threshold).DefaultIfEmpty(2).Min();
            stages.Add(new Stage(table.SlotOf(field), array, offset, maxEdits, minJw, maxEdits > 0 || minJw <= 1));
            offset += array.Length;
        }

        return [.. stages];
    }

    private sealed record Stage(int Slot, ComparisonLevel[] Levels, int Offset, int MaxEdits, double MinJaroWinkler, bool NeedsBounds);

    /// <summary>The slot whose values decided a level (the stage of a fallback comparison).</summary>
    public int SlotOfLevel(int c, int level)
    {
        foreach (Stage stage in _stages[c])
        {
            if (level <= stage.Offset + stage.Levels.Length)
            {
                return stage.Slot;
            }
        }

        return _slots[c];
    }

    private void SetParameters(int c, ComparisonParameters p)
    {
        _active[c] = p.IsTrained;
        for (int l = 0; l < _weights[c].Length; l++)
        {
            _weights[c][l] = l == 0 || !p.IsTrained ? 0 : p.Levels[l].Weight;
        }

        _exactM[c] = p.Levels[1].M;
        _tf[c] = p.IsTrained && p.TermFrequencyAdjusted && Comparisons[c].Levels[0].Kind == ComparisonLevelKind.Exact;
        _tfTables[c] = _tf[c] ? new Dictionary<string, double>(p.TermFrequencies, StringComparer.Ordinal) : null;
        _tfMinimum[c] = p.MinimumTermFrequency;
    }

    /// <summary>Computes term-frequency weights for values added to the table since the last call. Not thread-safe.</summary>
    public void RefreshTermFrequencies()
    {
        for (int c = 0; c < Comparisons.Length; c++)
        {
            _tfWeights[c] ??= [];
            if (!_tf[c])
            {
                continue;
            }

            ValuePool pool = Table.Pools[_slots[c]];
            if (_tfComputed[c] >= pool.Count)
            {
                continue;
            }

            if (_tfWeights[c].Length < pool.Count)
            {
                Array.Resize(ref _tfWeights[c], Math.Max(pool.Count, _tfWeights[c].Length * 2));
            }

            for (int v = _tfComputed[c]; v < pool.Count; v++)
            {
                _tfWeights[c][v] = TermFrequencyWeight(c, pool.Values[v]);
            }

            _tfComputed[c] = pool.Count;
        }
    }

    public double TermFrequencyOf(int c, string value) =>
        _tfTables[c] is { } table && table.TryGetValue(value, out double tf) ? tf : _tfMinimum[c];

    private double TermFrequencyWeight(int c, string value) => Math.Log2(_exactM[c] / TermFrequencyOf(c, value));

    /// <summary>The level of comparison <paramref name="c"/> for rows a and b: 0 missing, 1..n, n+1 else.</summary>
    public int Level(int c, int a, int b)
    {
        foreach (Stage stage in _stages[c])
        {
            int[] column = Table.Columns[stage.Slot];
            int va = column[a];
            int vb = column[b];
            if (va < 0 || vb < 0)
            {
                continue;
            }

            int level = StageLevel(stage, va, vb);
            return level < 0 ? _levelCounts[c] - 1 : stage.Offset + level;
        }

        return 0;
    }

    /// <summary>The 1-based level within a stage, or -1 for none.</summary>
    private int StageLevel(Stage stage, int va, int vb)
    {
        ComparisonLevel[] levels = stage.Levels;
        ValuePool pool = Table.Pools[stage.Slot];
        double jw = va == vb ? 1 : -1;
        int dl = va == vb ? 0 : -1;
        if (va != vb && stage.NeedsBounds)
        {
            // Cheap bounds from character histograms skip most string work for pairs that are far apart.
            string x = pool.Values[va];
            string y = pool.Values[vb];
            (int common, int l1) = HistogramBounds(x, y);
            if (stage.MaxEdits > 0 && (l1 + 1) / 2 > stage.MaxEdits)
            {
                dl = int.MaxValue;
            }

            if (stage.MinJaroWinkler <= 1)
            {
                double jaroBound = common == 0 ? 0 : (((double)common / x.Length) + ((double)common / y.Length) + 1) / 3;
                int prefix = 0;
                while (prefix < 4 && prefix < x.Length && prefix < y.Length && x[prefix] == y[prefix])
                {
                    prefix++;
                }

                if (jaroBound + (prefix * 0.1 * (1 - jaroBound)) < stage.MinJaroWinkler)
                {
                    jw = 0;
                }
            }
        }

        for (int i = 0; i < levels.Length; i++)
        {
            ComparisonLevel level = levels[i];
            bool hit;
            switch (level.Kind)
            {
                case ComparisonLevelKind.Exact:
                    hit = va == vb;
                    break;
                case ComparisonLevelKind.JaroWinkler:
                    if (jw < 0)
                    {
                        jw = StringSimilarity.JaroWinkler(pool.Values[va], pool.Values[vb]);
                    }

                    hit = jw >= level.Threshold;
                    break;
                case ComparisonLevelKind.DamerauLevenshtein:
                    if (dl < 0)
                    {
                        dl = StringSimilarity.DamerauLevenshtein(pool.Values[va], pool.Values[vb], stage.MaxEdits);
                    }

                    hit = dl <= level.Threshold;
                    break;
                case ComparisonLevelKind.DateWithinDays:
                    int da = pool.Aux[va];
                    int db = pool.Aux[vb];
                    hit = da >= 0 && db >= 0 && Math.Abs(da - db) <= level.Threshold;
                    break;
                case ComparisonLevelKind.DayMonthSwapped:
                    hit = va != vb && IsDayMonthSwap(pool.Values[va], pool.Values[vb]);
                    break;
                case ComparisonLevelKind.Initials:
                    hit = IsInitial(pool.Values[va], pool.Values[vb]) || IsInitial(pool.Values[vb], pool.Values[va]);
                    break;
                case ComparisonLevelKind.EmailLocalPart or ComparisonLevelKind.TokensReordered:
                    hit = pool.Aux[va] >= 0 && pool.Aux[va] == pool.Aux[vb];
                    break;
                default:
                    hit = false;
                    break;
            }

            if (hit)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>An upper bound on common characters and the L1 distance of the two character histograms (64 buckets).</summary>
    internal static (int Common, int L1) HistogramBounds(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> h = stackalloc int[64];
        h.Clear();
        foreach (char c in a)
        {
            h[c & 63]++;
        }

        foreach (char c in b)
        {
            h[c & 63]--;
        }

        int l1 = 0;
        foreach (int v in h)
        {
            l1 += Math.Abs(v);
        }

        return ((a.Length + b.Length - l1) / 2, l1);
    }

    private static bool IsDayMonthSwap(string a, string b) =>
        a.Length == 8 && b.Length == 8 && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4))
        && a.AsSpan(4, 2).SequenceEqual(b.AsSpan(6, 2)) && a.AsSpan(6, 2).SequenceEqual(b.AsSpan(4, 2));

    private static bool IsInitial(string initial, string other) =>
        initial.Length == 1 && other.Length > 1 && other[0] == initial[0];

    /// <summary>The weight (in bits, without the prior) of comparison c at a level for the pair.</summary>
    public double WeightOf(int c, int level, int a)
    {
        if (level == 1 && _tf[c])
        {
            int v = Table.Columns[_slots[c]][a];
            return v < _tfComputed[c] ? _tfWeights[c][v] : TermFrequencyWeight(c, Table.Pools[_slots[c]].Values[v]);
        }

        return _weights[c][level];
    }

    /// <summary>
    /// The pair's match weight without the prior (exactly as <see cref="Weight"/>), or negative infinity as soon as
    /// the weight so far plus the largest weight the remaining comparisons could add stays below
    /// <paramref name="needed"/> (less a margin of 1e-6 bits for rounding), so that the caller's threshold test gives
    /// the same answer as with the full weight.
    /// </summary>
    public double WeightOrBelow(int a, int b, double needed)
    {
        double[] rest = _maxRest;
        double floor = needed - 1e-6;
        double w = 0;
        for (int c = 0; c < _stages.Length; c++)
        {
            if (w + rest[c] < floor)
            {
                return double.NegativeInfinity;
            }

            if (!_active[c])
            {
                continue;
            }

            int level = Level(c, a, b);
            if (level != 0)
            {
                w += WeightOf(c, level, a);
            }
        }

        return w;
    }

    /// <summary>The pair's match weight without the prior.</summary>
    public double Weight(int a, int b)
    {
        double w = 0;
        for (int c = 0; c < _stages.Length; c++)
        {
            if (!_active[c])
            {
                continue;
            }

            int level = Level(c, a, b);
            if (level != 0)
            {
                w += WeightOf(c, level, a);
            }
        }

        return w;
    }

    /// <summary>The deterministic rule that holds for the pair (index into <see cref="DeterministicNames"/>), -2 for a shared external id, -1 for none.</summary>
    public int Deterministic(int a, int b)
    {
        if (MatchOnSharedExternalId && SharesExternalId(a, b))
        {
            return -2;
        }

        for (int r = 0; r < _deterministicSlots.Length; r++)
        {
            bool all = true;
            foreach (int s in _deterministicSlots[r])
            {
                int[] column = Table.Columns[s];
                if (column[a] < 0 || column[a] != column[b])
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return r;
            }
        }

        return -1;
    }

    public bool SharesExternalId(int a, int b)
    {
        string[]? x = Table.ExternalIds[a];
        string[]? y = Table.ExternalIds[b];
        if (x is null || y is null)
        {
            return false;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            int c = string.CompareOrdinal(x[i], y[j]);
            if (c == 0)
            {
                return true;
            }

            if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    public string DecidedByName(int rule) => rule == -2 ? "shared external id" : DeterministicNames[rule];

    /// <summary>Builds the explanation of a pair of rows.</summary>
    public PairExplanation Explain(int a, int b, IdentityModel model, double threshold, string? overrideName = null, double? overrideProbability = null)
    {
        var contributions = new FieldContribution[Comparisons.Length];
        double total = model.PriorWeight;
        for (int c = 0; c < Comparisons.Length; c++)
        {
            ComparisonParameters p = model.Comparisons[c];
            int level = Level(c, a, b);
            double weight = _active[c] && level != 0 ? WeightOf(c, level, a) : 0;
            bool tf = level == 1 && _tf[c];
            double m = level == 0 ? double.NaN : p.Levels[level].M;
            double u = level == 0 ? double.NaN : tf ? TermFrequencyOf(c, Table.ValueAt(_slots[c], a)!) : p.Levels[level].U;
            int slot = level == 0 ? _slots[c] : SlotOfLevel(c, level);
            total += weight;
            contributions[c] = new FieldContribution(
                Comparisons[c].Name,
                Comparisons[c].Field.DisplayName,
                level,
                Comparisons[c].LevelLabel(level),
                Table.ValueAt(slot, a),
                Table.ValueAt(slot, b),
                m,
                u,
                weight,
                tf);
        }

        int rule = Deterministic(a, b);
        string? decidedBy = overrideName ?? (rule != -1 ? DecidedByName(rule) : null);
        double probability = overrideProbability ?? (rule != -1 ? 1.0 : Probability(total));
        return new PairExplanation(Table.Records[a].Key, Table.Records[b].Key, model.PriorWeight, Array.AsReadOnly(contributions), total, probability, decidedBy, threshold);
    }

    public static double Probability(double weightWithPrior) => 1.0 / (1.0 + Math.Pow(2, -weightWithPrior));

    public static double Logit2(double probability) => Math.Log2(probability / (1 - probability));
}
