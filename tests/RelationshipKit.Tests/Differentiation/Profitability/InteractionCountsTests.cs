using RelationshipKit.Differentiation.Profitability;

namespace RelationshipKit.Tests.Differentiation.Profitability;

public sealed class InteractionCountsTests
{
    [Fact]
    public void FromDictionary_CopiesAndListsKinds()
    {
        var source = new Dictionary<CustomerId, IReadOnlyDictionary<string, int>>
        {
            [new CustomerId("a")] = new Dictionary<string, int> { ["call"] = 2, ["chat"] = 1 },
            [new CustomerId("b")] = new Dictionary<string, int> { ["Call"] = 1 },
        };

        InteractionCounts counts = InteractionCounts.FromDictionary(source);
        source.Clear();

        counts.Kinds.Should().Equal("Call", "call", "chat");
        counts.GetCounts(new CustomerId("a"))["call"].Should().Be(2);
        counts.GetCounts(new CustomerId("nobody")).Should().BeEmpty();
        InteractionCounts.Empty.Kinds.Should().BeEmpty();
    }

    [Fact]
    public void FromDictionary_Invalid_ThrowsNamingCustomerAndKind()
    {
        ((Action)(() => InteractionCounts.FromDictionary(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => InteractionCounts.FromDictionary(new Dictionary<CustomerId, IReadOnlyDictionary<string, int>> { [new CustomerId("a")] = null! })))
            .Should().Throw<ArgumentNullException>().WithMessage("*'a'*");
        ((Action)(() => InteractionCounts.FromDictionary(new Dictionary<CustomerId, IReadOnlyDictionary<string, int>> { [new CustomerId("a")] = new Dictionary<string, int> { ["call"] = -1 } })))
            .Should().Throw<ArgumentException>().WithMessage("*'a'*-1*'call'*");
        ((Action)(() => InteractionCounts.FromDictionary(new Dictionary<CustomerId, IReadOnlyDictionary<string, int>> { [new CustomerId("a")] = new Dictionary<string, int> { [" "] = 1 } })))
            .Should().Throw<ArgumentException>().WithMessage("*white-space*");
        ((Action)(() => InteractionCounts.FromDictionary(new Dictionary<CustomerId, IReadOnlyDictionary<string, int>> { [default] = new Dictionary<string, int>() })))
            .Should().Throw<ArgumentException>().WithMessage("*default*");
    }
}
