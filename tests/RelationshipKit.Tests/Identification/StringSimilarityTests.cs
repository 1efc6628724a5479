using CsCheck;
using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class StringSimilarityTests
{
    // Published values: Winkler (1990) and the Jaro-Winkler literature (MARTHA/MARHTA, DWAYNE/DUANE, DIXON/DICKSONX).
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.9444)]
    [InlineData("DWAYNE", "DUANE", 0.8222)]
    [InlineData("DIXON", "DICKSONX", 0.7667)]
    public void Jaro_KnownPairs_MatchPublishedValues(string a, string b, double expected) =>
        StringSimilarity.Jaro(a, b).Should().BeApproximately(expected, 0.0001);

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.9611)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.8133)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    public void JaroWinkler_KnownPairs_MatchPublishedValues(string a, string b, double expected) =>
        StringSimilarity.JaroWinkler(a, b).Should().BeApproximately(expected, 0.0001);

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ca", "abc", 2)]
    [InlineData("abcdef", "abdcef", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("smith", "smith", 0)]
    [InlineData("19800517", "19800571", 1)]
    [InlineData("flaw", "lawn", 2)]
    public void DamerauLevenshtein_KnownPairs_AreExact(string a, string b, int expected) =>
        StringSimilarity.DamerauLevenshtein(a, b).Should().Be(expected);

    [Fact]
    public void DamerauLevenshtein_Bounded_StopsAboveMaximum() =>
        StringSimilarity.DamerauLevenshtein("abcdefgh", "zzzzzzzzzzzz", 2).Should().BeGreaterThan(2);

    [Fact]
    public void JaroWinkler_IsSymmetricAndBounded()
    {
        CsCheck.Gen<string> text = CsCheck.Gen.String[CsCheck.Gen.Char['a', 'e'], 0, 8];
        CsCheck.Gen.Select(text, text).Sample((a, b) =>
        {
            double x = StringSimilarity.JaroWinkler(a, b);
            return x >= 0 && x <= 1.0000001 && Math.Abs(x - StringSimilarity.JaroWinkler(b, a)) < 1e-12
                && StringSimilarity.DamerauLevenshtein(a, b) == StringSimilarity.DamerauLevenshtein(b, a);
        });
    }
}
