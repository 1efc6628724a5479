using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class Xoshiro256StarStarTests
{
    // Golden values from the authors' reference C code (xoshiro256starstar.c and splitmix64.c, prng.di.unimi.it),
    // compiled and run independently of this library: state seeded with four SplitMix64 outputs from the seed.
    [Fact]
    public void SplitMix64_FromZero_GivesPublishedFirstOutput()
    {
        ulong state = 0;
        Xoshiro256StarStar.SplitMix64(ref state).Should().Be(0xE220A8397B1DCDAFUL);
    }

    [Theory]
    [InlineData(1UL, new ulong[] { 12966619160104079557UL, 9600361134598540522UL, 10590380919521690900UL, 7218738570589545383UL, 12860671823995680371UL })]
    [InlineData(12345UL, new ulong[] { 13720838825685603483UL, 2398916695208396998UL, 17770384849984869256UL, 891717726879801395UL, 10241316046318454344UL })]
    public void NextUInt64_Seeded_MatchesReferenceImplementation(ulong seed, ulong[] expected)
    {
        var random = new Xoshiro256StarStar(seed);
        var actual = new ulong[expected.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            actual[i] = random.NextUInt64();
        }

        actual.Should().Equal(expected);
    }

    [Fact]
    public void NextUInt64_After1000Draws_MatchesReferenceImplementation()
    {
        var random = new Xoshiro256StarStar(1);
        for (int i = 0; i < 1000; i++)
        {
            random.NextUInt64();
        }

        random.NextUInt64().Should().Be(14841950361884779394UL);
    }

    [Fact]
    public void NextDouble_ManyDraws_StaysInUnitIntervalWithMeanOneHalf()
    {
        var random = new Xoshiro256StarStar(7);
        const int N = 200_000;
        double sum = 0;
        for (int i = 0; i < N; i++)
        {
            double u = random.NextDouble();
            u.Should().BeInRange(0.0, 1.0).And.NotBe(1.0);
            double open = random.NextOpenDouble();
            open.Should().BeGreaterThan(0.0).And.BeLessThanOrEqualTo(1.0);
            sum += u;
        }

        // Var(U) = 1/12; four standard errors.
        (sum / N).Should().BeApproximately(0.5, 4 * Math.Sqrt(1.0 / 12 / N));
    }
}
