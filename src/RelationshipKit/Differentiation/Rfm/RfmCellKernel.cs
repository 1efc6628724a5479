using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RelationshipKit.Internal;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The span-scoring kernel of an <see cref="RfmModel"/>: the cell indices of a chunk of customers from their three
/// values, four customers per vector. Each dimension's edges are broadcast once; a customer's cell index is built by
/// adding, per edge below its value, the dimension's weight in the index (−k² for recency, whose score is
/// k + 1 − bin; k for frequency; 1 for monetary), with no branch and no per-dimension bin column. Customers whose
/// value equals a tie-broken edge are listed in the same pass (branch-free) and corrected afterwards, comparing
/// their ids with the tie-breakers; in the default data most customers are never looked at twice.
/// </summary>
/// <remarks>
/// Gives exactly the bins of <see cref="RfmBinKernel.Bin"/> (the same comparisons, only batched). Used when 256-bit
/// vectors are hardware-accelerated; otherwise the model counts each dimension with <see cref="RfmBinKernel.CountBelow"/>.
/// Immutable, thread-safe.
/// </remarks>
internal sealed class RfmCellKernel
{
    /// <summary>Rows per chunk: a multiple of the eight rows handled per step.</summary>
    public const int Chunk = 256;

    /// <summary>Slots per dimension in the tie tables of <see cref="PrepareTies"/>.</summary>
    public const int TieSlots = RfmBinKernel.MaxEdges;

    private readonly RfmBinKernel _recency;
    private readonly RfmBinKernel _frequency;
    private readonly RfmBinKernel _monetary;
    private readonly Vector256<double>[] _recencyEdges;
    private readonly Vector256<double>[] _frequencyEdges;
    private readonly Vector256<double>[] _monetaryEdges;
    private readonly Vector256<double>[] _recencyCuts;
    private readonly Vector256<double>[] _frequencyCuts;
    private readonly Vector256<double>[] _monetaryCuts;
    private readonly int _k;

    public RfmCellKernel(RfmBins recency, RfmBins frequency, RfmBins monetary, int k)
    {
        _k = k;
        _recency = recency.Kernel;
        _frequency = frequency.Kernel;
        _monetary = monetary.Kernel;
        _recencyEdges = Broadcast(_recency.Edges);
        _frequencyEdges = Broadcast(_frequency.Edges);
        _monetaryEdges = Broadcast(_monetary.Edges);
        _recencyCuts = BroadcastDistinct(_recency.CutValues);
        _frequencyCuts = BroadcastDistinct(_frequency.CutValues);
        _monetaryCuts = BroadcastDistinct(_monetary.CutValues);
        HasTieBreakers = _recency.HasTieBreakers || _frequency.HasTieBreakers || _monetary.HasTieBreakers;
    }

    /// <summary>Whether this kernel runs here (256-bit vectors in hardware).</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>Whether some edge of some dimension carries a tie-breaker.</summary>
    public bool HasTieBreakers { get; }

    /// <summary>
    /// Fills, for one scoring call, how each tie-broken edge compares with the ids: per edge of dimension d (slot
    /// d·<see cref="TieSlots"/> + c), decided for every id of <paramref name="keyColumn"/> (±1) or 0 with the key to
    /// compare the rows' keys with; without a key column, 0 and the tie-breaker's own prefix (the rows' prefixes are
    /// then read from their ids).
    /// </summary>
    public void PrepareTies(OrdinalKeyColumn? keyColumn, Span<int> decided, Span<OrdinalPrefix> cutKeys)
    {
        Prepare(_recency, keyColumn, decided[..TieSlots], cutKeys[..TieSlots]);
        Prepare(_frequency, keyColumn, decided.Slice(TieSlots, TieSlots), cutKeys.Slice(TieSlots, TieSlots));
        Prepare(_monetary, keyColumn, decided.Slice(2 * TieSlots, TieSlots), cutKeys.Slice(2 * TieSlots, TieSlots));
    }

