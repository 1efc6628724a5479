using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

public sealed class ContactPolicyOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var o = new ContactPolicyOptions();
        o.RequireConsent.Should().BeTrue();
        o.ExemptPurposes.Should().Equal("transactional", "service");
        o.FrequencyCaps.Should().HaveCount(2);
        o.FrequencyCaps[0].Scope.Should().Be(FrequencyCapScope.Overall);
        o.FrequencyCaps[0].MaxContacts.Should().Be(3);
        o.FrequencyCaps[0].Window.Should().Be(TimeSpan.FromDays(7));
        o.FrequencyCaps[1].Scope.Should().Be(FrequencyCapScope.EachChannel);
        o.FrequencyCaps[1].MaxContacts.Should().Be(1);
        o.FrequencyCaps[1].Window.Should().Be(TimeSpan.FromDays(1));
        o.QuietHoursStart.Should().Be(new TimeOnly(21, 0));
        o.QuietHoursEnd.Should().Be(new TimeOnly(8, 0));
        o.QuietHoursChannels.Should().Equal("phone", "sms", "app", "contactCentre", "fieldVisit");
        o.DefaultTimeZoneId.Should().Be("UTC");
        o.ComplaintCoolDown.Should().Be(TimeSpan.FromDays(30));
        o.UncountedKinds.Should().Equal("campaignDelivered", "campaignOpened", "campaignClicked", "campaignResponded", "campaignUnsubscribed");
        o.MinimumSignalsToInferChannel.Should().Be(2);
        new FrequencyCapOptions().MaxContacts.Should().Be(3);
        new FrequencyCapOptions().Window.Should().Be(TimeSpan.FromDays(7));
        new FrequencyCapOptions().Scope.Should().Be(FrequencyCapScope.Overall);
    }

    [Theory]
    [InlineData("ExemptPurposes")]
    [InlineData("QuietHoursChannels")]
    [InlineData("UncountedKinds")]
    [InlineData("DefaultTimeZoneId")]
    [InlineData("ComplaintCoolDown")]
    [InlineData("MinimumSignalsToInferChannel")]
    [InlineData("FrequencyCaps[0].MaxContacts")]
    [InlineData("FrequencyCaps[0].Window")]
    [InlineData("FrequencyCaps[1].Channel")]
    [InlineData("FrequencyCaps[1].Scope")]
    [InlineData("FrequencyCaps[2]")]
    public void Invalid_ThrowsNamingTheOption(string option)
    {
        var o = new ContactPolicyOptions();
        switch (option)
        {
            case "ExemptPurposes": o.ExemptPurposes.Add("Trans actional"); break;
            case "QuietHoursChannels": o.QuietHoursChannels.Add(""); break;
            case "UncountedKinds": o.UncountedKinds.Add("x-y"); break;
            case "DefaultTimeZoneId": o.DefaultTimeZoneId = " "; break;
            case "ComplaintCoolDown": o.ComplaintCoolDown = TimeSpan.FromSeconds(-1); break;
            case "MinimumSignalsToInferChannel": o.MinimumSignalsToInferChannel = 0; break;
            case "FrequencyCaps[0].MaxContacts": o.FrequencyCaps[0].MaxContacts = -1; break;
            case "FrequencyCaps[0].Window": o.FrequencyCaps[0].Window = TimeSpan.Zero; break;
            case "FrequencyCaps[1].Channel": o.FrequencyCaps[1].Scope = FrequencyCapScope.Channel; break;
            case "FrequencyCaps[1].Scope": o.FrequencyCaps[1].Scope = (FrequencyCapScope)9; break;
            default: o.FrequencyCaps.Add(null!); break;
        }

        Action act = () => _ = new ContactPolicy(new InMemoryInteractionStore(), new InMemoryContactPreferenceStore(), o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*ContactPolicyOptions.{option}*");
    }
}
