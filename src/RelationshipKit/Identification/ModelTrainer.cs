namespace RelationshipKit.Identification;

/// <summary>Unsupervised Fellegi-Sunter training: u by random pairs, m by EM per blocking rule, λ by EM over candidate pairs.</summary>
internal static class ModelTrainer
{
    internal const double HistogramMin = -256;
    internal const double HistogramBinWidth = 1.0 / 32;
    internal const int HistogramBins = 512 * 32;
    private const int MinimumSessionPairs = 20;
    private const double MSmoothing = 0.1;

    public static int HistogramBin(double weight)
    {
        int bin = (int)Math.Floor((weight - HistogramMin) / HistogramBinWidth);
        return Math.Clamp(bin, 0, HistogramBins - 1);
    }

    /// <summary>Estimates m, u and term frequencies. λ is set later by <see cref="EstimatePrior"/>.</summary>
    public static IdentityModel Train(PairScorer scorer, BlockingIndex index, IdentificationOptions options)
    {
        RecordTable table = scorer.Table;
        int comparisons = scorer.ComparisonCount;
        (long[][] uCounts, long randomPairs) = SampleRandomPairs(scorer, options);
        double[][] u = new double[comparisons][];
        bool[] trained = new bool[comparisons];
        for (int c = 0; c < comparisons; c++)
        {
            int levels = scorer.LevelCount(c);
            long total = 0;
            for (int l = 1; l < levels; l++)
            {
                total += uCounts[c][l];
            }

            trained[c] = total > 0;
            u[c] = new double[levels];
            u[c][0] = double.NaN;
            for (int l = 1; l < levels; l++)
            {
                // Half a pseudo-count per level keeps an unseen agreement finite (Jeffreys-style).
                u[c][l] = trained[c] ? (uCounts[c][l] + 0.5) / (total + (0.5 * (levels - 1))) : double.NaN;
            }
        }

        double[][] m0 = [.. Enumerable.Range(0, comparisons).Select(c => StartingM(scorer.LevelCount(c)))];
        double[][] mSum = [.. Enumerable.Range(0, comparisons).Select(c => new double[scorer.LevelCount(c)])];
        int[] mSessions = new int[comparisons];
        var sessions = new List<TrainingSessionReport>();
        var sessionRules = Enumerable.Range(0, index.RuleCount).Where(r => index.Rule(r) is { } rule && options.BlockingRules.Contains(rule)).ToArray();
        var results = new (Dictionary<UInt128, long> Patterns, long Pairs, bool[] Active)[sessionRules.Length];
        Parallel.For(0, sessionRules.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, k =>
        {
            results[k] = CollectSessionPatterns(scorer, index, sessionRules[k], trained, options);
        });

        for (int k = 0; k < sessionRules.Length; k++)
        {
            (Dictionary<UInt128, long> patterns, long pairs, bool[] active) = results[k];
            if (pairs < MinimumSessionPairs || !active.Any(a => a))
            {
                continue;
            }

            (double[][] m, double lambda, int iterations, bool converged) = Em(scorer, patterns, active, u, m0, options);
            for (int c = 0; c < comparisons; c++)
            {
                if (active[c])
                {
                    mSessions[c]++;
                    for (int l = 1; l < mSum[c].Length; l++)
                    {
                        mSum[c][l] += m[c][l];
                    }
                }
            }

            sessions.Add(new TrainingSessionReport(
                index.Names[sessionRules[k]],
                pairs,
                iterations,
                converged,
                lambda,
                Array.AsReadOnly(Enumerable.Range(0, comparisons).Where(c => active[c]).Select(c => scorer.Comparisons[c].Name).ToArray())));
        }

        var parameters = new ComparisonParameters[comparisons];
        for (int c = 0; c < comparisons; c++)
        {
            Comparison comparison = scorer.Comparisons[c];
            int levels = scorer.LevelCount(c);
            var levelParameters = new LevelParameters[levels];
            for (int l = 0; l < levels; l++)
            {
                double m = l == 0 ? double.NaN : mSessions[c] > 0 ? mSum[c][l] / mSessions[c] : m0[c][l];
                levelParameters[l] = new LevelParameters(comparison.LevelLabel(l), m, u[c][l]);
            }

            (IReadOnlyDictionary<string, double> tf, double minimum) = comparison.TermFrequencyAdjusted
                ? TermFrequencies(table.Pools[scorer.SlotOfComparison(c)])
                : (EmptyFrequencies, 0.0);
            parameters[c] = new ComparisonParameters(
                comparison.Name, comparison.Field.DisplayName, Array.AsReadOnly(levelParameters), comparison.TermFrequencyAdjusted, tf, minimum, trained[c], mSessions[c]);
        }

        return new IdentityModel(Array.AsReadOnly(parameters), 1e-6, table.Count, randomPairs, sessions.AsReadOnly());
    }

    private static readonly IReadOnlyDictionary<string, double> EmptyFrequencies = new Dictionary<string, double>();

