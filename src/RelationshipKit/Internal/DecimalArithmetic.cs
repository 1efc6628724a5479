using System.Runtime.CompilerServices;

namespace RelationshipKit.Internal;

/// <summary>
/// Decimal addition that gives, bit for bit, what <c>a + b</c> gives (value, scale and sign, trailing zeros
/// included), with a fast path for the sums that summaries make all the time: amounts of one sign and one scale,
/// such as prices in cents. Every other case takes the <see langword="decimal"/> operator itself.
/// </summary>
/// <remarks>
/// <para>The operator costs about 10 ns on this project's benchmark machine, which dominates a fold of ten million
/// transactions; the fast path is a 64-bit integer addition.</para>
/// <para>It reads the decimal's fields through its memory layout, which is the OLE <c>DECIMAL</c> layout (flags
/// holding scale and sign, then the high 32 and the low 64 bits of the 96-bit coefficient) that .NET keeps for
/// interop. The layout is checked once; if a runtime ever lays decimals out differently, every call takes the operator.</para>
/// </remarks>
internal static class DecimalArithmetic
{
    private const int SignMask = unchecked((int)0x8000_0000);

    private static readonly bool LayoutKnown = CheckLayout();

    /// <summary>Returns <c>a + b</c>, exactly as the <see langword="decimal"/> operator does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Add(decimal a, decimal b)
    {
        if (LayoutKnown)
        {
            ref readonly Bits x = ref Unsafe.As<decimal, Bits>(ref a);
            ref readonly Bits y = ref Unsafe.As<decimal, Bits>(ref b);

            // Same sign and scale, both coefficients below 2^64, no carry: the operator adds the coefficients and
            // keeps the flags; so does this.
            if (x.Flags == y.Flags && (x.High | y.High) == 0)
            {
                ulong sum = x.Low + y.Low;
                if (sum >= x.Low)
                {
                    decimal result = default;
                    ref Bits r = ref Unsafe.As<decimal, Bits>(ref result);
                    r.Flags = x.Flags;
                    r.Low = sum;
                    return result;
                }
            }

            // 0m (scale 0, positive) plus b is b, whatever b's scale and sign, except for a negative zero b, which
            // the operator turns into a positive zero.
            if (x.Flags == 0 && x.High == 0 && x.Low == 0 && (y.Flags >= 0 || y.High != 0 || y.Low != 0))
            {
                return b;
            }
        }

        return a + b;
    }

    /// <summary>
    /// Splits <paramref name="value"/> into sign, scale and coefficient (value = ±coefficient / 10^scale) when the
    /// coefficient fits in 64 bits; returns <see langword="false"/> otherwise (and when the layout is unknown).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDecompose(in decimal value, out bool negative, out int scale, out ulong coefficient)
    {
        ref readonly Bits bits = ref Unsafe.As<decimal, Bits>(ref Unsafe.AsRef(in value));
        negative = bits.Flags < 0;
        scale = (bits.Flags >> 16) & 0xFF;
        coefficient = bits.Low;
        return LayoutKnown && bits.High == 0;
    }

    private static bool CheckLayout()
    {
        decimal probe = new(unchecked((int)0x89AB_CDEF), 0x0123_4567, 0x0765_4321, isNegative: true, scale: 5);
        ref readonly Bits bits = ref Unsafe.As<decimal, Bits>(ref probe);
        return Unsafe.SizeOf<Bits>() == sizeof(decimal)
            && bits.Flags == (SignMask | (5 << 16))
            && bits.High == 0x0765_4321u
            && bits.Low == 0x0123_4567_89AB_CDEFul;
    }

    private struct Bits
    {
        public int Flags;
        public uint High;
        public ulong Low;
    }
}
