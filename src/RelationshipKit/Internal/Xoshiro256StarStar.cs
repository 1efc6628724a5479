using System.Numerics;

namespace RelationshipKit.Internal;

/// <summary>
/// The xoshiro256** pseudo-random generator of Blackman and Vigna (2018, "Scrambled linear pseudorandom number
/// generators"), seeded from one 64-bit value through SplitMix64 as its authors recommend. Implemented here,
/// rather than taken from <see cref="Random"/>, so that a seed gives the same stream on every .NET version.
/// </summary>
/// <remarks>A mutable value: pass it by reference. Not thread-safe.</remarks>
internal struct Xoshiro256StarStar
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="state"/> and returns its output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), a multiple of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoToMinus53;

    /// <summary>A uniform double in (0, 1], safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * TwoToMinus53;
}
