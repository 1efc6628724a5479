using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class InteractionTests
{
    public static TheoryData<string, Func<Interaction>> BadFields => new()
    {
        { "id", () => Make(null!) },
        { "id", () => Make("") },
        { "id", () => Make("   ") },
        { "id", () => Make(new string('x', Interaction.MaxIdLength + 1)) },
        { "id", () => Make("a\tb") },
        { "id", () => Make("a\ud800b") },
        { "customerId", () => new Interaction("i", default, InteractionKind.Purchase, Channel.Web, InteractionDirection.Inbound, Now) },
        { "kind", () => new Interaction("i", C("c"), default, Channel.Web, InteractionDirection.Inbound, Now) },
        { "channel", () => new Interaction("i", C("c"), InteractionKind.Purchase, default, InteractionDirection.Inbound, Now) },
        { "direction", () => new Interaction("i", C("c"), InteractionKind.Purchase, Channel.Web, (InteractionDirection)0, Now) },
        { "direction", () => new Interaction("i", C("c"), InteractionKind.Purchase, Channel.Web, (InteractionDirection)3, Now) },
        { "occurredAt", () => new Interaction("i", C("c"), InteractionKind.Purchase, Channel.Web, InteractionDirection.Inbound, default) },
        { "campaign", () => Make("i", campaign: "") },
        { "campaign", () => Make("i", campaign: new string('c', Interaction.MaxTextLength + 1)) },
        { "outcome", () => Make("i", outcome: " ") },
        { "outcome", () => Make("i", outcome: "a\0b") },
        { "rating", () => Make("i", rating: -1) },
        { "rating", () => Make("i", rating: 11) },
        { "sentiment", () => Make("i", sentiment: double.NaN) },
        { "sentiment", () => Make("i", sentiment: double.PositiveInfinity) },
        { "sentiment", () => Make("i", sentiment: 1.0001) },
        { "attributes", () => Make("i", attributes: [new("", "v")]) },
        { "attributes", () => Make("i", attributes: Enumerable.Range(0, Interaction.MaxAttributeCount + 1).Select(n => new KeyValuePair<string, string>($"k{n}", "v"))) },
        { "attributes", () => Make("i", attributes: [new(new string('k', Interaction.MaxAttributeKeyLength + 1), "v")]) },
        { "attributes.note", () => Make("i", attributes: [new("note", new string('v', Interaction.MaxAttributeValueLength + 1))]) },
        { "attributes.note", () => Make("i", attributes: [new("note", null!)]) },
        { "attributes.dup", () => Make("i", attributes: [new("dup", "1"), new("dup", "2")]) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Constructor_MalformedField_ThrowsNamingTheField(string field, Func<Interaction> create)
    {
        InvalidInteractionException ex = create.Should().Throw<InvalidInteractionException>().Which;
        ex.FieldName.Should().Be(field);
        ex.ParamName.Should().Be(field);
        ex.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Constructor_ValidFields_KeepsThemAsGiven()
    {
        Interaction i = Full("x1");
        i.Id.Should().Be("x1");
        i.OccurredAt.Offset.Should().Be(TimeSpan.FromMinutes(345));
        i.Amount.Should().Be(10.50m);
        i.Rating.Should().Be(4);
        i.Attributes.Keys.Should().Equal("email", "note");
        i.Attributes["email"].Should().Be("jane@example.com");
    }

    [Fact]
    public void Constructor_NegativeZeroSentiment_IsZero()
    {
        Interaction i = Make("i", sentiment: -0.0);
        double.IsNegative(i.Sentiment!.Value).Should().BeFalse();
        i.Should().Be(Make("i", sentiment: 0.0));
    }

    [Fact]
    public void Equals_ComparesEveryFieldAndAttributesInAnyOrder()
    {
        Interaction a = Make("i", attributes: [new("x", "1"), new("y", "2")]);
        Interaction b = Make("i", attributes: [new("y", "2"), new("x", "1")]);
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(Make("i", attributes: [new("x", "1")]));
        a.Should().NotBe(Make("i", attributes: [new("x", "1"), new("y", "3")]));
        Make("i").Should().NotBe(Make("i", customer: "c2"));
        Make("i").Should().NotBe(Make("i", kind: InteractionKind.Return));
        Make("i").Should().NotBe(Make("i", channel: Channel.Email));
        Make("i").Should().NotBe(Make("i", direction: InteractionDirection.Outbound));
        Make("i").Should().NotBe(Make("i", at: Now));
        Make("i").Should().NotBe(Make("i", amount: 1m));
        Make("i").Should().NotBe(Make("i", campaign: "c"));
        Make("i").Should().NotBe(Make("i", outcome: "o"));
        Make("i").Should().NotBe(Make("i", rating: 1));
        Make("i").Should().NotBe(Make("i", sentiment: 0.1));
        Make("i", amount: 1.0m).Should().Be(Make("i", amount: 1.00m));
        Make("i").Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Attributes_LookupAndMissingKey()
    {
        Interaction i = Make("i", attributes: [new("b", "2"), new("a", "1")]);
        i.Attributes.TryGetValue("a", out string? a).Should().BeTrue();
        a.Should().Be("1");
        i.Attributes.ContainsKey("c").Should().BeFalse();
        Action missing = () => _ = i.Attributes["c"];
        missing.Should().Throw<KeyNotFoundException>();
        Make("j").Attributes.Should().BeEmpty();
    }

    [Fact]
    public void ToString_NamesIdCustomerKindAndChannel()
    {
        Make("i9").ToString().Should().Contain("i9").And.Contain("c1").And.Contain("purchase").And.Contain("web");
    }
}
