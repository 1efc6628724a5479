using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RelationshipKit.Internal;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The hot-path form of <see cref="RfmBins"/>: edges in up to three 256-bit vectors (padded with +∞), counted with
/// one compare and a population count per vector; edges with a customer-id tie-breaker in their own vectors (padded
/// with NaN, which equals nothing), so that only a value equal to such an edge takes the slow path.
/// </summary>
internal sealed class RfmBinKernel
{
    public const int MaxEdges = 12;
    private const int TieBatch = 512;

    private readonly Vector256<double> _e0;
    private readonly Vector256<double> _e1;
    private readonly Vector256<double> _e2;
    private readonly Vector256<double> _c0;
    private readonly Vector256<double> _c1;
    private readonly Vector256<double> _c2;
    private readonly double[] _edges;
    private readonly double[]? _cutValues;
    private readonly string[]? _cutIds;
    private readonly OrdinalPrefix[]? _cutPrefixes;

    public RfmBinKernel(double[] edges, CustomerId?[] tieBreakers)
    {
        _edges = edges;
        Span<double> padded = stackalloc double[MaxEdges];
        padded.Fill(double.PositiveInfinity);
        edges.CopyTo(padded);
        _e0 = Vector256.Create<double>(padded[..4]);
        _e1 = Vector256.Create<double>(padded[4..8]);
        _e2 = Vector256.Create<double>(padded[8..12]);
        Vectors = (edges.Length + 3) / 4;

        padded.Fill(double.NaN);
        int cuts = 0;
        for (int j = 0; j < edges.Length; j++)
        {
            if (tieBreakers[j].HasValue)
            {
                padded[cuts++] = edges[j];
            }
        }

        _c0 = Vector256.Create<double>(padded[..4]);
        _c1 = Vector256.Create<double>(padded[4..8]);
        _c2 = Vector256.Create<double>(padded[8..12]);
        CutVectors = (cuts + 3) / 4;
        if (cuts > 0)
        {
            _cutValues = padded[..cuts].ToArray();
            _cutIds = new string[cuts];
            _cutPrefixes = new OrdinalPrefix[cuts];
            int c = 0;
            for (int j = 0; j < edges.Length; j++)
            {
                if (tieBreakers[j] is { } id)
                {
                    _cutPrefixes[c] = OrdinalPrefix.Of(id.Value);
                    _cutIds[c++] = id.Value;
                }
            }
        }
    }

    /// <summary>The k − 1 edges, non-decreasing.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The values of the tie-broken edges (empty when there are none).</summary>
    public ReadOnlySpan<double> CutValues => _cutValues;

    /// <summary>The tie-breaker ids of the tie-broken edges, in the order of <see cref="CutValues"/>.</summary>
    public ReadOnlySpan<string> CutIds => _cutIds;

    /// <summary>The <see cref="OrdinalPrefix"/> of each of <see cref="CutIds"/>.</summary>
    public ReadOnlySpan<OrdinalPrefix> CutPrefixes => _cutPrefixes;

    /// <summary>How many vectors hold edges (1 for k ≤ 5, 2 for k ≤ 9, 3 for k = 10).</summary>
    public int Vectors { get; }

    /// <summary>How many vectors hold tie-broken edges (0 when there are none).</summary>
    public int CutVectors { get; }

    /// <summary>The bin (1..k) of one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bin(double value, CustomerId customerId)
    {
        int below;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> v = Vector256.Create(value);
            below = BitOperations.PopCount(Vector256.LessThan(_e0, v).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector256.LessThan(_e1, v).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector256.LessThan(_e2, v).ExtractMostSignificantBits());
        }
        else
        {
            below = 0;
            foreach (double e in _edges)
            {
                below += e < value ? 1 : 0;
            }
        }

        if (_cutIds is not null)
        {
            below += TiesAbove(value, customerId);
        }

