using System.Numerics;
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
/// value equals a tie-broken edge are listed per dimension in the same pass (one compacting vector store per dimension and eight rows) and corrected afterwards, comparing
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

    /// <summary>Vectors of the tie table of <see cref="PrepareTies"/>: per dimension, per group of four tie-broken
    /// edges, their values, key halves, undecided lanes and decided-after lanes.</summary>
    public const int TieVectors = 3 * DimensionTieVectors;

    private const int TieGroups = (RfmBinKernel.MaxEdges + 3) / 4; // groups of four tie-broken edges per dimension
    private const int VectorsPerTieGroup = 5;
    private const int DimensionTieVectors = TieGroups * VectorsPerTieGroup;

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

    /// <summary>
    /// Per 8-bit mask, the indices of its set bits in order, padded to 8 lanes: a mask's rows compacted by one load.
    /// </summary>
    private static readonly int[] CompactLanes = BuildCompactLanes();


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
    /// Fills, once per scoring call, the tie table the chunks compare tied rows with (<see cref="TieVectors"/> long):
    /// per dimension and group of four tie-broken edges, the edges' values, the high and low halves of the key to
    /// compare rows' keys with, and which edges are decided for every id of <paramref name="keyColumn"/> (sorting
    /// before or after all of them) instead. Without a key column nothing is decided and the tie-breakers' own
    /// prefixes are the keys (the rows' prefixes are then read from their ids). Padding edges have a NaN value,
    /// which equals nothing.
    /// </summary>
    public void PrepareTies(OrdinalKeyColumn? keyColumn, Span<Vector256<ulong>> ties)
    {
        Prepare(_recency, keyColumn, ties[..DimensionTieVectors]);
        Prepare(_frequency, keyColumn, ties.Slice(DimensionTieVectors, DimensionTieVectors));
        Prepare(_monetary, keyColumn, ties.Slice(2 * DimensionTieVectors, DimensionTieVectors));
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
    /// <param name="ties">The tie table from <see cref="PrepareTies"/> (read only when some edge is tie-broken).</param>
    /// <param name="cells">Receives the cell indices; padded likewise.</param>
    /// <param name="tied">Scratch of 3 × <see cref="Chunk"/> rows: each dimension's list of tied rows.</param>
    /// <param name="keyScratch">Scratch of <see cref="Chunk"/> keys, for the rows' keys read from their ids when there is no key column.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Cells(
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> monetary,
        int length,
        ReadOnlySpan<CustomerId> ids,
        ReadOnlySpan<OrdinalPrefix> keys,
        ReadOnlySpan<Vector256<ulong>> ties,
        Span<int> cells,
        Span<int> tied,
        Span<OrdinalPrefix> keyScratch)
    {
        int k = _k;
        int rounded = (length + 7) & ~7;
        if (rounded > Chunk || recency.Length < rounded || frequency.Length < rounded || monetary.Length < rounded || cells.Length < rounded
            || tied.Length < 3 * Chunk || keyScratch.Length < Chunk || (HasTieBreakers && ties.Length < TieVectors))
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
        ref int compact = ref MemoryMarshal.GetArrayDataReference(CompactLanes);
        ref int tiedRecency = ref MemoryMarshal.GetReference(tied);
        ref int tiedFrequency = ref Unsafe.Add(ref tiedRecency, Chunk);
        ref int tiedMonetary = ref Unsafe.Add(ref tiedRecency, 2 * Chunk);
        int recencyCount = 0;
        int frequencyCount = 0;
        int monetaryCount = 0;
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

            // Per dimension, the rows equal to one of its tie-broken edges, appended to the dimension's list with one
            // vector store (the lanes of the mask, compacted through a table; the count advances by its bits).
            uint valid = length - i < 8 ? (1u << (length - i)) - 1 : 0xFFu; // the padding rows are no customers
            Vector256<int> rowsHere = Vector256.Create(i);
            uint rb = EqualBits(recencyCuts, r0, r1) & valid;
            uint fb = EqualBits(frequencyCuts, f0, f1) & valid;
            uint mb = EqualBits(monetaryCuts, m0, m1) & valid;
            (rowsHere + Vector256.LoadUnsafe(ref compact, rb * 8)).StoreUnsafe(ref tiedRecency, (nuint)recencyCount);
            (rowsHere + Vector256.LoadUnsafe(ref compact, fb * 8)).StoreUnsafe(ref tiedFrequency, (nuint)frequencyCount);
            (rowsHere + Vector256.LoadUnsafe(ref compact, mb * 8)).StoreUnsafe(ref tiedMonetary, (nuint)monetaryCount);
            recencyCount += BitOperations.PopCount(rb);
            frequencyCount += BitOperations.PopCount(fb);
            monetaryCount += BitOperations.PopCount(mb);
        }

        if (hasTies)
        {
            ReadOnlySpan<OrdinalPrefix> rowKeys = keys;
            if (keys.IsEmpty && recencyCount + frequencyCount + monetaryCount > 0)
            {
                // Without a key column the keys come from the id strings, which may lie anywhere in the heap: read only
                // the tied rows' (a fifth of the rows in heavily tied data, not all of them), in loops of independent
                // loads, so that their cache misses overlap. The other rows' scratch keys are never read.
                foreach (int j in tied[..recencyCount])
                {
                    keyScratch[j] = OrdinalPrefix.Of(ids[j].Value);
                }

                foreach (int j in tied.Slice(Chunk, frequencyCount))
                {
                    keyScratch[j] = OrdinalPrefix.Of(ids[j].Value);
                }

                foreach (int j in tied.Slice(2 * Chunk, monetaryCount))
                {
                    keyScratch[j] = OrdinalPrefix.Of(ids[j].Value);
                }

                rowKeys = keyScratch[..length];
            }

            Resolve(_recency, -k * k, recency, tied[..recencyCount], ids, rowKeys, ties[..DimensionTieVectors], cells);
            Resolve(_frequency, k, frequency, tied.Slice(Chunk, frequencyCount), ids, rowKeys, ties.Slice(DimensionTieVectors, DimensionTieVectors), cells);
            Resolve(_monetary, 1, monetary, tied.Slice(2 * Chunk, monetaryCount), ids, rowKeys, ties.Slice(2 * DimensionTieVectors, DimensionTieVectors), cells);
        }
    }

    /// <summary>
    /// Corrects the cells of one dimension's tied rows: per row, the dimension's weight times the number of its
    /// tie-broken edges that equal the row's value and whose tie-breaker the row's id sorts after.
    /// </summary>
    /// <remarks>
    /// A lean loop over the dimension's edges, branch-free but for the rare equal keys: which edge a tied value equals,
    /// and whether a random id sorts after a tie-breaker, are coin flips that a branch would mispredict half the time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Resolve(
        RfmBinKernel kernel,
        int weight,
        ReadOnlySpan<double> values,
        ReadOnlySpan<int> rows,
        ReadOnlySpan<CustomerId> ids,
        ReadOnlySpan<OrdinalPrefix> keys,
        ReadOnlySpan<Vector256<ulong>> ties,
        Span<int> cells)
    {
        if (rows.IsEmpty)
        {
            return;
        }

        int groups = (kernel.CutValues.Length + 3) >> 2;
        foreach (int j in rows)
        {
            OrdinalPrefix key = keys[j];
            Vector256<double> value = Vector256.Create(values[j]);
            Vector256<ulong> high = Vector256.Create(key.High);
            Vector256<ulong> low = Vector256.Create(key.Low);
            int above = 0;
            for (int g = 0; g < groups; g++)
            {
                ReadOnlySpan<Vector256<ulong>> group = ties.Slice(g * VectorsPerTieGroup, VectorsPerTieGroup);
                Vector256<ulong> cutHigh = group[1];
                Vector256<ulong> cutLow = group[2];
                Vector256<long> undecided = group[3].AsInt64();
                Vector256<long> match = Vector256.Equals(value, group[0].AsDouble()).AsInt64();
                Vector256<long> highEqual = Vector256.Equals(high, cutHigh).AsInt64();
                Vector256<long> greater = Vector256.GreaterThan(high, cutHigh).AsInt64() | (highEqual & Vector256.GreaterThan(low, cutLow).AsInt64());
                Vector256<long> after = group[4].AsInt64() | (undecided & greater);
                uint counted = (match & after).ExtractMostSignificantBits();
                uint sameKey = (match & undecided & highEqual & Vector256.Equals(low, cutLow).AsInt64()).ExtractMostSignificantBits();
                if (sameKey != 0)
                {
                    counted = SameKeyOrder(counted, sameKey, ids[j].Value, kernel.CutIds[(g * 4)..]); // rare
                }

                above += BitOperations.PopCount(counted);
            }

            cells[j] += weight * above;
        }
    }

    /// <summary>Settles, for edges whose tie-breaker has the row's 16-byte key, whether the row sorts after it (the strings decide).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint SameKeyOrder(uint counted, uint sameKey, string id, ReadOnlySpan<string> cutIds)
    {
        for (int lane = 0; lane < 4; lane++)
        {
            if ((sameKey & (1u << lane)) != 0)
            {
                counted = string.CompareOrdinal(id, cutIds[lane]) > 0 ? counted | (1u << lane) : counted & ~(1u << lane);
            }
        }

        return counted;
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

    /// <summary>One dimension's part of the tie table of <see cref="PrepareTies"/>.</summary>
    private static void Prepare(RfmBinKernel kernel, OrdinalKeyColumn? keyColumn, Span<Vector256<ulong>> ties)
    {
        ReadOnlySpan<double> cutValues = kernel.CutValues;
        ReadOnlySpan<string> ids = kernel.CutIds;
        ReadOnlySpan<OrdinalPrefix> prefixes = kernel.CutPrefixes;
        Span<double> value4 = stackalloc double[4];
        Span<ulong> high4 = stackalloc ulong[4];
        Span<ulong> low4 = stackalloc ulong[4];
        Span<long> order4 = stackalloc long[4];
        for (int g = 0; g < TieGroups; g++)
        {
            for (int lane = 0; lane < 4; lane++)
            {
                int c = (g * 4) + lane;
                (int decided, OrdinalPrefix key) = c >= cutValues.Length ? (0, default)
                    : keyColumn is null ? (0, prefixes[c])
                    : keyColumn.Against(ids[c]);
                value4[lane] = c < cutValues.Length ? cutValues[c] : double.NaN;
                high4[lane] = key.High;
                low4[lane] = key.Low;
                order4[lane] = decided;
            }

            Span<Vector256<ulong>> group = ties.Slice(g * VectorsPerTieGroup, VectorsPerTieGroup);
            Vector256<long> order = Vector256.Create<long>(order4);
            group[0] = Vector256.Create<double>(value4).AsUInt64();
            group[1] = Vector256.Create<ulong>(high4);
            group[2] = Vector256.Create<ulong>(low4);
            group[3] = Vector256.Equals(order, Vector256<long>.Zero).AsUInt64();
            group[4] = Vector256.GreaterThan(order, Vector256<long>.Zero).AsUInt64();
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

    private static int[] BuildCompactLanes()
    {
        var lanes = new int[256 * 8];
        for (int mask = 0; mask < 256; mask++)
        {
            int n = 0;
            for (int lane = 0; lane < 8; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    lanes[(mask * 8) + n++] = lane;
                }
            }
        }

        return lanes;
    }
}