    /// <summary>
    /// Writes the cell index of rows [0, length) of a chunk: (k − R)·k² + (F − 1)·k + (M − 1).
    /// </summary>
    /// <param name="recency">The rows' recency values; at least <paramref name="length"/> rounded up to 8 long (the
    /// padding is read and ignored).</param>
    /// <param name="frequency">The rows' frequency values, padded likewise.</param>
    /// <param name="monetary">The rows' monetary values, padded likewise.</param>
    /// <param name="length">The number of rows, at most <see cref="Chunk"/>.</param>
    /// <param name="ids">The rows' ids.</param>
    /// <param name="keys">The rows' keys in the scoring call's key column, or empty without one.</param>
    /// <param name="decided">From <see cref="PrepareTies"/>.</param>
    /// <param name="cutKeys">From <see cref="PrepareTies"/>.</param>
    /// <param name="cells">Receives the cell indices; padded likewise.</param>
    /// <param name="tied">Scratch of <see cref="Chunk"/> rows.</param>
    /// <param name="rowKeys">Scratch of <see cref="Chunk"/> keys.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Cells(
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> monetary,
        int length,
        ReadOnlySpan<CustomerId> ids,
        ReadOnlySpan<OrdinalPrefix> keys,
        ReadOnlySpan<int> decided,
        ReadOnlySpan<OrdinalPrefix> cutKeys,
        Span<int> cells,
        Span<int> tied,
        Span<OrdinalPrefix> rowKeys)
    {
        int k = _k;
        int rounded = (length + 7) & ~7;
        if (rounded > Chunk || recency.Length < rounded || frequency.Length < rounded || monetary.Length < rounded || cells.Length < rounded
            || tied.Length < Chunk || rowKeys.Length < Chunk)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        ReadOnlySpan<Vector256<double>> recencyEdges = _recencyEdges;
        ReadOnlySpan<Vector256<double>> frequencyEdges = _frequencyEdges;
        ReadOnlySpan<Vector256<double>> monetaryEdges = _monetaryEdges;
        ReadOnlySpan<Vector256<double>> recencyCuts = _recencyCuts;
        ReadOnlySpan<Vector256<double>> frequencyCuts = _frequencyCuts;
        ReadOnlySpan<Vector256<double>> monetaryCuts = _monetaryCuts;
        Vector256<long> top = Vector256.Create((long)(k - 1) * k * k);
        Vector256<long> recencyWeight = Vector256.Create((long)k * k);
        Vector256<long> frequencyWeight = Vector256.Create((long)k);
        ref double r = ref MemoryMarshal.GetReference(recency);
        ref double f = ref MemoryMarshal.GetReference(frequency);
        ref double m = ref MemoryMarshal.GetReference(monetary);
        ref int cell = ref MemoryMarshal.GetReference(cells);
        bool hasTies = HasTieBreakers;
        int tiedCount = 0;
        for (int i = 0; i < rounded; i += 8)
        {
            Vector256<double> r0 = Vector256.LoadUnsafe(ref r, (nuint)i);
            Vector256<double> r1 = Vector256.LoadUnsafe(ref r, (nuint)(i + 4));
            Vector256<double> f0 = Vector256.LoadUnsafe(ref f, (nuint)i);
            Vector256<double> f1 = Vector256.LoadUnsafe(ref f, (nuint)(i + 4));
            Vector256<double> m0 = Vector256.LoadUnsafe(ref m, (nuint)i);
            Vector256<double> m1 = Vector256.LoadUnsafe(ref m, (nuint)(i + 4));
            Vector256<long> a0 = top;
            Vector256<long> a1 = top;
            foreach (Vector256<double> e in recencyEdges)
            {
                a0 -= Vector256.LessThan(e, r0).AsInt64() & recencyWeight;
                a1 -= Vector256.LessThan(e, r1).AsInt64() & recencyWeight;
            }

            foreach (Vector256<double> e in frequencyEdges)
            {
                a0 += Vector256.LessThan(e, f0).AsInt64() & frequencyWeight;
                a1 += Vector256.LessThan(e, f1).AsInt64() & frequencyWeight;
            }

            foreach (Vector256<double> e in monetaryEdges)
            {
                a0 -= Vector256.LessThan(e, m0).AsInt64(); // all ones (−1) per edge below: +1
                a1 -= Vector256.LessThan(e, m1).AsInt64();
            }

            Vector256.Narrow(a0, a1).StoreUnsafe(ref cell, (nuint)i);
            if (!hasTies)
            {
                continue;
            }

            // Per dimension, the rows equal to one of its tie-broken edges; a tied row is listed with the dimensions
            // it is tied in (bits 16 to 18 above its row), so that only those are resolved.
            uint rb = EqualBits(recencyCuts, r0, r1);
            uint fb = EqualBits(frequencyCuts, f0, f1);
            uint mb = EqualBits(monetaryCuts, m0, m1);
            uint bits = rb | fb | mb;
            if (length - i < 8)
            {
                bits &= (1u << (length - i)) - 1; // the padding rows are no customers
            }

            // Branch-free append of the tied rows.
            for (int lane = 0; lane < 8; lane++)
            {
                uint dims = ((rb >> lane) & 1) | (((fb >> lane) & 1) << 1) | (((mb >> lane) & 1) << 2);
                tied[tiedCount] = (i + lane) | (int)(dims << 16);
                tiedCount += (int)((bits >> lane) & 1);
            }
        }

        if (tiedCount > 0)
        {
            ResolveTies(recency, frequency, monetary, ids, keys, decided, cutKeys, cells, tied[..tiedCount], rowKeys);
        }
    }

    /// <summary>Corrects the cells of the rows whose value equals a tie-broken edge of some dimension.</summary>
    private void ResolveTies(
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> monetary,
        ReadOnlySpan<CustomerId> ids,
        ReadOnlySpan<OrdinalPrefix> keys,
        ReadOnlySpan<int> decided,
        ReadOnlySpan<OrdinalPrefix> cutKeys,
        Span<int> cells,
        ReadOnlySpan<int> tied,
        Span<OrdinalPrefix> rowKeys)
    {
        // The rows' keys first, in a loop of independent loads (without a key column they come from the id strings,
        // which may lie anywhere in the heap, so their cache misses overlap).
        rowKeys = rowKeys[..tied.Length];
        if (keys.IsEmpty)
        {
            for (int t = 0; t < tied.Length; t++)
            {
                rowKeys[t] = OrdinalPrefix.Of(ids[tied[t] & 0xFFFF].Value);
            }
        }
        else
        {
            for (int t = 0; t < tied.Length; t++)
            {
                rowKeys[t] = keys[tied[t] & 0xFFFF];
            }
        }

        int k = _k;
        for (int t = 0; t < tied.Length; t++)
        {
            int j = tied[t] & 0xFFFF;
            int dims = tied[t] >> 16;
            OrdinalPrefix key = rowKeys[t];
            int delta = 0;
            if ((dims & 1) != 0)
            {
                delta -= k * k * Above(_recency, recency[j], key, ids[j], decided[..TieSlots], cutKeys[..TieSlots]);
            }

            if ((dims & 2) != 0)
            {
                delta += k * Above(_frequency, frequency[j], key, ids[j], decided.Slice(TieSlots, TieSlots), cutKeys.Slice(TieSlots, TieSlots));
            }

            if ((dims & 4) != 0)
            {
                delta += Above(_monetary, monetary[j], key, ids[j], decided.Slice(2 * TieSlots, TieSlots), cutKeys.Slice(2 * TieSlots, TieSlots));
            }

            cells[j] += delta;
        }
    }

    /// <summary>How many of a dimension's tie-broken edges equal to <paramref name="value"/> the row's id sorts after.</summary>
    /// <remarks>
    /// Branch-free but for the rare equal keys: which edge a tied value equals, and whether a random id sorts after
    /// a tie-breaker, are coin flips that a branch would mispredict half the time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Above(RfmBinKernel kernel, double value, OrdinalPrefix key, CustomerId id, ReadOnlySpan<int> decided, ReadOnlySpan<OrdinalPrefix> cutKeys)
    {
        ReadOnlySpan<double> cutValues = kernel.CutValues;
        int above = 0;
        for (int c = 0; c < cutValues.Length; c++)
        {
            OrdinalPrefix cut = cutKeys[c];
            bool greater = key.High > cut.High | (key.High == cut.High & key.Low > cut.Low);
            bool equal = key.High == cut.High & key.Low == cut.Low;
            int order = decided[c];
            bool after = order != 0 ? order > 0 : greater;
            bool match = cutValues[c] == value;
            if (order == 0 && equal && match)
            {
                after = string.CompareOrdinal(id.Value, kernel.CutIds[c]) > 0; // same 16-byte key: the strings decide
            }

            above += match & after ? 1 : 0;
        }

        return above;
    }

    /// <summary>The lanes of two vectors (8 rows) equal to one of <paramref name="cuts"/>, as bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint EqualBits(ReadOnlySpan<Vector256<double>> cuts, Vector256<double> v0, Vector256<double> v1)
    {
        Vector256<double> q0 = Vector256<double>.Zero;
        Vector256<double> q1 = Vector256<double>.Zero;
        foreach (Vector256<double> c in cuts)
        {
            q0 |= Vector256.Equals(c, v0);
            q1 |= Vector256.Equals(c, v1);
        }

        return q0.ExtractMostSignificantBits() | (q1.ExtractMostSignificantBits() << 4);
    }

    private static void Prepare(RfmBinKernel kernel, OrdinalKeyColumn? keyColumn, Span<int> decided, Span<OrdinalPrefix> cutKeys)
    {
        ReadOnlySpan<string> ids = kernel.CutIds;
        ReadOnlySpan<OrdinalPrefix> prefixes = kernel.CutPrefixes;
        for (int c = 0; c < ids.Length; c++)
        {
            (decided[c], cutKeys[c]) = keyColumn is null ? (0, prefixes[c]) : keyColumn.Against(ids[c]);
        }
    }

    private static Vector256<double>[] Broadcast(ReadOnlySpan<double> values)
    {
        var vectors = new Vector256<double>[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            vectors[j] = Vector256.Create(values[j]);
        }

        return vectors;
    }

    private static Vector256<double>[] BroadcastDistinct(ReadOnlySpan<double> values)
    {
        var distinct = new List<double>(values.Length);
        foreach (double v in values)
        {
            if (!distinct.Contains(v))
            {
                distinct.Add(v);
            }
        }

        return Broadcast(CollectionsMarshal.AsSpan(distinct));
    }
}
