using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class ContactPolicyTests
{
    private static readonly CustomerId Customer = C("c1");
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryInteractionStore _interactions;
    private readonly InMemoryContactPreferenceStore _preferences = new();

    public ContactPolicyTests()
    {
        _interactions = new InMemoryInteractionStore(null, _time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Noon UTC: outside the default quiet hours (21:00-08:00 UTC).
    private static DateTimeOffset At => Now;

    [Fact]
    public async Task DecideAsync_NoConsent_DeniedForMarketingButAllowedForTransactional()
    {
        ContactPolicy policy = Policy();
        ContactDecision marketing = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        marketing.IsAllowed.Should().BeFalse();
        marketing.Reasons.Should().ContainSingle().Which.Code.Should().Be(ContactReasonCode.ConsentMissing);
        marketing.BestChannel.Should().BeNull();
        marketing.CustomerId.Should().Be(Customer);
        marketing.Channel.Should().Be(Channel.Email);
        marketing.Purpose.Should().Be(ContactPurpose.Marketing);
        marketing.At.Should().Be(At);

        ContactDecision transactional = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Transactional, At, Ct);
        transactional.IsAllowed.Should().BeTrue();
        transactional.Reasons.Should().BeEmpty();
        transactional.BestChannel.Should().Be(Channel.Email);
    }

    [Fact]
    public async Task DecideAsync_ConsentGranted_Allowed_WithdrawnLater_DeniedWithWhenAndHow()
    {
        await Grant(Channel.Email, At.AddDays(-30));
        ContactPolicy policy = Policy();
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Survey, At, Ct)).HasReason(ContactReasonCode.ConsentMissing).Should().BeTrue("consent is per purpose");
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, At, Ct)).HasReason(ContactReasonCode.ConsentMissing).Should().BeTrue("consent is per channel");

        await _preferences.RecordConsentAsync(Customer, new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, At.AddDays(-2), "preference centre"), Ct);
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        ContactReason reason = decision.Reasons.Should().ContainSingle().Which;
        reason.Code.Should().Be(ContactReasonCode.ConsentWithdrawn);
        reason.Message.Should().Contain("preference centre");
        reason.Until.Should().BeNull();

        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At.AddDays(-10), Ct)).IsAllowed.Should().BeTrue("the withdrawal came later");
    }

    [Fact]
    public async Task DecideAsync_ConsentNotRequired_StillHonoursWithdrawalAndUnsubscribe()
    {
        ContactPolicy policy = Policy(o => o.RequireConsent = false);
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
        await _interactions.AppendAsync(Make("u", kind: InteractionKind.CampaignUnsubscribed, channel: Channel.Email, at: At.AddDays(-1)), null, Ct);
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).Reasons.Single().Code.Should().Be(ContactReasonCode.Unsubscribed);
        await _preferences.RecordConsentAsync(Customer, new ConsentRecord(Channel.Sms, ContactPurpose.Marketing, ConsentStatus.Withdrawn, At.AddDays(-1), "sms STOP"), Ct);
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, At, Ct)).Reasons.Single().Code.Should().Be(ContactReasonCode.ConsentWithdrawn);
    }

    [Fact]
    public async Task DecideAsync_UnsubscribedAfterConsent_Denied_RegrantedAfterwards_Allowed()
    {
        await Grant(Channel.Email, At.AddDays(-30));
        await _interactions.AppendAsync(Make("u", kind: InteractionKind.CampaignUnsubscribed, channel: Channel.Email, at: At.AddDays(-3)), null, Ct);
        ContactPolicy policy = Policy();
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).Reasons.Single().Code.Should().Be(ContactReasonCode.Unsubscribed);
        await Grant(Channel.Email, At.AddDays(-1));
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task DecideAsync_DoNotContact_DeniesNonExemptPurposes_UntilLifted()
    {
        await Grant(Channel.Email, At.AddDays(-30));
        await _preferences.SetDoNotContactAsync(Customer, true, At.AddDays(-1), "phone call to support", Ct);
        ContactPolicy policy = Policy();
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        decision.Reasons.Single().Code.Should().Be(ContactReasonCode.DoNotContact);
        decision.Reasons.Single().Message.Should().Contain("phone call to support");
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Transactional, At, Ct)).IsAllowed.Should().BeTrue();
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At.AddDays(-2), Ct)).IsAllowed.Should().BeTrue("it was asked later");
        await _preferences.SetDoNotContactAsync(Customer, false, At, "customer opted back in", Ct);
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task DecideAsync_OverallCap_CountsOutboundContactsInTheRollingWindowOnly()
    {
        await Grant(Channel.Email, At.AddDays(-60));
        await Grant(Channel.Sms, At.AddDays(-60));
        await _interactions.AppendBatchAsync(
        [
            Contact("old", Channel.Email, At.AddDays(-7)), // exactly one window ago: outside (t - window, t]
            Contact("c1", Channel.Email, At.AddDays(-6)),
            Contact("c2", Channel.Sms, At.AddDays(-4)),
            Make("receipt", kind: InteractionKind.CampaignDelivered, channel: Channel.Email, direction: InteractionDirection.Outbound, at: At.AddDays(-4)),
            Make("inbound", kind: InteractionKind.Inquiry, channel: Channel.Email, at: At.AddDays(-3)),
        ],
            null,
            Ct);
        ContactPolicy policy = Policy(CapsOnly(new FrequencyCapOptions { Scope = FrequencyCapScope.Overall, MaxContacts = 3, Window = TimeSpan.FromDays(7) }));
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue("two contacts count; the receipt, the inbound inquiry and the old send do not");

        await _interactions.AppendAsync(Contact("c3", Channel.Email, At.AddDays(-2)), null, Ct);
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, At, Ct);
        ContactReason reason = decision.Reasons.Should().ContainSingle().Which;
        reason.Code.Should().Be(ContactReasonCode.FrequencyCap);
        reason.Until.Should().Be(At.AddDays(-6).AddDays(7), "the oldest counted contact leaves the window then");
        decision.BestChannel.Should().BeNull("the overall cap holds on every channel");
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, At.AddDays(1).AddTicks(1), Ct)).IsAllowed.Should().BeTrue();
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Transactional, At, Ct)).IsAllowed.Should().BeTrue("exempt purposes are not capped");
    }

    [Fact]
    public async Task DecideAsync_EachChannelCap_DeniesTheBusyChannelAndOffersAnother()
    {
        await Grant(Channel.Email, At.AddDays(-60));
        await Grant(Channel.Sms, At.AddDays(-60));
        await _interactions.AppendAsync(Contact("e1", Channel.Email, At.AddHours(-2)), null, Ct);
        ContactPolicy policy = Policy(CapsOnly(new FrequencyCapOptions { Scope = FrequencyCapScope.EachChannel, MaxContacts = 1, Window = TimeSpan.FromDays(1) }));
        ContactDecision email = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        email.Reasons.Single().Code.Should().Be(ContactReasonCode.FrequencyCap);
        email.Reasons.Single().Until.Should().Be(At.AddHours(22));
        email.BestChannel.Should().Be(Channel.Sms);
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
    }

    [Fact]
    public async Task DecideAsync_SingleChannelCap_AppliesToThatChannelOnly_AndZeroForbids()
    {
        await Grant(Channel.Email, At.AddDays(-60));
        await Grant(Channel.Phone, At.AddDays(-60));
        ContactPolicy policy = Policy(CapsOnly(new FrequencyCapOptions { Scope = FrequencyCapScope.Channel, Channel = "phone", MaxContacts = 0, Window = TimeSpan.FromDays(30) }));
        ContactDecision phone = await policy.DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, At, Ct);
        phone.Reasons.Single().Code.Should().Be(ContactReasonCode.FrequencyCap);
        phone.Reasons.Single().Until.Should().BeNull("a cap of zero never lapses");
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("2024-06-01T22:30:00+02:00", true, "2024-06-02T08:00:00+02:00")]
    [InlineData("2024-06-01T07:59:00+02:00", true, "2024-06-01T08:00:00+02:00")]
    [InlineData("2024-06-01T08:00:00+02:00", false, null)]
    [InlineData("2024-06-01T20:59:00+02:00", false, null)]
    [InlineData("2024-06-01T21:00:00+02:00", true, "2024-06-02T08:00:00+02:00")]
    public async Task DecideAsync_QuietHours_InTheCustomersTimeZone(string at, bool quiet, string? until)
    {
        await Grant(Channel.Sms, Now.AddDays(-60));
        await Grant(Channel.Email, Now.AddDays(-60));
        await _preferences.SetTimeZoneAsync(Customer, "Europe/Paris", Ct);
        ContactPolicy policy = Policy(o => o.FrequencyCaps.Clear());
        DateTimeOffset when = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
        ContactDecision sms = await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, when, Ct);
        sms.HasReason(ContactReasonCode.QuietHours).Should().Be(quiet);
        if (until is not null)
        {
            sms.Reasons.Single().Until.Should().Be(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture));
            sms.BestChannel.Should().Be(Channel.Email, "e-mail is not an intrusive channel");
        }

        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, when, Ct)).IsAllowed.Should().BeTrue();
        (await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Transactional, when, Ct)).HasReason(ContactReasonCode.QuietHours).Should().Be(quiet, "quiet hours apply to every purpose");
    }

    [Fact]
    public async Task DecideAsync_QuietHours_DefaultTimeZoneWhenNoneStated_AndDisabledWhenStartEqualsEnd()
    {
        await Grant(Channel.Phone, Now.AddDays(-60));
        DateTimeOffset lateUtc = new(2024, 6, 1, 23, 0, 0, TimeSpan.Zero);
        (await Policy(o => o.FrequencyCaps.Clear()).DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, lateUtc, Ct)).HasReason(ContactReasonCode.QuietHours).Should().BeTrue();
        (await Policy(o => { o.FrequencyCaps.Clear(); o.DefaultTimeZoneId = "America/New_York"; }).DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, lateUtc, Ct))
            .IsAllowed.Should().BeTrue("it is 19:00 in New York");
        (await Policy(o => { o.FrequencyCaps.Clear(); o.QuietHoursStart = o.QuietHoursEnd; }).DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, lateUtc, Ct))
            .IsAllowed.Should().BeTrue();
        (await Policy(o => { o.FrequencyCaps.Clear(); o.QuietHoursStart = new TimeOnly(13, 0); o.QuietHoursEnd = new TimeOnly(14, 0); })
            .DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, new DateTimeOffset(2024, 6, 1, 13, 30, 0, TimeSpan.Zero), Ct))
            .Reasons.Single().Until.Should().Be(new DateTimeOffset(2024, 6, 1, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task DecideAsync_QuietHoursEndingInADaylightSavingGap_LapseAtTheFirstValidLocalTime()
    {
        await Grant(Channel.Phone, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await _preferences.SetTimeZoneAsync(Customer, "America/New_York", Ct);
        ContactPolicy policy = Policy(o => { o.FrequencyCaps.Clear(); o.QuietHoursStart = new TimeOnly(1, 0); o.QuietHoursEnd = new TimeOnly(2, 30); });
        var at = new DateTimeOffset(2024, 3, 10, 1, 30, 0, TimeSpan.FromHours(-5)); // 02:00-03:00 does not exist that night
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Phone, ContactPurpose.Marketing, at, Ct);
        decision.Reasons.Single().Until.Should().Be(new DateTimeOffset(2024, 3, 10, 3, 0, 0, TimeSpan.FromHours(-4)));
    }

    [Fact]
    public async Task DecideAsync_UnresolvedComplaint_CoolsDownNonExemptContacts()
    {
        await Grant(Channel.Email, At.AddDays(-60));
        await _interactions.AppendAsync(Make("k", kind: InteractionKind.Complaint, channel: Channel.ContactCentre, at: At.AddDays(-5)), null, Ct);
        ContactPolicy policy = Policy(o => { o.FrequencyCaps.Clear(); o.ComplaintCoolDown = TimeSpan.FromDays(30); });
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        decision.Reasons.Single().Code.Should().Be(ContactReasonCode.ComplaintCoolDown);
        decision.Reasons.Single().Until.Should().Be(At.AddDays(25));
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Service, At, Ct)).IsAllowed.Should().BeTrue("the service call that resolves it is exempt");
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At.AddDays(25), Ct)).IsAllowed.Should().BeTrue("the cool-down is over");
        (await Policy(o => { o.FrequencyCaps.Clear(); o.ComplaintCoolDown = TimeSpan.Zero; }).DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue();

        await _interactions.AppendAsync(Make("r", kind: InteractionKind.ComplaintResolved, channel: Channel.ContactCentre, at: At.AddDays(-1)), null, Ct);
        (await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct)).IsAllowed.Should().BeTrue("the complaint is resolved");
    }

    [Fact]
    public async Task DecideAsync_SeveralRules_ListsEveryReason()
    {
        await _preferences.SetDoNotContactAsync(Customer, true, At.AddDays(-1), "letter", Ct);
        DateTimeOffset night = new(2024, 6, 1, 23, 0, 0, TimeSpan.Zero);
        _time.SetUtcNow(night);
        await _interactions.AppendBatchAsync(
            [Contact("s", Channel.Sms, night.AddHours(-2)), Make("k", kind: InteractionKind.Complaint, at: night.AddHours(-1))],
            null,
            Ct);
        ContactDecision decision = await Policy().DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, night, Ct);
        decision.Reasons.Select(r => r.Code).Should().Equal(
            ContactReasonCode.DoNotContact,
            ContactReasonCode.ConsentMissing,
            ContactReasonCode.FrequencyCap,
            ContactReasonCode.QuietHours,
            ContactReasonCode.ComplaintCoolDown);
        decision.IsAllowed.Should().BeFalse();
    }

    [Fact]
    public async Task DecideAsync_BestChannel_FollowsStatedPreferencesThenInferredThenConsented()
    {
        await Grant(Channel.Email, At.AddDays(-60));
        await Grant(Channel.Sms, At.AddDays(-60));
        await Grant(Channel.Post, At.AddDays(-60));
        ContactPolicy policy = Policy(o => o.FrequencyCaps.Clear());

        ContactDecision none = await policy.DecideAsync(Customer, Channel.Post, ContactPurpose.Marketing, At, Ct);
        none.PreferredChannelSource.Should().Be(PreferredChannelSource.None);
        none.PreferredChannel.Should().BeNull();
        none.BestChannel.Should().Be(Channel.Email, "consented channels without response history go by name");

        await _interactions.AppendBatchAsync(
            [
                Make("r1", kind: InteractionKind.CampaignResponded, channel: Channel.Sms, at: At.AddDays(-9)),
                Make("r2", kind: InteractionKind.CampaignClicked, channel: Channel.Sms, at: At.AddDays(-8)),
            ],
            null,
            Ct);
        ContactDecision inferred = await policy.DecideAsync(Customer, Channel.Post, ContactPurpose.Marketing, At, Ct);
        inferred.PreferredChannelSource.Should().Be(PreferredChannelSource.Inferred);
        inferred.PreferredChannel.Should().Be(Channel.Sms);
        inferred.BestChannel.Should().Be(Channel.Sms);
        inferred.IsAllowed.Should().BeTrue();

        await _preferences.SetPreferredChannelsAsync(Customer, [Channel.App, Channel.Post], Ct);
        ContactDecision stated = await policy.DecideAsync(Customer, Channel.Email, ContactPurpose.Marketing, At, Ct);
        stated.PreferredChannelSource.Should().Be(PreferredChannelSource.Stated);
        stated.PreferredChannel.Should().Be(Channel.App);
        stated.BestChannel.Should().Be(Channel.Post, "the app has no consent, post is the next stated channel");
    }

    [Fact]
    public async Task DecideAsync_NoTimeGiven_UsesTheTimeProvider()
    {
        await Grant(Channel.Sms, Now.AddDays(-60));
        ContactPolicy policy = Policy(o => o.FrequencyCaps.Clear());
        _time.SetUtcNow(new DateTimeOffset(2024, 6, 1, 23, 0, 0, TimeSpan.Zero));
        ContactDecision decision = await policy.DecideAsync(Customer, Channel.Sms, ContactPurpose.Marketing, null, Ct);
        decision.At.Should().Be(_time.GetUtcNow());
        decision.HasReason(ContactReasonCode.QuietHours).Should().BeTrue();
    }

    [Fact]
    public void Decide_WithAHistoryTheCallerBuilt_NeedsNoStore()
    {
        ContactPolicy policy = Policy(o => o.FrequencyCaps.Clear());
        var preferences = new ContactPreferences(Customer, consents: [new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, At.AddDays(-1), "form")]);
        var history = new ContactHistory(preferences, EngagementFeatures.FromHistory(Customer, []), []);
        policy.Decide(history, Channel.Email, ContactPurpose.Marketing, At).IsAllowed.Should().BeTrue();
        policy.Decide(history, Channel.Sms, ContactPurpose.Marketing, At).BestChannel.Should().Be(Channel.Email);
    }

    [Fact]
    public async Task Arguments_AreChecked()
    {
        ContactPolicy policy = Policy();
        Func<Task> defaultChannel = async () => await policy.DecideAsync(Customer, default, ContactPurpose.Marketing, At, Ct);
        (await defaultChannel.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("channel");
        Func<Task> defaultPurpose = async () => await policy.DecideAsync(Customer, Channel.Email, default, At, Ct);
        (await defaultPurpose.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("purpose");
        Func<Task> defaultCustomer = async () => await policy.DecideAsync(default, Channel.Email, ContactPurpose.Marketing, At, Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
        Action nullHistory = () => policy.Decide(null!, Channel.Email, ContactPurpose.Marketing, At);
        nullHistory.Should().Throw<ArgumentNullException>();
        Action nullStore = () => _ = new ContactPolicy(null!, _preferences);
        nullStore.Should().Throw<ArgumentNullException>();
        Action nullPreferences = () => _ = new ContactPolicy(_interactions, null!);
        nullPreferences.Should().Throw<ArgumentNullException>();
        Action badOptions = () => _ = new ContactPolicy(_interactions, _preferences, new ContactPolicyOptions { ComplaintCoolDown = TimeSpan.FromDays(-1) });
        badOptions.Should().Throw<OptionsValidationException>().WithMessage("*ComplaintCoolDown*");
    }

    [Fact]
    public void ContactHistory_PartsOfDifferentCustomers_Throw()
    {
        var preferences = new ContactPreferences(Customer);
        Action engagement = () => _ = new ContactHistory(preferences, EngagementFeatures.FromHistory(C("c2"), []), []);
        engagement.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("engagement");
        Action interactions = () => _ = new ContactHistory(preferences, EngagementFeatures.FromHistory(Customer, []), [Make("x", "c2")]);
        interactions.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("recentOutbound");
        Action nulls = () => _ = new ContactHistory(null!, EngagementFeatures.FromHistory(Customer, []), []);
        nulls.Should().Throw<ArgumentNullException>();
    }

    private static Interaction Contact(string id, Channel channel, DateTimeOffset at) =>
        Make(id, kind: InteractionKind.CampaignSent, channel: channel, direction: InteractionDirection.Outbound, at: at);

    private static Action<ContactPolicyOptions> CapsOnly(FrequencyCapOptions cap) => o =>
    {
        o.FrequencyCaps.Clear();
        o.FrequencyCaps.Add(cap);
    };

    private ContactPolicy Policy(Action<ContactPolicyOptions>? configure = null)
    {
        var options = new ContactPolicyOptions();
        configure?.Invoke(options);
        return new ContactPolicy(_interactions, _preferences, options, _time);
    }

    private ValueTask Grant(Channel channel, DateTimeOffset at) =>
        _preferences.RecordConsentAsync(Customer, new ConsentRecord(channel, ContactPurpose.Marketing, ConsentStatus.Granted, at, "web signup form"), Ct);
}
