using CsCheck;

namespace RelationshipKit.Tests.Internal;

/// <summary>Decimal generators that reach every sign, scale and coefficient width, zeros and negative zeros included.</summary>
internal static class DecimalGen
{
    private static readonly Gen<byte> Scale = Gen.Byte[0, 28];

    /// <summary>Any decimal: 32-, 64- and 96-bit coefficients, all scales, both signs, zeros (including -0 at any scale).</summary>
    public static readonly Gen<decimal> Any = Gen.OneOf(
        Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Scale, (lo, mid, hi, negative, scale) => new decimal(lo, mid, hi, negative, scale)),
        Gen.Select(Gen.Int, Gen.Int, Gen.Bool, Scale, (lo, mid, negative, scale) => new decimal(lo, mid, 0, negative, scale)),
        Gen.Select(Gen.Int[0, 100_000], Gen.Bool, Gen.Byte[0, 4], (lo, negative, scale) => new decimal(lo, 0, 0, negative, scale)),
        Gen.Select(Gen.Bool, Scale, (negative, scale) => new decimal(0, 0, 0, negative, scale)),
        Gen.Select(Gen.Bool, Scale, (negative, scale) => new decimal(-1, -1, 0, negative, scale)),
        Gen.Const(0m), Gen.Const(1.00m), Gen.Const(0.0m), Gen.Const(-1_000_000m), Gen.Const(decimal.MaxValue), Gen.Const(decimal.MinValue));

    /// <summary>Prices as shops have them: up to 100,000.00 with 0 to 2 decimals, either sign.</summary>
    public static readonly Gen<decimal> Price =
        Gen.Select(Gen.Int[0, 10_000_000], Gen.Bool, Gen.Byte[0, 2], (cents, negative, scale) => new decimal(cents, 0, 0, negative, scale));

    public static bool SameBits(decimal a, decimal b) => decimal.GetBits(a).AsSpan().SequenceEqual(decimal.GetBits(b));
}
