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

    [Fact]
    public void InLoadOrder_ThenFromLoadOrder_EqualsOf()
    {
        Gen<string> text = Gen.OneOf(
            Gen.String[Gen.Char['\0', 'z'], 0, 20],
            Gen.String[Gen.Char, 0, 20],
            Gen.Int[0, 999_999].Select(i => $"C{i:D8}"));
        Gen.Select(text, Gen.Int[0, 12]).Sample(
            (t, offset) =>
            {
                ReadOnlySpan<char> span = offset < t.Length ? t.AsSpan(offset) : default;
                OrdinalPrefix.InLoadOrder(span).FromLoadOrder().Should().Be(OrdinalPrefix.Of(span), $"'{t}' from {offset}");
            },
            iter: 5000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abcdefg")]
    [InlineData("abcdefgh")]
    [InlineData("\uFFFF\u0001\u8000abcdefghij")]
    public void InLoadOrder_HandCases_FromLoadOrderEqualsOf(string text)
    {
        OrdinalPrefix.InLoadOrder(text).FromLoadOrder().Should().Be(OrdinalPrefix.Of(text));
    }
}
