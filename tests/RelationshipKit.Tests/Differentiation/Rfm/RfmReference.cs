namespace RelationshipKit.Tests.Differentiation.Rfm;

/// <summary>
/// A slow, independent reference for quantile bins: sort by (value, id), rank, and apply the qcut edges
/// 1 + (n − 1)·j/k with exact rational comparisons; Shared uses the mid-rank of each run of equal values.
/// </summary>
internal static class RfmReference
{
    public static int[] FirstBins(IReadOnlyList<double> values, IReadOnlyList<string> ids, int k)
    {
        int n = values.Count;
        int[] order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => ids[i], StringComparer.Ordinal).ToArray();
        var bins = new int[n];
        for (int r = 1; r <= n; r++)
        {
            bins[order[r - 1]] = BinOfRank(2L * r, n, k);
        }

        return bins;
    }

    public static int[] SharedBins(IReadOnlyList<double> values, int k)
    {
        int n = values.Count;
        int[] order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var bins = new int[n];
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            // Ranks start + 1 .. end + 1; twice the mid-rank is start + end + 2.
            int bin = BinOfRank(start + end + 2L, n, k);
            for (int i = start; i <= end; i++)
            {
                bins[order[i]] = bin;
            }

            start = end + 1;
        }

        return bins;
    }

    /// <summary>The bin of a rank given as twice its value (so that mid-ranks stay integers): the smallest j with rank ≤ e(j).</summary>
    private static int BinOfRank(long twiceRank, int n, int k)
    {
        if (n == 1)
        {
            return 1;
        }

        // rank ≤ 1 + (n − 1)·j/k  ⇔  k·(2·rank − 2) ≤ 2·(n − 1)·j
        for (int j = 1; j <= k; j++)
        {
            if (k * (twiceRank - 2) <= 2L * (n - 1) * j)
            {
                return j;
            }
        }

        return k;
    }
}