    private static (IReadOnlyDictionary<string, double> Table, double Minimum) TermFrequencies(ValuePool pool)
    {
        long total = 0;
        for (int v = 0; v < pool.Count; v++)
        {
            total += pool.Counts[v];
        }

        if (total == 0)
        {
            return (EmptyFrequencies, 0);
        }

        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int v = 0; v < pool.Count; v++)
        {
            if (pool.Counts[v] >= 2)
            {
                table[pool.Values[v]] = (double)pool.Counts[v] / total;
            }
        }

        return (table, 1.0 / total);
    }

    /// <summary>Starting m: halves from the most similar level down, "else" last; normalised.</summary>
    internal static double[] StartingM(int levels)
    {
        double[] m = new double[levels];
        m[0] = double.NaN;
        double sum = 0;
        for (int l = 1; l < levels; l++)
        {
            m[l] = Math.Pow(0.5, l - 1);
            sum += m[l];
        }

        for (int l = 1; l < levels; l++)
        {
            m[l] /= sum;
        }

        return m;
    }

    private static (long[][] Counts, long Pairs) SampleRandomPairs(PairScorer scorer, IdentificationOptions options)
    {
        RecordTable table = scorer.Table;
        int n = table.Count;
        int comparisons = scorer.ComparisonCount;
        long totalPairs = (long)n * (n - 1) / 2;
        int[] pairA;
        int[] pairB;
        if (totalPairs <= options.MaxRandomPairs)
        {
            pairA = new int[totalPairs];
            pairB = new int[totalPairs];
            int k = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    pairA[k] = i;
                    pairB[k++] = j;
                }
            }
        }
        else
        {
            // Rank rows by key hash so that the sample does not depend on input order.
            int[] rank = [.. Enumerable.Range(0, n)];
            ulong[] hashes = table.KeyHashes[..n];
            Array.Sort(hashes, rank);
            var random = new Random(options.RandomSeed);
            pairA = new int[options.MaxRandomPairs];
            pairB = new int[options.MaxRandomPairs];
            for (int k = 0; k < pairA.Length; k++)
            {
                int i = random.Next(n);
                int j = random.Next(n - 1);
                if (j >= i)
                {
                    j++;
                }

                pairA[k] = rank[i];
                pairB[k] = rank[j];
            }
        }

        int chunks = Math.Max(1, Math.Min(64, pairA.Length / 10_000));
        long[][][] partial = new long[chunks][][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, chunk =>
        {
            long[][] counts = [.. Enumerable.Range(0, comparisons).Select(c => new long[scorer.LevelCount(c)])];
            int start = (int)((long)pairA.Length * chunk / chunks);
            int end = (int)((long)pairA.Length * (chunk + 1) / chunks);
            for (int k = start; k < end; k++)
            {
                for (int c = 0; c < comparisons; c++)
                {
                    counts[c][scorer.Level(c, pairA[k], pairB[k])]++;
                }
            }

            partial[chunk] = counts;
        });
        long[][] total = [.. Enumerable.Range(0, comparisons).Select(c => new long[scorer.LevelCount(c)])];
        foreach (long[][] counts in partial)
        {
            for (int c = 0; c < comparisons; c++)
            {
                for (int l = 0; l < counts[c].Length; l++)
                {
                    total[c][l] += counts[c][l];
                }
            }
        }

        return (total, pairA.Length);
    }

    private static (Dictionary<UInt128, long> Patterns, long Pairs, bool[] Active) CollectSessionPatterns(
        PairScorer scorer, BlockingIndex index, int rule, bool[] trained, IdentificationOptions options)
    {
        int comparisons = scorer.ComparisonCount;
        int[] ruleSlots = index.RuleSlots(rule);
        bool[] active = new bool[comparisons];
        for (int c = 0; c < comparisons; c++)
        {
            active[c] = trained[c] && !scorer.SlotsOfComparison(c).Any(ruleSlots.Contains);
        }

        long[] keys = index.SortedKeys(rule);
        int[] rows = index.SortedRows(rule);
        long available = 0;
        ForEachBlock(keys, options.MaxBlockSize, (s, e) => available += (long)(e - s) * (e - s - 1) / 2);
        double rate = Math.Min(1.0, (double)options.MaxTrainingPairsPerRule / Math.Max(1, available));
        ulong limit = rate >= 1 ? ulong.MaxValue : (ulong)(rate * ulong.MaxValue);
        ulong seed = RecordTable.Mix((ulong)options.RandomSeed + (ulong)rule);
        ulong[] hashes = scorer.Table.KeyHashes;
        var patterns = new Dictionary<UInt128, long>();
        long pairs = 0;
        ForEachBlock(keys, options.MaxBlockSize, (s, e) =>
        {
            for (int i = s; i < e; i++)
            {
                for (int j = i + 1; j < e; j++)
                {
                    int a = rows[i];
                    int b = rows[j];
                    if (limit != ulong.MaxValue && PairHash(hashes[a], hashes[b], seed) > limit)
                    {
                        continue;
                    }

                    UInt128 pattern = 0;
                    for (int c = 0; c < comparisons; c++)
                    {
                        if (active[c])
                        {
                            pattern |= (UInt128)(uint)scorer.Level(c, a, b) << (4 * c);
                        }
                    }

                    patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1;
                    pairs++;
                }
            }
        });
        return (patterns, pairs, active);
    }

    internal static ulong PairHash(ulong a, ulong b, ulong seed) =>
        RecordTable.Mix(Math.Min(a, b) ^ RecordTable.Mix(Math.Max(a, b) + seed));

    internal static void ForEachBlock(long[] keys, int maxBlockSize, Action<int, int> block)
    {
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start >= 2 && end - start <= maxBlockSize)
            {
                block(start, end);
            }

            start = end;
        }
    }

    /// <summary>EM for λ and m with u fixed, over aggregated comparison patterns (Fellegi-Sunter, Winkler 1988; Splink's parameterisation).</summary>
    internal static (double[][] M, double Lambda, int Iterations, bool Converged) Em(
        PairScorer scorer, Dictionary<UInt128, long> patternCounts, bool[] active, double[][] u, double[][] m0, IdentificationOptions options)
    {
        int comparisons = active.Length;
        UInt128[] keys = [.. patternCounts.Keys];
        Array.Sort(keys);
        int patterns = keys.Length;
        byte[,] levels = new byte[patterns, comparisons];
        double[] counts = new double[patterns];
        for (int g = 0; g < patterns; g++)
        {
            counts[g] = patternCounts[keys[g]];
            for (int c = 0; c < comparisons; c++)
            {
                levels[g, c] = (byte)((keys[g] >> (4 * c)) & 0xF);
            }
        }

        return Em(levels, counts, active, u, m0, options.MaxEmIterations, options.EmTolerance);
    }

    internal static (double[][] M, double Lambda, int Iterations, bool Converged) Em(
        byte[,] levels, double[] counts, bool[] active, double[][] u, double[][] m0, int maxIterations, double tolerance)
    {
        int patterns = counts.Length;
        int comparisons = active.Length;
        double[][] m = [.. m0.Select(x => (double[])x.Clone())];
        double lambda = 0.1;
        double[] posterior = new double[patterns];
        int iteration = 0;
        bool converged = false;
        while (iteration < maxIterations && !converged)
        {
            iteration++;
            double logPrior = Math.Log(lambda / (1 - lambda));
            double totalWeight = 0;
            double matchWeight = 0;
            for (int g = 0; g < patterns; g++)
            {
                double logit = logPrior;
                for (int c = 0; c < comparisons; c++)
                {
                    int l = levels[g, c];
                    if (active[c] && l != 0)
                    {
                        logit += Math.Log(m[c][l]) - Math.Log(u[c][l]);
                    }
                }

                posterior[g] = 1.0 / (1.0 + Math.Exp(-logit));
                totalWeight += counts[g];
                matchWeight += counts[g] * posterior[g];
            }

            lambda = Math.Clamp(matchWeight / totalWeight, 1e-9, 1 - 1e-9);
            double change = 0;
            for (int c = 0; c < comparisons; c++)
            {
                if (!active[c])
                {
                    continue;
                }

                int levelCount = m[c].Length;
                double[] sums = new double[levelCount];
                double denominator = 0;
                for (int g = 0; g < patterns; g++)
                {
                    int l = levels[g, c];
                    if (l != 0)
                    {
                        double w = counts[g] * posterior[g];
                        sums[l] += w;
                        denominator += w;
                    }
                }

                for (int l = 1; l < levelCount; l++)
                {
                    double next = (sums[l] + MSmoothing) / (denominator + (MSmoothing * (levelCount - 1)));
                    change = Math.Max(change, Math.Abs(next - m[c][l]));
                    m[c][l] = next;
                }
            }

            converged = change < tolerance;
        }

        return (m, lambda, iteration, converged);
    }

    /// <summary>
    /// λ by EM with m and u fixed: the expected number of matches over all n(n-1)/2 pairs, where pairs outside the
    /// candidate set count as non-matches. <paramref name="histogram"/> holds candidate pair weights (without prior).
    /// </summary>
    public static double EstimatePrior(long[] histogram, long certainPairs, long totalPairs)
    {
        if (totalPairs <= 0)
        {
            return 0.5;
        }

        long positive = certainPairs;
        for (int b = HistogramBin(0); b < histogram.Length; b++)
        {
            positive += histogram[b];
        }

        double lambda = Math.Clamp(Math.Max(1.0, positive) / totalPairs, 1e-15, 0.5);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double logit = Math.Log2(lambda / (1 - lambda));
            double expected = certainPairs;
            for (int b = 0; b < histogram.Length; b++)
            {
                if (histogram[b] != 0)
                {
                    double w = HistogramMin + ((b + 0.5) * HistogramBinWidth) + logit;
                    expected += histogram[b] / (1 + Math.Pow(2, -w));
                }
            }

            double next = Math.Clamp(expected / totalPairs, 1e-15, 1 - 1e-9);
            bool done = Math.Abs(next - lambda) <= 1e-9 * lambda;
            lambda = next;
            if (done)
            {
                break;
            }
        }

        return lambda;
    }
}
