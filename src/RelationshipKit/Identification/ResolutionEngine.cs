using System.Globalization;

namespace RelationshipKit.Identification;

/// <summary>One kept candidate pair of the scoring pass.</summary>
internal readonly record struct CandidatePair(int A, int B, double Weight, int DecidedBy);

/// <summary>The shared machinery of batch and incremental resolution for one set of options.</summary>
internal sealed class ResolutionEngine
{
    public ResolutionEngine(IdentificationOptions options, IPhoneNumberNormalizer? phoneNumberNormalizer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        Options = options.Clone();
        TimeProvider = timeProvider;
        Normalizer = new IdentityNormalizer(Options.Normalization, phoneNumberNormalizer);
        Comparisons = [.. Options.Comparisons];
        DeterministicRules = [.. Options.DeterministicRules];
        KeyRules = [.. DeterministicRules.Select(r => r.BlockingRule), .. Options.BlockingRules];
        var slots = new List<FieldSelector>();
        void Use(FieldSelector f)
        {
            if (!slots.Contains(f))
            {
                slots.Add(f);
            }
        }

        foreach (Comparison c in Comparisons)
        {
            foreach ((FieldSelector field, _) in c.Stages())
            {
                Use(field);
            }
        }

        foreach (BlockingRule r in KeyRules)
        {
            foreach (BlockingKeyPart p in r.Parts)
            {
                Use(p.Field);
            }
        }

        foreach (FieldSelector f in Options.TrustedFields)
        {
            Use(f);
        }

        Slots = [.. slots];
        ComparisonSlots = [.. Comparisons.Select(c => Array.IndexOf(Slots, c.Field))];
        TrustedSlots = [.. Options.TrustedFields.Distinct().Select(f => Array.IndexOf(Slots, f))];
        ThresholdWeight = PairScorer.Logit2(Options.MatchThreshold);
    }

    public IdentificationOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public IdentityNormalizer Normalizer { get; }

    public Comparison[] Comparisons { get; }

    public DeterministicRule[] DeterministicRules { get; }

    public BlockingRule[] KeyRules { get; }

    public FieldSelector[] Slots { get; }

    public int[] ComparisonSlots { get; }

    public int[] TrustedSlots { get; }

    public double ThresholdWeight { get; }

    public static IReadOnlyList<IdentityRecord> Materialize(IEnumerable<IdentityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<IdentityRecord> list = records as IReadOnlyList<IdentityRecord> ?? [.. records];
        var seen = new HashSet<IdentityRecordKey>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            IdentityRecord? r = list[i] ?? throw new InvalidIdentityRecordException("record", $"Record {i} is null.", i);
            if (!seen.Add(r.Key))
            {
                throw new InvalidIdentityRecordException(nameof(IdentityRecord.SourceRecordId), $"Record {i} repeats the key {r.Key}; each source record id may appear once per source.", i);
            }
        }

