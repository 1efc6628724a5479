using System.Globalization;
using RelationshipKit.Identification;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class MessageTemplateTests
{
    private static readonly LoyaltyState Customer = new(
        Id(), 3, new DateTimeOffset(2024, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 5, 2, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(60), 1234.5m,
        birthDate: new DateOnly(1988, 3, 14), favouriteCategory: "green tea", tier: "gold");

    private static readonly GoldenProfile Jane = Profile("c1", (IdentityField.GivenName, "Jane"), (IdentityField.FamilyName, "Doe"), (IdentityField.Locality, "Porto"));

    [Fact]
    public void Render_FillsPlaceholdersFromProfileAndHistory()
    {
        MessageTemplate t = MessageTemplate.Parse("Dear {givenName}, since {firstPurchase} you spent {totalSpend}; last on {lastPurchase}. Our {city} shop has {favouriteCategory}. Birthday {birthday}! ({tier}) {fullName}");
        t.Render(Customer, Jane).Should().Be("Dear Jane, since 01/05/2024 you spent 1,234.50; last on 05/02/2025. Our Porto shop has green tea. Birthday March 14! (gold) Jane Doe");
        t.UsedPlaceholders.Should().Equal("givenName", "firstPurchase", "totalSpend", "lastPurchase", "city", "favouriteCategory", "birthday", "tier", "fullName");
    }

    [Fact]
    public void Render_UsesTheCulture()
    {
        MessageTemplate t = MessageTemplate.Parse("{birthday} / {lastPurchase} / {totalSpend}");
        t.Render(Customer, null, CultureInfo.GetCultureInfo("fr-FR")).Should().Be("14 mars / 02/05/2025 / 1\u202f234,50");
    }

    [Fact]
    public void Render_MissingValues_UseTheDeclaredFallback_ThenTheDefault()
    {
        MessageTemplate t = MessageTemplate.Parse("Hello {givenName|friend}, from {city|our shops}{region}!", defaultFallback: "?");
        t.Render(Prospect()).Should().Be("Hello friend, from our shops?!");
        t.Render(new LoyaltyState(Id(), locality: "Lyon"), Profile("c1", (IdentityField.GivenName, "Ana"))).Should().Be("Hello Ana, from Lyon?!");
        MessageTemplate.Parse("{favouriteCategory}").Render(Prospect()).Should().BeEmpty();
    }

    [Fact]
    public void Parse_EscapedBraces_AreLiteral()
    {
        MessageTemplate.Parse("{{not a placeholder}} {givenName}").Render(Prospect(), Jane).Should().Be("{not a placeholder} Jane");
        MessageTemplate.Parse("no placeholders").UsedPlaceholders.Should().BeEmpty();
        MessageTemplate.Placeholders.Should().Contain(["givenName", "birthday", "city", "lastPurchase", "favouriteCategory"]);
    }

    [Theory]
    [InlineData("Hi {firstName}", "firstName", 3)]
    [InlineData("Hi {givenName", null, 3)]
    [InlineData("Hi }", null, 3)]
    [InlineData("Hi { |x}", null, 3)]
    [InlineData("Hi {city|a{b}", "city", 3)]
    public void Parse_BadTemplate_ThrowsNamingThePlaceholder(string text, string? placeholder, int position)
    {
        Action act = () => MessageTemplate.Parse(text);
        InvalidTemplateException ex = act.Should().Throw<InvalidTemplateException>().Which;
        ex.Placeholder.Should().Be(placeholder);
        ex.Position.Should().Be(position);
        if (placeholder is not null)
        {
            ex.Message.Should().Contain(placeholder);
        }
    }

    [Fact]
    public void Methods_BadArguments_Throw()
    {
        Action nullText = () => MessageTemplate.Parse(null!);
        nullText.Should().Throw<ArgumentNullException>();
        Action nullFallback = () => MessageTemplate.Parse("x", null!);
        nullFallback.Should().Throw<ArgumentNullException>();
        MessageTemplate t = MessageTemplate.Parse("{givenName}");
        Action defaultState = () => t.Render(default);
        defaultState.Should().Throw<ArgumentException>().WithParameterName("state");
        Action otherProfile = () => t.Render(Prospect("c2"), Jane);
        otherProfile.Should().Throw<ArgumentException>().WithParameterName("profile");
    }

    [Fact]
    public void TemplateCatalog_PicksTheFirstMatchingSegmentsTemplate()
    {
        var segments = new SegmentSet(
        [
            new SegmentDefinition("birthday", SegmentPredicates.BirthdayWithin(7), "birthday soon"),
            new SegmentDefinition("lapsed", SegmentPredicates.InLifecycleStage(CustomerLifecycle.Lapsed), "lapsed"),
        ]);
        MessageTemplate fallback = MessageTemplate.Parse("News from our {city|shops}");
        MessageTemplate birthday = MessageTemplate.Parse("Happy birthday {givenName|}!");
        MessageTemplate lapsed = MessageTemplate.Parse("We miss you, {givenName|friend}");
        var catalog = new TemplateCatalog(segments, fallback, [new("lapsed", lapsed), new("birthday", birthday)]);
        var state = new LoyaltyState(Id(), birthDate: new DateOnly(1990, 6, 17));
        catalog.Select(segments.Evaluate(state, new LoyaltyContext(AsOf, default, CustomerLifecycle.Lapsed))).Should().BeSameAs(lapsed);
        catalog.Select(segments.Evaluate(state, new LoyaltyContext(AsOf))).Should().BeSameAs(birthday);
        catalog.Select(segments.Evaluate(Prospect(), new LoyaltyContext(AsOf))).Should().BeSameAs(fallback);
        catalog.Select(segments.Evaluate(state, new LoyaltyContext(AsOf))).Render(state, Jane).Should().Be("Happy birthday Jane!");

        Action unknown = () => _ = new TemplateCatalog(segments, fallback, [new("ghost", lapsed)]);
        unknown.Should().Throw<ArgumentException>().WithParameterName("templates");
        var other = new SegmentSet([new SegmentDefinition("birthday", SegmentPredicates.BirthdayWithin(1), "x")]);
        Action wrongSet = () => catalog.Select(other.Evaluate(state, new LoyaltyContext(AsOf)));
        wrongSet.Should().Throw<ArgumentException>().WithParameterName("membership");
        Action nulls = () => _ = new TemplateCatalog(null!, fallback, []);
        nulls.Should().Throw<ArgumentNullException>();
    }
}
