using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RelationshipKit.Internal;

/// <summary>
/// Counting of integer values in a modest range (purchase periods, times since the last purchase in whole days): the
/// check that a span of doubles holds only such values, exactly, and the histogram. Order statistics and counts read
/// from a histogram equal those that selection finds, so a fit may count instead of selecting.
/// </summary>
internal static class IntegerHistogram
{
    /// <summary>The widest range (max − min + 1) that is counted.</summary>
    public const int MaxRange = 1 << 16;

    /// <summary>Ranges up to this width are counted in four interleaved histograms (runs of equal values do not wait on one counter).</summary>
    private const int InterleavedRange = 1 << 12;

    /// <summary>Whether values in [<paramref name="min"/>, <paramref name="max"/>] are worth counting for <paramref name="n"/> values.</summary>
    public static bool Fits(int min, int max, int n)
    {
        long range = (long)max - min + 1;
        return range <= MaxRange && range <= Math.Max(4096, 4L * n);
    }

    /// <summary>
    /// Whether every value is an integer in the range of <see cref="int"/>, bit for bit equal to <c>(double)(int)v</c>
    /// (so no NaN, no infinity and no −0.0), and if so their minimum and maximum.
    /// </summary>
    public static bool TryRangeOf(ReadOnlySpan<double> values, out int min, out int max)
    {
        min = 0;
        max = 0;
        if (values.IsEmpty)
        {
            return false;
        }

        double lo = values[0];
        double hi = values[0];
        bool bad = false;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            Vector256<double> vmin = Vector256.Create(lo);
            Vector256<double> vmax = vmin;
            Vector256<double> vbad = Vector256<double>.Zero;
            Vector256<long> negativeZero = Vector256.Create(long.MinValue);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> x = Vector256.Create(values.Slice(i, Vector256<double>.Count));
                vbad |= ~Vector256.Equals(Vector256.Floor(x), x) | Vector256.Equals(x.AsInt64(), negativeZero).AsDouble();
                vmin = Vector256.Min(vmin, x);
                vmax = Vector256.Max(vmax, x);
                if ((i & 1023) == 0 && vbad != Vector256<double>.Zero)
                {
                    return false; // not integers (money): stop early
                }
            }

            bad = vbad != Vector256<double>.Zero;
            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                lo = Math.Min(lo, vmin[lane]);
                hi = Math.Max(hi, vmax[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            double v = values[i];
            bad |= Math.Floor(v) != v || BitConverter.DoubleToInt64Bits(v) == long.MinValue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        if (bad || !(lo >= int.MinValue) || !(hi <= int.MaxValue))
        {
            return false;
        }

        min = (int)lo;
        max = (int)hi;
        return true;
    }

    /// <summary>The minimum and maximum of a non-empty span.</summary>
    public static (int Min, int Max) RangeOf(ReadOnlySpan<int> values)
    {
        int lo = values[0];
        int hi = values[0];
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<int>.Count)
        {
            Vector256<int> vmin = Vector256.Create(lo);
            Vector256<int> vmax = vmin;
            for (; i <= values.Length - Vector256<int>.Count; i += Vector256<int>.Count)
            {
                Vector256<int> x = Vector256.Create(values.Slice(i, Vector256<int>.Count));
                vmin = Vector256.Min(vmin, x);
                vmax = Vector256.Max(vmax, x);
            }

            for (int lane = 0; lane < Vector256<int>.Count; lane++)
            {
                lo = Math.Min(lo, vmin[lane]);
                hi = Math.Max(hi, vmax[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            lo = Math.Min(lo, values[i]);
            hi = Math.Max(hi, values[i]);
        }

        return (lo, hi);
    }

    /// <summary>
    /// Counts each value v (an <see cref="int"/>, or a <see cref="double"/> that <see cref="TryRangeOf"/> accepted) in
    /// <paramref name="histogram"/>[v − <paramref name="min"/>]; the histogram is cleared first.
    /// </summary>
    public static void Count<T>(ReadOnlySpan<T> values, int min, Span<int> histogram)
        where T : struct
    {
        int range = histogram.Length;
        histogram.Clear();
        if (range > InterleavedRange || values.Length < 4 * range)
        {
            foreach (T v in values)
            {
                histogram[ToInt(v) - min]++;
            }

            return;
        }

        int[] rented = ArrayPool<int>.Shared.Rent(4 * range);
        try
        {
            Span<int> lanes = rented.AsSpan(0, 4 * range);
            lanes.Clear();
            CountInterleaved(values, min, lanes, histogram);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static void CountInterleaved<T>(ReadOnlySpan<T> values, int min, Span<int> lanes, Span<int> histogram)
        where T : struct
    {
        int range = histogram.Length;
        Span<int> h0 = lanes[..range];
        Span<int> h1 = lanes.Slice(range, range);
        Span<int> h2 = lanes.Slice(2 * range, range);
        Span<int> h3 = lanes.Slice(3 * range, range);
        int i = 0;
        for (; i <= values.Length - 4; i += 4)
        {
            h0[ToInt(values[i]) - min]++;
            h1[ToInt(values[i + 1]) - min]++;
            h2[ToInt(values[i + 2]) - min]++;
            h3[ToInt(values[i + 3]) - min]++;
        }

        for (; i < values.Length; i++)
        {
            h0[ToInt(values[i]) - min]++;
        }

        for (int b = 0; b < range; b++)
        {
            histogram[b] = h0[b] + h1[b] + h2[b] + h3[b];
        }
    }

    /// <summary>The value as an <see cref="int"/> (<typeparamref name="T"/> is <see cref="int"/> or <see cref="double"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt<T>(T value)
        where T : struct
    {
        if (typeof(T) == typeof(int))
        {
            return Unsafe.As<T, int>(ref value);
        }

        return (int)Unsafe.As<T, double>(ref value);
    }
}
