using System.Numerics;

namespace RelationshipKit.Internal;

/// <summary>
/// The test <c>minimum &lt;= amount &lt;= maximum</c> on decimals, exact and cheap: for every scale (0 to 28) the
/// bounds are turned once into bounds on the coefficient, so an amount such as 12.34 (coefficient 1234, scale 2) is
/// checked with two integer comparisons. Amounts whose coefficient needs more than 64 bits use the decimal comparison.
/// </summary>
/// <remarks>
/// The batch builder checks every row of a log against the amount range; the decimal comparison of values with
/// different scales (12.34 against a bound of 1000000) rescales one of them each time, which on the benchmark
/// machine cost about 7 ns a row. The instance is immutable and thread-safe.
/// </remarks>
internal sealed class AmountRange
{
    private const int MaxScale = 28;

    private readonly decimal _minimum;
    private readonly decimal _maximum;

    // Per scale s: the coefficients C for which +C / 10^s (positive) or -C / 10^s (negative) lies in the range, as
    // an inclusive interval [low, high]; low > high when there are none below 2^64.
    private readonly ulong[] _positiveLow = new ulong[MaxScale + 1];
    private readonly ulong[] _positiveHigh = new ulong[MaxScale + 1];
    private readonly ulong[] _negativeLow = new ulong[MaxScale + 1];
    private readonly ulong[] _negativeHigh = new ulong[MaxScale + 1];

    public AmountRange(decimal minimum, decimal maximum)
    {
        _minimum = minimum;
        _maximum = maximum;
        (BigInteger minNumerator, BigInteger minDenominator) = AsFraction(minimum);
        (BigInteger maxNumerator, BigInteger maxDenominator) = AsFraction(maximum);
        for (int s = 0; s <= MaxScale; s++)
        {
            BigInteger power = BigInteger.Pow(10, s);

            // +C / 10^s in [min, max]  <=>  ceil(min * 10^s) <= C <= floor(max * 10^s)
            (_positiveLow[s], _positiveHigh[s]) = Interval(
                CeilingDivide(minNumerator * power, minDenominator),
                FloorDivide(maxNumerator * power, maxDenominator));

            // -C / 10^s in [min, max]  <=>  ceil(-max * 10^s) <= C <= floor(-min * 10^s)
            (_negativeLow[s], _negativeHigh[s]) = Interval(
                CeilingDivide(-maxNumerator * power, maxDenominator),
                FloorDivide(-minNumerator * power, minDenominator));
        }
    }

    /// <summary>Whether <c>minimum &lt;= <paramref name="amount"/> &lt;= maximum</c>, exactly as the decimal operators tell.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Contains(in decimal amount)
    {
        if (DecimalArithmetic.TryDecompose(amount, out bool negative, out int scale, out ulong coefficient) && scale <= MaxScale)
        {
            return negative
                ? coefficient >= _negativeLow[scale] && coefficient <= _negativeHigh[scale]
                : coefficient >= _positiveLow[scale] && coefficient <= _positiveHigh[scale];
        }

        return amount >= _minimum && amount <= _maximum;
    }

    /// <summary>
    /// The coefficients C below 2^64 for which +C / 10^<paramref name="scale"/> (or -C / 10^scale when
    /// <paramref name="negative"/>) lies in the range, as an inclusive interval; Low &gt; High when there are none.
    /// </summary>
    public (ulong Low, ulong High) CoefficientBounds(int scale, bool negative) =>
        negative ? (_negativeLow[scale], _negativeHigh[scale]) : (_positiveLow[scale], _positiveHigh[scale]);

    private static (BigInteger Numerator, BigInteger Denominator) AsFraction(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var coefficient = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        int scale = (bits[3] >> 16) & 0xFF;
        return (bits[3] < 0 ? -coefficient : coefficient, BigInteger.Pow(10, scale));
    }

    private static BigInteger FloorDivide(BigInteger numerator, BigInteger denominator)
    {
        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    private static BigInteger CeilingDivide(BigInteger numerator, BigInteger denominator)
    {
        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        return remainder.Sign > 0 ? quotient + 1 : quotient;
    }

    /// <summary>The 64-bit coefficients in [<paramref name="low"/>, <paramref name="high"/>]; (1, 0) when there are none.</summary>
    private static (ulong Low, ulong High) Interval(BigInteger low, BigInteger high)
    {
        if (low.Sign < 0)
        {
            low = BigInteger.Zero;
        }

        if (high > ulong.MaxValue)
        {
            high = ulong.MaxValue;
        }

        return low > high ? (1, 0) : ((ulong)low, (ulong)high);
    }
}
