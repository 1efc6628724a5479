using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class ContactPreferencesTests
{
    [Fact]
    public void Constructor_InvalidParts_ThrowNamingThem()
    {
        ((Action)(() => _ = new ContactPreferences(default))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("customerId");
        ((Action)(() => _ = new ContactPreferences(C("c"), [Channel.Email, Channel.Email]))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("preferredChannels");
        ((Action)(() => _ = new ContactPreferences(C("c"), timeZoneId: "Nowhere/Else"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("timeZoneId");
        ((Action)(() => _ = new ContactPreferences(C("c"), doNotContactSince: Now))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("doNotContactSource");
        ((Action)(() => _ = new ContactPreferences(C("c"), doNotContactSource: "letter"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("doNotContactSource");
        ((Action)(() => _ = new ContactPreferences(C("c"), doNotContactSince: default(DateTimeOffset), doNotContactSource: "x"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("doNotContactSince");
        ((Action)(() => _ = new ContactPreferences(C("c"), consents: [new ConsentRecord(Channel.Email, default, ConsentStatus.Granted, Now, "x")])))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("consents[0].Purpose");
    }

    [Fact]
    public void GetConsent_LaterRecordWinsATie()
    {
        var first = new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now, "a");
        var second = first with { Status = ConsentStatus.Withdrawn, Source = "b" };
        new ContactPreferences(C("c"), consents: [first, second]).GetConsent(Channel.Email, ContactPurpose.Marketing).Should().Be(second);
        new ContactPreferences(C("c"), consents: [second, first]).GetConsent(Channel.Email, ContactPurpose.Marketing).Should().Be(first);
    }
}
