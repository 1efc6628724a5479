using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

/// <summary>The contract every <see cref="IContactPreferenceStore"/> passes (linked into the SQLite test project).</summary>
public abstract class ContactPreferenceStoreContractTests : IDisposable
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected abstract IContactPreferenceStore CreateStore();

    [Fact]
    public async Task GetAsync_UnknownCustomer_IsEmpty()
    {
        ContactPreferences p = await CreateStore().GetAsync(C("nobody"), Ct);
        p.CustomerId.Should().Be(C("nobody"));
        p.PreferredChannels.Should().BeEmpty();
        p.Consents.Should().BeEmpty();
        p.TimeZoneId.Should().BeNull();
        p.DoNotContact.Should().BeFalse();
    }

    [Fact]
    public async Task RecordConsentAsync_KeepsTheWholeHistoryWithWhenAndHow()
    {
        IContactPreferenceStore store = CreateStore();
        var granted = new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now.AddDays(-10).ToOffset(TimeSpan.FromHours(2)), "signup form");
        var withdrawn = new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Withdrawn, Now.AddDays(-2), "unsubscribe link");
        var sms = new ConsentRecord(new Channel("whatsApp"), new ContactPurpose("loyaltyNews"), ConsentStatus.Granted, Now.AddDays(-1), "in store");
        await store.RecordConsentAsync(C("c1"), granted, Ct);
        await store.RecordConsentAsync(C("c1"), withdrawn, Ct);
        await store.RecordConsentAsync(C("c1"), sms, Ct);
        await store.RecordConsentAsync(C("c2"), granted, Ct);
        ContactPreferences p = await store.GetAsync(C("c1"), Ct);
        p.Consents.Should().Equal(granted, withdrawn, sms);
        p.Consents[0].RecordedAt.Offset.Should().Be(TimeSpan.FromHours(2));
        p.GetConsent(Channel.Email, ContactPurpose.Marketing).Should().Be(withdrawn);
        p.GetConsent(Channel.Email, ContactPurpose.Marketing, Now.AddDays(-5)).Should().Be(granted);
        p.GetConsent(Channel.Email, ContactPurpose.Marketing, Now.AddDays(-20)).Should().BeNull();
        p.GetConsent(Channel.Sms, ContactPurpose.Marketing).Should().BeNull();
    }

    [Fact]
    public async Task SetPreferredChannelsAsync_ReplacesTheList()
    {
        IContactPreferenceStore store = CreateStore();
        await store.SetPreferredChannelsAsync(C("c1"), [Channel.Sms, Channel.Email], Ct);
        (await store.GetAsync(C("c1"), Ct)).PreferredChannels.Should().Equal(Channel.Sms, Channel.Email);
        await store.SetPreferredChannelsAsync(C("c1"), [new Channel("whatsApp")], Ct);
        (await store.GetAsync(C("c1"), Ct)).PreferredChannels.Should().Equal(new Channel("whatsApp"));
        await store.SetPreferredChannelsAsync(C("c1"), [], Ct);
        (await store.GetAsync(C("c1"), Ct)).PreferredChannels.Should().BeEmpty();
    }

    [Fact]
    public async Task SetTimeZoneAndDoNotContact_AreKeptWithTheRest()
    {
        IContactPreferenceStore store = CreateStore();
        await store.RecordConsentAsync(C("c1"), new ConsentRecord(Channel.Sms, ContactPurpose.Service, ConsentStatus.Granted, Now, "call"), Ct);
        await store.SetTimeZoneAsync(C("c1"), "Europe/Madrid", Ct);
        DateTimeOffset asked = Now.AddHours(-1).ToOffset(TimeSpan.FromHours(1));
        await store.SetDoNotContactAsync(C("c1"), true, asked, "letter", Ct);
        ContactPreferences p = await store.GetAsync(C("c1"), Ct);
        p.TimeZoneId.Should().Be("Europe/Madrid");
        p.DoNotContact.Should().BeTrue();
        p.DoNotContactSince.Should().Be(asked);
        p.DoNotContactSince!.Value.Offset.Should().Be(TimeSpan.FromHours(1));
        p.DoNotContactSource.Should().Be("letter");
        p.Consents.Should().HaveCount(1);

        await store.SetDoNotContactAsync(C("c1"), false, Now, "opted back in", Ct);
        await store.SetTimeZoneAsync(C("c1"), null, Ct);
        p = await store.GetAsync(C("c1"), Ct);
        p.DoNotContact.Should().BeFalse();
        p.DoNotContactSource.Should().BeNull();
        p.TimeZoneId.Should().BeNull();
    }

    [Fact]
    public async Task EraseAsync_RemovesPreferencesAndConsents()
    {
        IContactPreferenceStore store = CreateStore();
        await store.RecordConsentAsync(C("gone"), new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now, "form"), Ct);
        await store.RecordConsentAsync(C("gone"), new ConsentRecord(Channel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, Now, "form"), Ct);
        await store.SetPreferredChannelsAsync(C("gone"), [Channel.Email], Ct);
        await store.SetPreferredChannelsAsync(C("kept"), [Channel.Email], Ct);
        ErasureResult result = await store.EraseAsync(C("gone"), Ct);
        result.RecordsErased.Should().Be(3);
        result.StorageScrubbed.Should().BeTrue();
        ContactPreferences p = await store.GetAsync(C("gone"), Ct);
        p.Consents.Should().BeEmpty();
        p.PreferredChannels.Should().BeEmpty();
        (await store.GetAsync(C("kept"), Ct)).PreferredChannels.Should().Equal(Channel.Email);
        (await store.EraseAsync(C("nobody"), Ct)).RecordsErased.Should().Be(0);
    }

    [Fact]
    public async Task Arguments_AreCheckedAndNamed()
    {
        IContactPreferenceStore store = CreateStore();
        var ok = new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now, "form");
        async Task<string?> ParamOf(Func<ValueTask> act)
        {
            Func<Task> run = async () => await act();
            return (await run.Should().ThrowAsync<ArgumentException>()).Which.ParamName;
        }

        (await ParamOf(() => store.RecordConsentAsync(default, ok, Ct))).Should().Be("customerId");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { Channel = default }, Ct))).Should().Be("consent.Channel");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { Purpose = default }, Ct))).Should().Be("consent.Purpose");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { Status = 0 }, Ct))).Should().Be("consent.Status");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { RecordedAt = default }, Ct))).Should().Be("consent.RecordedAt");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { Source = " " }, Ct))).Should().Be("consent.Source");
        (await ParamOf(() => store.RecordConsentAsync(C("c"), ok with { Source = new string('s', 257) }, Ct))).Should().Be("consent.Source");
        (await ParamOf(() => store.SetPreferredChannelsAsync(C("c"), [Channel.Email, Channel.Email], Ct))).Should().Be("channels");
        (await ParamOf(() => store.SetPreferredChannelsAsync(C("c"), [default], Ct))).Should().Be("channels");
        (await ParamOf(() => store.SetPreferredChannelsAsync(C("c"), null!, Ct))).Should().Be("channels");
        (await ParamOf(() => store.SetTimeZoneAsync(C("c"), "Mars/Olympus", Ct))).Should().Be("timeZoneId");
        (await ParamOf(() => store.SetDoNotContactAsync(C("c"), true, default, "x", Ct))).Should().Be("at");
        (await ParamOf(() => store.SetDoNotContactAsync(C("c"), true, Now, "", Ct))).Should().Be("source");
        Func<Task> get = async () => await store.GetAsync(default, Ct);
        (await get.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("customerId");
    }
}
