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
                if (Vector512.ExtractMostSignificantBits(ok) != 0xFFu)
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
                if (Vector256.ExtractMostSignificantBits(ok) != 0xFu)
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

    /// <summary>
    /// E[X(T, T+h) | x, t_x, T] for BG/NBD and MBG/NBD over columns. The vector path uses Euler's transformation:
    /// ((α+T)/(α+T+h))^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(c−r−x, a−1; c; z) with c = a+b+x−1 (+1 for MBG/NBD)
    /// and z = h/(α+T+h), a series whose numerator parameters do not grow with x; lanes that need more than 400 terms
    /// (z close to 1) or have z &lt; 1/8 (cancellation) fall back to the scalar kernel. Agrees with the scalar path within
    /// 1e-12 relative (ColumnKernelsTests).
    /// </summary>
    public static void BgNbdExpectedPurchases(double[] p, bool modified, double h, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        int n = x.Length;
        int i = 0;
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double shift = modified ? 1 : 0;
        double upperA = a + b - 1 - r + shift, lowerB = a - 1, c0 = a + b - 1 + shift;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count && h > 0 && Math.Abs(a - 1) > 1e-6 && upperA >= 0 && c0 > 0)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rtx = ref MemoryMarshal.GetReference(tx);
            ref double rt = ref MemoryMarshal.GetReference(t);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            Vector512<double> vr = Vector512.Create(r), va = Vector512.Create(alpha), vAa = Vector512.Create(a), vbAlive = Vector512.Create(modified ? b : b - 1);
            Vector512<double> one = Vector512<double>.One, zero = Vector512<double>.Zero, vh = Vector512.Create(h), inf = Vector512.Create(double.PositiveInfinity);
            Vector512<double> vA = Vector512.Create(upperA), vB = Vector512.Create(lowerB), vc0 = Vector512.Create(c0), am1 = Vector512.Create(a - 1), tiny = Vector512.Create(1e-17);
            int last = n - Vector512<double>.Count;
            for (; i <= last; i += Vector512<double>.Count)
            {
                Vector512<double> xv = Vector512.LoadUnsafe(ref rx, (nuint)i);
                Vector512<double> txv = Vector512.LoadUnsafe(ref rtx, (nuint)i);
                Vector512<double> tv = Vector512.LoadUnsafe(ref rt, (nuint)i);
                Vector512<double> ok = Vector512.GreaterThanOrEqual(xv, zero) & Vector512.GreaterThanOrEqual(txv, zero) & Vector512.GreaterThanOrEqual(tv, txv) & Vector512.LessThan(tv, inf) & Vector512.LessThan(xv, inf);
                if (Vector512.ExtractMostSignificantBits(ok) != 0xFFu)
                {
                    break;
                }

                Vector512<double> at = va + tv;
                Vector512<double> odds = Vector512.Exp((vr + xv) * Vector512.Log(at / (va + txv))) * vAa / (vbAlive + xv);
                Vector512<double> alive = one / (one + odds);
                if (!modified)
                {
                    alive = Vector512.ConditionalSelect(Vector512.Equals(xv, zero), one, alive);
                }

                Vector512<double> denominator = at + vh;
                Vector512<double> z = vh / denominator;
                Vector512<double> c = vc0 + xv;
                // Two terms per division: t_{k+1} = t_k n_k/d_k and t_{k+2} = t_{k+1} n_{k+1}/d_{k+1} share 1/(d_k d_{k+1}).
                Vector512<double> term = one, sum = one;
                Vector512<double> kv = zero, two = one + one;
                for (int k = 0; k < 400; k += 2)
                {
                    Vector512<double> k1 = kv + one;
                    Vector512<double> n0 = (vA + kv) * (vB + kv) * z, n1 = (vA + k1) * (vB + k1) * z;
                    Vector512<double> d0 = (c + kv) * k1, d1 = (c + k1) * (k1 + one);
                    Vector512<double> inverse = one / (d0 * d1);

                    // The ratios do not depend on the running term, so the loop-carried chain is two multiplications.
                    Vector512<double> ratio0 = n0 * d1 * inverse, ratio1 = n1 * d0 * inverse;
                    Vector512<double> t1 = term * ratio0;
                    term = t1 * ratio1;
                    sum += t1 + term;
                    kv += two;
                    if ((k & 7) == 6 && Vector512.LessThanOrEqualAll(Vector512.Abs(term), tiny * Vector512.Abs(sum)))
                    {
                        break;
                    }
                }

                Vector512<double> power = Vector512.Exp(am1 * Vector512.Log(at / denominator));
                Vector512<double> result = c / am1 * (one - (power * sum)) * alive;
                result.StoreUnsafe(ref rd, (nuint)i);
                // Short horizons (z < 1/8) make 1 − power·sum cancel (error ~1e-14/z), so those lanes take the scalar kernel,
                // which keeps the column path within 1e-12 of it.
                Vector512<double> unconverged = Vector512.GreaterThan(Vector512.Abs(term), tiny * Vector512.Abs(sum) * Vector512.Create(16.0))
                    | Vector512.LessThan(z, Vector512.Create(0.125));
                if (Vector512.ExtractMostSignificantBits(unconverged) != 0)
                {
                    for (int lane = 0; lane < Vector512<double>.Count; lane++)
                    {
                        if ((Vector512.ExtractMostSignificantBits(unconverged) & (1u << lane)) != 0)
                        {
                            destination[i + lane] = BetaGeometricKernels.ExpectedPurchases(p, modified, h, x[i + lane], tx[i + lane], t[i + lane]);
                        }
                    }
                }
            }
        }

        for (; i < n; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = BetaGeometricKernels.ExpectedPurchases(p, modified, h, x[i], tx[i], t[i]);
        }
    }

    public static void ParetoNbdProbabilityAlive(double[] p, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination) =>
        ParetoNbd(p, 0, x, tx, t, destination);

    public static void ParetoNbdExpectedPurchases(double[] p, double h, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        if (h > 0)
        {
            ParetoNbd(p, h, x, tx, t, destination);
            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = 0;
        }
    }

    /// <summary>
    /// Pareto/NBD P(alive) (h = 0) or E[X(T, T+h) | x, t_x, T] over columns. The vector path sums both
    /// F(r+s+x, b₁; r+s+x+1; z) series of the likelihood (z = |α−β|/(max(α,β)+τ) at τ = t_x and T) in eight lanes;
    /// lanes needing more than 300 terms fall back to the scalar kernel.
    /// </summary>
    private static void ParetoNbd(double[] p, double h, ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, Span<double> destination)
    {
        int n = x.Length;
        int i = 0;
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        bool alphaLarger = alpha >= beta;
        double m = Math.Max(alpha, beta), diff = Math.Abs(alpha - beta);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count && (h == 0 || Math.Abs(s - 1) > 1e-6))
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rtx = ref MemoryMarshal.GetReference(tx);
            ref double rt = ref MemoryMarshal.GetReference(t);
            ref double rd = ref MemoryMarshal.GetReference(destination);
            Vector512<double> one = Vector512<double>.One, zero = Vector512<double>.Zero, inf = Vector512.Create(double.PositiveInfinity), tiny = Vector512.Create(1e-17);
            Vector512<double> vr = Vector512.Create(r), vs = Vector512.Create(s), va = Vector512.Create(alpha), vb = Vector512.Create(beta);
            Vector512<double> vm = Vector512.Create(m), vd = Vector512.Create(diff), vh = Vector512.Create(h), sm1 = Vector512.Create(s - 1);
            int last = n - Vector512<double>.Count;
            for (; i <= last; i += Vector512<double>.Count)
            {
                Vector512<double> xv = Vector512.LoadUnsafe(ref rx, (nuint)i);
                Vector512<double> txv = Vector512.LoadUnsafe(ref rtx, (nuint)i);
                Vector512<double> tv = Vector512.LoadUnsafe(ref rt, (nuint)i);
                Vector512<double> ok = Vector512.GreaterThanOrEqual(xv, zero) & Vector512.GreaterThanOrEqual(txv, zero) & Vector512.GreaterThanOrEqual(tv, txv) & Vector512.LessThan(tv, inf) & Vector512.LessThan(xv, inf);
                if (Vector512.ExtractMostSignificantBits(ok) != 0xFFu)
                {
                    break;
                }

                Vector512<double> rxv = vr + xv;
                Vector512<double> a1 = rxv + vs;
                Vector512<double> b1 = alphaLarger ? vs + one : rxv;
                Vector512<double> m1 = vm + txv, m2 = vm + tv;
                Vector512<double> z1 = vd / m1, z2 = vd / m2;
                Vector512<double> u1 = one, u2 = one, f1 = one, f2 = one, kv = zero, term1 = zero;
                int k = 1;
                for (; k <= 299; k += 2)
                {
                    // Two terms per division: a₁/(a₁+k) and a₁/(a₁+k+1) share 1/((a₁+k)(a₁+k+1)).
                    Vector512<double> bk = b1 + kv, bk1 = bk + one;
                    Vector512<double> d0 = a1 + kv + one, d1 = d0 + one;
                    kv += one + one;
                    Vector512<double> invK = Vector512.Create(1.0 / k), invK1 = Vector512.Create(1.0 / (k + 1));
                    Vector512<double> inverse = a1 / (d0 * d1);
                    Vector512<double> v0 = inverse * d1, v1 = inverse * d0;
                    Vector512<double> c0 = bk * invK, c1 = bk1 * invK1;
                    u1 *= c0 * z1;
                    u2 *= c0 * z2;
                    term1 = v0 * u1;
                    f1 += term1;
                    f2 += v0 * u2;
                    u1 *= c1 * z1;
                    u2 *= c1 * z2;
                    term1 = v1 * u1;
                    f1 += term1;
                    f2 += v1 * u2;
                    if ((k & 3) == 3 && Vector512.LessThanOrEqualAll(Vector512.Abs(term1), tiny * f1) && Vector512.LessThanOrEqualAll(Vector512.Abs(u1), tiny * f1))
                    {
                        break;
                    }
                }

                // m₂ = max(α, β) + T is α + T or β + T: ln m₂ is one of the logarithms the bracket needs anyway, and
                // ρ = e^(l₂ − l₁) = (f₂/f₁)(m₁/m₂)^a₁ needs no log of f.
                Vector512<double> at = va + tv, bt = vb + tv;
                Vector512<double> lnAt = Vector512.Log(at), lnBt = Vector512.Log(bt), lnM1 = Vector512.Log(m1);
                Vector512<double> lnM2 = alphaLarger ? lnAt : lnBt;
                Vector512<double> rho = f2 / f1 * Vector512.Exp(a1 * (lnM1 - lnM2));
                Vector512<double> logBminusC = Vector512.Log(vs * f1 * (one - rho) / a1) - (a1 * lnM1) + (rxv * lnAt) + (vs * lnBt);
                Vector512<double> alive = one / (one + Vector512.Exp(logBminusC));
                alive = Vector512.ConditionalSelect(Vector512.LessThan(rho, one), alive, one);
                Vector512<double> result = alive;
                if (h > 0)
                {
                    Vector512<double> growth = bt / sm1 * (one - Vector512.Exp(-sm1 * (Vector512.Log(bt + vh) - lnBt)));
                    result = rxv / at * growth * alive;
                }

                result.StoreUnsafe(ref rd, (nuint)i);
                if (k > 299)
                {
                    for (int lane = 0; lane < Vector512<double>.Count; lane++)
                    {
                        destination[i + lane] = h > 0
                            ? ParetoNbdKernels.ExpectedPurchases(p, h, x[i + lane], tx[i + lane], t[i + lane])
                            : ParetoNbdKernels.ProbabilityAlive(p, x[i + lane], tx[i + lane], t[i + lane]);
                    }
                }
            }
        }

        for (; i < n; i++)
        {
            SummaryColumns.CheckRow(x[i], tx[i], t[i], i);
            destination[i] = h > 0 ? ParetoNbdKernels.ExpectedPurchases(p, h, x[i], tx[i], t[i]) : ParetoNbdKernels.ProbabilityAlive(p, x[i], tx[i], t[i]);
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
