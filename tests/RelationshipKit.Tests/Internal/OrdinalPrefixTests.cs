using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class OrdinalPrefixTests
{
    [Fact]
    public void Compare_RandomStrings_AgreesWithOrdinal()
    {
        Gen<string> text = Gen.OneOf(
            Gen.String[Gen.Char['\0', 'z'], 0, 12],
            Gen.String[Gen.Char, 0, 12],
            Gen.Const("customer-000").SelectMany(p => Gen.Int[0, 99].Select(i => p + i)));
        Gen.Select(text, text).Sample(
            (a, b) =>
            {
                int expected = Math.Sign(string.CompareOrdinal(a, b));
                Math.Sign(OrdinalPrefix.Compare(a, OrdinalPrefix.Of(a), b, OrdinalPrefix.Of(b))).Should().Be(expected, $"'{a}' vs '{b}'");
            },
            iter: 5000);
    }

    [Theory]
    [InlineData("abc", "abd")]
    [InlineData("abc", "abcd")]
    [InlineData("abcdefgh", "abcdefgh\0")]
    [InlineData("abcdefghX", "abcdefghY")]
    [InlineData("\uFFFF", "\u0100")]
    [InlineData("Z", "a")]
    public void Compare_HandCases_AgreeWithOrdinal(string a, string b)
    {
        Math.Sign(OrdinalPrefix.Compare(a, OrdinalPrefix.Of(a), b, OrdinalPrefix.Of(b))).Should().Be(Math.Sign(string.CompareOrdinal(a, b)));
        Math.Sign(OrdinalPrefix.Compare(b, OrdinalPrefix.Of(b), a, OrdinalPrefix.Of(a))).Should().Be(Math.Sign(string.CompareOrdinal(b, a)));
    }
}
