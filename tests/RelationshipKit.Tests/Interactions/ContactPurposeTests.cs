using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class ContactPurposeTests
{
    [Fact]
    public void WellKnown_AndHostDefined()
    {
        ContactPurpose.WellKnown.Select(p => p.Name).Should().Equal("marketing", "service", "transactional", "survey");
        new ContactPurpose("marketing").Should().Be(ContactPurpose.Marketing);
        ContactPurpose.TryParse("loyaltyNews", out ContactPurpose custom).Should().BeTrue();
        custom.Name.Should().Be("loyaltyNews");
        custom.ToString().Should().Be("loyaltyNews");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Marketing")]
    [InlineData("loyalty news")]
    public void Constructor_InvalidName_Throws(string name)
    {
        Action act = () => _ = new ContactPurpose(name);
        act.Should().Throw<ArgumentException>();
        ContactPurpose.TryParse(name, out _).Should().BeFalse();
        ContactPurpose.IsValidName(name).Should().BeFalse();
    }

    [Fact]
    public void Default_IsEmpty()
    {
        default(ContactPurpose).IsEmpty.Should().BeTrue();
        Action act = () => _ = new ContactPurpose(null!);
        act.Should().Throw<ArgumentNullException>();
    }
}
