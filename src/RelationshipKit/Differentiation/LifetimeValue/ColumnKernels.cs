using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Column (struct-of-arrays) prediction loops: vectorised where the formula allows, no allocation.</summary>
internal static class ColumnKernels
{
    public static void BgNbdProbabilityAlive(double[] p, bool modified, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        int n = x.Length;
        int i = 0;
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double shift = modified ? 0 : 1;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rtx = ref MemoryMarshal.GetReference(tx);
            ref double rt = ref MemoryMarshal.GetReference(t);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            Vector512<double> vr = Vector512.Create(r), va = Vector512.Create(alpha), vA = Vector512.Create(a), vb = Vector512.Create(b - shift), one = Vector512<double>.One, zero = Vector512<double>.Zero;
            int last = n - Vector512<double>.Count;
            for (; i <= last; i += Vector512<double>.Count)
            {
                Vector512<double> xv = Vector512.LoadUnsafe(ref rx, (nuint)i);
                Vector512<double> txv = Vector512.LoadUnsafe(ref rtx, (nuint)i);
                Vector512<double> tv = Vector512.LoadUnsafe(ref rt, (nuint)i);
                Vector512<double> ok = Vector512.GreaterThanOrEqual(xv, zero) & Vector512.GreaterThanOrEqual(txv, zero) & Vector512.GreaterThanOrEqual(tv, txv) & Vector512.LessThan(tv, Vector512.Create(double.PositiveInfinity)) & Vector512.LessThan(xv, Vector512.Create(double.PositiveInfinity));
                if (ok != Vector512<double>.AllBitsSet)
                {
                    break;
                }

                Vector512<double> ln = Vector512.Log((va + tv) / (va + txv));
                Vector512<double> odds = Vector512.Exp((vr + xv) * ln) * vA / (vb + xv);
                Vector512<double> result = one / (one + odds);
                if (!modified)
                {
                    result = Vector512.ConditionalSelect(Vector512.Equals(xv, zero), one, result);
                }

                result.StoreUnsafe(ref rd, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rtx = ref MemoryMarshal.GetReference(tx);
            ref double rt = ref MemoryMarshal.GetReference(t);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            Vector256<double> vr = Vector256.Create(r), va = Vector256.Create(alpha), vA = Vector256.Create(a), vb = Vector256.Create(b - shift), one = Vector256<double>.One, zero = Vector256<double>.Zero;
            int last = n - Vector256<double>.Count;
            for (; i <= last; i += Vector256<double>.Count)
            {
                Vector256<double> xv = Vector256.LoadUnsafe(ref rx, (nuint)i);
                Vector256<double> txv = Vector256.LoadUnsafe(ref rtx, (nuint)i);
                Vector256<double> tv = Vector256.LoadUnsafe(ref rt, (nuint)i);
                Vector256<double> ok = Vector256.GreaterThanOrEqual(xv, zero) & Vector256.GreaterThanOrEqual(txv, zero) & Vector256.GreaterThanOrEqual(tv, txv) & Vector256.LessThan(tv, Vector256.Create(double.PositiveInfinity)) & Vector256.LessThan(xv, Vector256.Create(double.PositiveInfinity));
                if (ok != Vector256<double>.AllBitsSet)
                {
                    break;
                }

                Vector256<double> ln = Vector256.Log((va + tv) / (va + txv));
                Vector256<double> odds = Vector256.Exp((vr + xv) * ln) * vA / (vb + xv);
                Vector256<double> result = one / (one + odds);
                if (!modified)
                {
                    result = Vector256.ConditionalSelect(Vector256.Equals(xv, zero), one, result);
                }

                result.StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = BetaGeometricKernels.ProbabilityAlive(p, modified, x[i], tx[i], t[i]);
        }
    }

    public static void BgNbdExpectedPurchases(double[] p, bool modified, double h, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = BetaGeometricKernels.ExpectedPurchases(p, modified, h, x[i], tx[i], t[i]);
        }
    }

    public static void ParetoNbdProbabilityAlive(double[] p, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = ParetoNbdKernels.ProbabilityAlive(p, x[i], tx[i], t[i]);
        }
    }

    public static void ParetoNbdExpectedPurchases(double[] p, double h, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = ParetoNbdKernels.ExpectedPurchases(p, h, x[i], tx[i], t[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scalar(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination, Func<double, double, double, double> f)
    {
        for (int i = 0; i < x.Length; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = f(x[i], tx[i], t[i]);
        }
    }
}
