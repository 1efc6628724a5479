using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class ChannelTests
{
    [Fact]
    public void WellKnown_HasTheIssueChannels()
    {
        Channel.WellKnown.Select(c => c.Name).Should().BeEquivalentTo(
            "web", "app", "email", "sms", "phone", "contactCentre", "chat", "storeVisit", "fieldVisit", "social", "post");
        new Channel("contactCentre").Should().Be(Channel.ContactCentre);
        Channel.ContactCentre.IsWellKnown.Should().BeTrue();
    }

    [Fact]
    public void Constructor_HostDefinedChannel_IsAcceptedByPattern()
    {
        Channel.TryParse("whatsApp", out Channel channel).Should().BeTrue();
        channel.IsWellKnown.Should().BeFalse();
        channel.Name.Should().Be("whatsApp");
    }

    [Theory]
    [InlineData("")]
    [InlineData("WhatsApp")]
    [InlineData("whats app")]
    [InlineData("e-mail")]
    public void Constructor_InvalidName_Throws(string name)
    {
        Action act = () => _ = new Channel(name);
        act.Should().Throw<ArgumentException>();
        Channel.TryParse(name, out _).Should().BeFalse();
    }

    [Fact]
    public void Default_IsEmpty()
    {
        default(Channel).IsEmpty.Should().BeTrue();
        Action act = () => _ = new Channel(null!);
        act.Should().Throw<ArgumentNullException>();
    }
}