        return list;
    }

    public RecordTable CreateTable(IReadOnlyList<IdentityRecord> records) =>
        RecordTable.Build(records, Normalizer, Slots, Options.MaxDegreeOfParallelism);

    public BlockingIndex CreateIndex(RecordTable table, bool build)
    {
        var index = new BlockingIndex(table, KeyRules, Options.MatchOnSharedExternalId, Options.MaxBlockSize);
        if (build)
        {
            index.Build(Options.MaxDegreeOfParallelism);
        }

        return index;
    }

    public PairScorer CreateScorer(RecordTable table, IdentityModel? model)
    {
        if (model is not null)
        {
            CheckModel(model);
        }

        return new PairScorer(table, Comparisons, ComparisonSlots, model?.Comparisons, DeterministicRules, Options.MatchOnSharedExternalId);
    }

    public void CheckModel(IdentityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool fits = model.Comparisons.Count == Comparisons.Length;
        for (int c = 0; fits && c < Comparisons.Length; c++)
        {
            fits = model.Comparisons[c].Name == Comparisons[c].Name && model.Comparisons[c].Levels.Count == Comparisons[c].LevelCount
                && model.Comparisons[c].TermFrequencyAdjusted == Comparisons[c].TermFrequencyAdjusted;
            for (int l = 1; fits && l < Comparisons[c].LevelCount - 1; l++)
            {
                fits = string.Equals(model.Comparisons[c].Levels[l].Label, Comparisons[c].LevelLabel(l), StringComparison.Ordinal);
            }
        }

        if (!fits)
        {
            throw new ArgumentException(
                "The model was trained with other comparisons than IdentificationOptions.Comparisons (names, level labels and thresholds, and term-frequency settings must match, in order).",
                nameof(model));
        }
    }

    /// <summary>Scores every candidate pair once; keeps pairs with weight at least <paramref name="keepWeight"/> (without prior) or decided by a rule.</summary>
    public ScorePass Score(PairScorer scorer, BlockingIndex index, double keepWeight)
    {
        int rules = index.RuleCount;
        var runs = new List<(int Rule, int Start, int End, long Pairs)>();
        int[] oversized = new int[rules];
        long[] oversizedRecords = new long[rules];
        long totalPairs = 0;
        for (int r = 0; r < rules; r++)
        {
            long[] keys = index.SortedKeys(r);
            for (int start = 0; start < keys.Length;)
            {
                int end = start + 1;
                while (end < keys.Length && keys[end] == keys[start])
                {
                    end++;
                }

                int size = end - start;
                if (size > Options.MaxBlockSize)
                {
                    oversized[r]++;
                    oversizedRecords[r] += size;
                }
                else if (size >= 2)
                {
                    long pairs = (long)size * (size - 1) / 2;
                    runs.Add((r, start, end, pairs));
                    totalPairs += pairs;
                }

                start = end;
            }
        }

        int dop = Options.MaxDegreeOfParallelism;
        int chunkCount = Math.Max(1, Math.Min(dop * 16, runs.Count));
        var chunkStarts = new List<int> { 0 };
        long target = Math.Max(1, totalPairs / chunkCount);
        long acc = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            acc += runs[i].Pairs;
            if (acc >= target && i + 1 < runs.Count)
            {
                chunkStarts.Add(i + 1);
                acc = 0;
            }
        }

        chunkStarts.Add(runs.Count);
        int chunks = chunkStarts.Count - 1;
        var results = new ChunkResult[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = dop }, chunk =>
        {
            var result = new ChunkResult(rules);
            for (int k = chunkStarts[chunk]; k < chunkStarts[chunk + 1]; k++)
            {
                (int r, int start, int end, long pairs) = runs[k];
                int[] rows = index.SortedRows(r);
                result.Raw[r] += pairs;
                for (int i = start; i < end; i++)
                {
                    for (int j = i + 1; j < end; j++)
                    {
                        int a = rows[i];
                        int b = rows[j];
                        if (a == b || index.ProducedByEarlierRule(r, a, b))
                        {
                            continue;
                        }

                        if (a > b)
                        {
                            (a, b) = (b, a);
                        }

                        // A row with two external ids in one block would give the pair twice; count it once.
                        if (index.Rule(r) is null && result.SeenExternal is { } seen && !seen.Add(((long)a << 32) | (uint)b))
                        {
                            continue;
                        }

                        result.New[r]++;
                        int decided = scorer.Deterministic(a, b);
                        double w = scorer.Weight(a, b);
                        if (decided != -1)
                        {
                            result.Certain++;
                            result.Kept.Add(new CandidatePair(a, b, w, decided));
                            continue;
                        }

                        result.Histogram[ModelTrainer.HistogramBin(w)]++;
                        if (w >= keepWeight)
                        {
                            result.Kept.Add(new CandidatePair(a, b, w, -1));
                        }
                    }
                }
            }

            results[chunk] = result;
        });

        var pass = new ScorePass(rules);
        foreach (ChunkResult result in results)
        {
            pass.Kept.AddRange(result.Kept);
            pass.Certain += result.Certain;
            for (int b = 0; b < result.Histogram.Length; b++)
            {
                pass.Histogram[b] += result.Histogram[b];
            }

            for (int r = 0; r < rules; r++)
            {
                pass.New[r] += result.New[r];
                pass.Raw[r] += result.Raw[r];
            }
        }

        // External-id blocks may repeat pairs across chunks: remove repeats (same pair, same rule 0).
        if (index.HasExternalIdRule)
        {
            var unique = new HashSet<long>();
            int removed = 0;
            pass.Kept.RemoveAll(p =>
            {
                if (p.DecidedBy == -2 && !unique.Add(((long)p.A << 32) | (uint)p.B))
                {
                    removed++;
                    return true;
                }

                return false;
            });
            pass.New[0] -= removed;
            pass.Certain -= removed;
        }

        var reports = new BlockingRuleReport[rules];
        for (int r = 0; r < rules; r++)
        {
            reports[r] = new BlockingRuleReport(index.Names[r], pass.New[r], pass.Raw[r], oversized[r], oversizedRecords[r]);
        }

        pass.Report = new BlockingReport(Array.AsReadOnly(reports), scorer.Table.Count);
        return pass;
    }

    /// <summary>Clusters rows 0..count-1 from accepted pairs, applying overrides and merge protection; returns each row's root.</summary>
    public Clusterer Cluster(PairScorer scorer, IdentityModel model, List<CandidatePair> kept, IReadOnlyDictionary<IdentityRecordKey, int> rowOf, IEnumerable<MatchOverride>? overrides, List<MatchedPair> accepted)
    {
        RecordTable table = scorer.Table;
        double prior = model.PriorWeight;
        Func<int, int, double>? linkage = Options.Clustering == ClusteringMethod.AverageLinkage
            ? (a, b) => scorer.Deterministic(a, b) != -1 ? 1.0 : PairScorer.Probability(scorer.Weight(a, b) + prior)
            : null;
        var clusterer = new Clusterer(table, table.Count, TrustedSlots, Options.ExternalIdLimits, linkage, Options.MatchThreshold);
        var always = new List<(int A, int B)>();
        var never = new HashSet<long>();
        foreach (MatchOverride o in overrides ?? [])
        {
            if (!rowOf.TryGetValue(o.First, out int a) || !rowOf.TryGetValue(o.Second, out int b) || a == b)
            {
                continue;
            }

            if (o.Kind == MatchOverrideKind.NeverMatch)
            {
                clusterer.AddNeverMatch(a, b);
                never.Add(PairKey(a, b));
            }
            else
            {
                always.Add((a, b));
            }
        }

        foreach ((int a, int b) in always)
        {
            if (clusterer.TryUnion(a, b, force: true))
            {
                accepted.Add(new MatchedPair(table.Records[a].Key, table.Records[b].Key, 1, double.PositiveInfinity, "always-match override"));
            }
        }

        ulong[] hashes = table.KeyHashes;
        var edges = kept.Where(p => p.DecidedBy != -1 || p.Weight + prior >= ThresholdWeight).ToArray();
        Array.Sort(edges, (x, y) =>
        {
            int c = (y.DecidedBy != -1).CompareTo(x.DecidedBy != -1);
            if (c != 0)
            {
                return c;
            }

            c = y.Weight.CompareTo(x.Weight);
            if (c != 0)
            {
                return c;
            }

            c = Math.Min(hashes[x.A], hashes[x.B]).CompareTo(Math.Min(hashes[y.A], hashes[y.B]));
            return c != 0 ? c : Math.Max(hashes[x.A], hashes[x.B]).CompareTo(Math.Max(hashes[y.A], hashes[y.B]));
        });
        foreach (CandidatePair edge in edges)
        {
            if (never.Contains(PairKey(edge.A, edge.B)))
            {
                continue;
            }

            double weight = edge.Weight + prior;
            accepted.Add(new MatchedPair(
                table.Records[edge.A].Key,
                table.Records[edge.B].Key,
                edge.DecidedBy != -1 ? 1.0 : PairScorer.Probability(weight),
                weight,
                edge.DecidedBy != -1 ? scorer.DecidedByName(edge.DecidedBy) : null));
            clusterer.TryUnion(edge.A, edge.B, force: false);
        }

        return clusterer;
    }

    internal static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>The customer id derived from an anchor record: <c>cus_</c> and 16 hex digits of a stable hash of its key.</summary>
    internal static CustomerId IdFor(IdentityRecordKey anchor, Func<CustomerId, bool> taken)
    {
        string baseId = "cus_" + RecordTable.KeyHash(anchor).ToString("x16", CultureInfo.InvariantCulture);
        var id = new CustomerId(baseId);
        for (int suffix = 2; taken(id); suffix++)
        {
            id = new CustomerId(baseId + "-" + suffix.ToString(CultureInfo.InvariantCulture));
        }

        return id;
    }

    /// <summary>Whether row a is an earlier anchor than row b: earlier observation, then smaller key.</summary>
    internal static bool AnchorsBefore(IdentityRecord a, IdentityRecord b)
    {
        int c = a.ObservedAt.CompareTo(b.ObservedAt);
        return c != 0 ? c < 0 : a.Key < b.Key;
    }

    private sealed class ChunkResult(int rules)
    {
        public List<CandidatePair> Kept { get; } = [];

        public long[] Histogram { get; } = new long[ModelTrainer.HistogramBins];

        public long[] New { get; } = new long[rules];

        public long[] Raw { get; } = new long[rules];

        public long Certain { get; set; }

        public HashSet<long>? SeenExternal { get; } = [];
    }
}

/// <summary>The outcome of scoring all candidate pairs.</summary>
internal sealed class ScorePass(int rules)
{
    public List<CandidatePair> Kept { get; } = [];

    public long[] Histogram { get; } = new long[ModelTrainer.HistogramBins];

    public long[] New { get; } = new long[rules];

    public long[] Raw { get; } = new long[rules];

    public long Certain { get; set; }

    public BlockingReport Report { get; set; } = null!;
}
