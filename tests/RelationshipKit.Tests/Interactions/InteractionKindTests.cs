using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class InteractionKindTests
{
    [Theory]
    [InlineData("purchase")]
    [InlineData("campaignOpened")]
    [InlineData("complaintResolved")]
    [InlineData("serviceCall")]
    public void Constructor_WellKnownName_GivesTheWellKnownKind(string name)
    {
        var kind = new InteractionKind(name);
        kind.IsWellKnown.Should().BeTrue();
        InteractionKind.WellKnown.Should().Contain(kind);
        kind.Name.Should().Be(name);
        kind.ToString().Should().Be(name);
    }

    [Fact]
    public void WellKnown_HasTheIssueKindsInLowerCamelCase()
    {
        InteractionKind.WellKnown.Select(k => k.Name).Should().BeEquivalentTo(
            "purchase", "return", "visit", "browse", "inquiry", "complaint", "complaintResolved", "opinion", "review", "suggestion",
            "referral", "campaignSent", "campaignDelivered", "campaignOpened", "campaignClicked", "campaignResponded",
            "campaignUnsubscribed", "serviceCall", "chat");
        InteractionKind.CampaignOpened.Name.Should().Be("campaignOpened");
    }

    [Fact]
    public void Constructor_HostName_IsNotWellKnown()
    {
        var kind = new InteractionKind("warrantyClaim");
        kind.IsWellKnown.Should().BeFalse();
        kind.Should().Be(new InteractionKind("warrantyClaim"));
        kind.Should().NotBe(InteractionKind.Purchase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Purchase")]
    [InlineData("campaign_opened")]
    [InlineData("campaign-opened")]
    [InlineData("1st")]
    [InlineData("café")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Constructor_InvalidName_Throws(string name)
    {
        Action act = () => _ = new InteractionKind(name);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
        InteractionKind.TryParse(name, out InteractionKind parsed).Should().BeFalse();
        parsed.IsEmpty.Should().BeTrue();
        InteractionKind.IsValidName(name).Should().BeFalse();
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Action act = () => _ = new InteractionKind(null!);
        act.Should().Throw<ArgumentNullException>();
        InteractionKind.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Default_IsEmpty()
    {
        default(InteractionKind).IsEmpty.Should().BeTrue();
        default(InteractionKind).IsWellKnown.Should().BeFalse();
        default(InteractionKind).Name.Should().BeEmpty();
    }
}