        return below + 1;
    }

    /// <summary>Whether some edge carries a tie-breaker, so that <see cref="CountBelow"/> needs the ids' keys.</summary>
    public bool HasTieBreakers => _cutIds is not null;

    /// <summary>
    /// Writes the 0-based bin of each value (the number of edges below it, tie-breakers applied). With tie-breakers,
    /// <paramref name="keys"/> holds the rows' keys in <paramref name="keyColumn"/> (see <see cref="OrdinalKeyColumn"/>),
    /// or, when <paramref name="keyColumn"/> is <see langword="null"/>, the tied rows' id strings are read; without
    /// tie-breakers both are ignored.
    /// </summary>
    public void CountBelow(ReadOnlySpan<double> values, ReadOnlySpan<CustomerId> ids, OrdinalKeyColumn? keyColumn, ReadOnlySpan<OrdinalPrefix> keys, Span<int> below)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < values.Length; i++)
            {
                below[i] = Bin(values[i], ids[i]) - 1;
            }

            return;
        }

        Vector256<double> e0 = _e0;
        Vector256<double> e1 = _e1;
        Vector256<double> e2 = _e2;
        below = below[..values.Length];
        switch (Vectors)
        {
            case 1:
                for (int i = 0; i < below.Length; i++)
                {
                    Vector256<double> v = Vector256.Create(values[i]);
                    below[i] = BitOperations.PopCount(Vector256.LessThan(e0, v).ExtractMostSignificantBits());
                }

                break;
            case 2:
                for (int i = 0; i < below.Length; i++)
                {
                    Vector256<double> v = Vector256.Create(values[i]);
                    below[i] = BitOperations.PopCount(Vector256.LessThan(e0, v).ExtractMostSignificantBits())
                        + BitOperations.PopCount(Vector256.LessThan(e1, v).ExtractMostSignificantBits());
                }

                break;
            default:
                for (int i = 0; i < below.Length; i++)
                {
                    Vector256<double> v = Vector256.Create(values[i]);
                    below[i] = BitOperations.PopCount(Vector256.LessThan(e0, v).ExtractMostSignificantBits())
                        + BitOperations.PopCount(Vector256.LessThan(e1, v).ExtractMostSignificantBits())
                        + BitOperations.PopCount(Vector256.LessThan(e2, v).ExtractMostSignificantBits());
                }

                break;
        }

        if (_cutIds is null)
        {
            return;
        }

        if (keyColumn is null)
        {
            TiesAboveFromStrings(values, ids, below);
            return;
        }

        // Each tie-broken edge against the key column: decided for every id by the ids' common prefix, or a 16-byte
        // key to compare with the row's key (the strings only when the keys are equal).
        string[] cutIds = _cutIds;
        double[] cutValues = _cutValues!;
        Span<int> decided = stackalloc int[cutIds.Length];
        Span<OrdinalPrefix> cutKeys = stackalloc OrdinalPrefix[cutIds.Length];
        for (int c = 0; c < cutIds.Length; c++)
        {
            (decided[c], cutKeys[c]) = keyColumn.Against(cutIds[c]);
        }

        // Only a value equal to a tie-broken edge needs its key compared: find those rows first (branch-free), then
        // compare their keys, which are read from a sequential column.
        Vector256<double> c0 = _c0;
        Vector256<double> c1 = _c1;
        Vector256<double> c2 = _c2;
        Span<int> tied = stackalloc int[Math.Min(below.Length, TieBatch)];
        for (int offset = 0; offset < below.Length; offset += tied.Length)
        {
            int end = Math.Min(below.Length, offset + tied.Length);
            int count = 0;
            for (int i = offset; i < end; i++)
            {
                Vector256<double> v = Vector256.Create(values[i]);
                Vector256<double> equal = Vector256.Equals(c0, v) | Vector256.Equals(c1, v) | Vector256.Equals(c2, v);
                tied[count] = i;
                count += equal == Vector256<double>.Zero ? 0 : 1;
            }

            for (int t = 0; t < count; t++)
            {
                int i = tied[t];
                double value = values[i];
                OrdinalPrefix key = keys[i];
                int above = 0;
                for (int c = 0; c < cutValues.Length; c++)
                {
                    if (cutValues[c] != value)
                    {
                        continue;
                    }

                    int order = decided[c];
                    if (order == 0)
                    {
                        order = OrdinalPrefix.Compare(key, cutKeys[c]);
                        if (order == 0)
                        {
                            order = string.CompareOrdinal(ids[i].Value, cutIds[c]);
                        }
                    }

                    above += order > 0 ? 1 : 0;
                }

                below[i] += above;
            }
        }
    }

    /// <summary>
    /// The tie-breakers without a key column (a table's first scoring): rows equal to a tie-broken edge are found
    /// branch-free, then the first eight units of their ids are read in a loop of independent loads (so that cache
    /// misses overlap), then compared.
    /// </summary>
    private void TiesAboveFromStrings(ReadOnlySpan<double> values, ReadOnlySpan<CustomerId> ids, Span<int> below)
    {
        Vector256<double> c0 = _c0;
        Vector256<double> c1 = _c1;
        Vector256<double> c2 = _c2;
        Span<int> tied = stackalloc int[Math.Min(below.Length, TieBatch)];
        Span<OrdinalPrefix> prefixes = stackalloc OrdinalPrefix[tied.Length];
        for (int offset = 0; offset < below.Length; offset += tied.Length)
        {
            int end = Math.Min(below.Length, offset + tied.Length);
            int count = 0;
            for (int i = offset; i < end; i++)
            {
                Vector256<double> v = Vector256.Create(values[i]);
                Vector256<double> equal = Vector256.Equals(c0, v) | Vector256.Equals(c1, v) | Vector256.Equals(c2, v);
                tied[count] = i;
                count += equal == Vector256<double>.Zero ? 0 : 1;
            }

            for (int t = 0; t < count; t++)
            {
                prefixes[t] = OrdinalPrefix.Of(ids[tied[t]].Value);
            }

            for (int t = 0; t < count; t++)
            {
                int i = tied[t];
                below[i] += TiesAbove(values[i], ids[i].Value, prefixes[t]);
            }
        }
    }

    private int TiesAbove(double value, CustomerId customerId) =>
        TiesAbove(value, customerId.Value, OrdinalPrefix.Of(customerId.Value));

    private int TiesAbove(double value, string id, OrdinalPrefix prefix)
    {
        int above = 0;
        double[] values = _cutValues!;
        string[] ids = _cutIds!;
        OrdinalPrefix[] prefixes = _cutPrefixes!;
        for (int c = 0; c < values.Length; c++)
        {
            if (values[c] == value && OrdinalPrefix.Compare(id, prefix, ids[c], prefixes[c]) > 0)
            {
                above++;
            }
        }

        return above;
    }
}
