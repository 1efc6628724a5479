namespace RelationshipKit.Identification;

/// <summary>String similarity measures used by comparison levels.</summary>
/// <remarks>
/// <para>Jaro and Jaro-Winkler follow Winkler (1990), "String comparator metrics and enhanced decision rules in
/// the Fellegi-Sunter model of record linkage": matching window floor(max(|a|,|b|)/2) - 1, prefix scale 0.1,
/// common prefix up to 4 characters, the prefix bonus applied to every Jaro value.
/// Damerau-Levenshtein is the unrestricted distance (adjacent transpositions may be edited again; Lowrance and
/// Wagner 1975), not the optimal-string-alignment variant.</para>
/// <para>Both compare UTF-16 code units, ordinally. Static and thread-safe; no allocation for strings up to 128 characters.</para>
/// </remarks>
public static class StringSimilarity
{
    /// <summary>The Jaro similarity, 0 (nothing in common) to 1 (equal).</summary>
    /// <param name="a">The first string.</param>
    /// <param name="b">The second string.</param>
    /// <returns>The similarity; 1 when both are empty.</returns>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 128 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 128 ? stackalloc bool[b.Length] : new bool[b.Length];
        aMatched.Clear();
        bMatched.Clear();
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int start = Math.Max(0, i - window);
            int end = Math.Min(b.Length - 1, i + window);
            for (int j = start; j <= end; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2)) / m)) / 3.0;
    }

    /// <summary>The Jaro-Winkler similarity, 0 to 1: Jaro plus a bonus for a common prefix (up to 4 characters, scale 0.1).</summary>
    /// <param name="a">The first string.</param>
    /// <param name="b">The second string.</param>
    /// <returns>The similarity.</returns>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        double jaro = Jaro(a, b);
        int prefix = 0;
        int max = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < max && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>The (unrestricted) Damerau-Levenshtein distance: the fewest insertions, deletions, substitutions and adjacent transpositions that turn one string into the other.</summary>
    /// <param name="a">The first string.</param>
    /// <param name="b">The second string.</param>
    /// <returns>The distance, 0 when equal.</returns>
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => DamerauLevenshtein(a, b, int.MaxValue);

    /// <summary>The Damerau-Levenshtein distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    /// <param name="a">The first string.</param>
    /// <param name="b">The second string.</param>
    /// <param name="max">The largest distance of interest.</param>
    /// <returns>The distance when at most <paramref name="max"/>; otherwise some value greater than <paramref name="max"/>.</returns>
    public static int DamerauLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max == int.MaxValue ? Math.Abs(a.Length - b.Length) : max + 1;
        }

        // Trim a common prefix and suffix: they never change the distance.
        int p = 0;
        while (p < a.Length && p < b.Length && a[p] == b[p])
        {
            p++;
        }

        a = a[p..];
        b = b[p..];
        int s = 0;
        while (s < a.Length && s < b.Length && a[a.Length - 1 - s] == b[b.Length - 1 - s])
        {
            s++;
        }

        a = a[..^s];
        b = b[..^s];
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        // Lowrance-Wagner: d is (|a|+2) x (|b|+2) with a sentinel row and column.
        int rows = a.Length + 2;
        int cols = b.Length + 2;
        int size = rows * cols;
        int[]? rented = null;
        Span<int> d = size <= 1024 ? stackalloc int[size] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(size)).AsSpan(0, size);
        int inf = a.Length + b.Length;
        d[0] = inf;
        for (int i = 0; i <= a.Length; i++)
        {
            d[((i + 1) * cols) + 0] = inf;
            d[((i + 1) * cols) + 1] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[(0 * cols) + j + 1] = inf;
            d[(1 * cols) + j + 1] = j;
        }

        // Last row in which each character was seen in a (small map; strings are short).
        Span<char> seenChars = stackalloc char[64];
        Span<int> seenRows = stackalloc int[64];
        int seen = 0;
        try
        {
            for (int i = 1; i <= a.Length; i++)
            {
                int db = 0;
                for (int j = 1; j <= b.Length; j++)
                {
                    int i1 = LastRow(seenChars, seenRows, seen, b[j - 1]);
                    int j1 = db;
                    int cost = 1;
                    if (a[i - 1] == b[j - 1])
                    {
                        cost = 0;
                        db = j;
                    }

                    int substitution = d[(i * cols) + j] + cost;
                    int insertion = d[((i + 1) * cols) + j] + 1;
                    int deletion = d[(i * cols) + j + 1] + 1;
                    int transposition = d[(i1 * cols) + j1] + (i - i1 - 1) + 1 + (j - j1 - 1);
                    d[((i + 1) * cols) + j + 1] = Math.Min(Math.Min(substitution, insertion), Math.Min(deletion, transposition));
                }

                seen = Remember(seenChars, seenRows, seen, a[i - 1], i);
            }

            return d[((a.Length + 1) * cols) + b.Length + 1];
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private static int LastRow(Span<char> chars, Span<int> rows, int count, char c)
    {
        for (int k = 0; k < count; k++)
        {
            if (chars[k] == c)
            {
                return rows[k];
            }
        }

        return 0;
    }

    private static int Remember(Span<char> chars, Span<int> rows, int count, char c, int row)
    {
        for (int k = 0; k < count; k++)
        {
            if (chars[k] == c)
            {
                rows[k] = row;
                return count;
            }
        }

        if (count < chars.Length)
        {
            chars[count] = c;
            rows[count] = row;
            return count + 1;
        }

        // More than 64 distinct characters: fall back to forgetting the oldest (the distance may be overstated, never understated below the OSA bound).
        chars[..^1].CopyTo(chars[1..]);
        rows[..^1].CopyTo(rows[1..]);
        chars[0] = c;
        rows[0] = row;
        return count;
    }
}
