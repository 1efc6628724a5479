using RelationshipKit.Interactions;
using RelationshipKit.Tests.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Sqlite.Tests;

public sealed class SqliteContactPreferenceStoreTests : ContactPreferenceStoreContractTests
{
    private readonly TempFolder _folder = new();
    private readonly List<IDisposable> _stores = [];
    private int _files;

    [Fact]
    public async Task Reopen_KeepsPreferencesAndConsents()
    {
        var options = new SqliteStoreOptions { DatabasePath = _folder.File("prefs.db") };
        var consent = new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now.ToOffset(TimeSpan.FromHours(-3)), "form");
        using (var store = new SqliteContactPreferenceStore(options))
        {
            await store.RecordConsentAsync(C("c1"), consent, Ct);
            await store.SetPreferredChannelsAsync(C("c1"), [Channel.Sms, new Channel("whatsApp")], Ct);
            await store.SetTimeZoneAsync(C("c1"), "Asia/Tokyo", Ct);
        }

        using var reopened = new SqliteContactPreferenceStore(options);
        ContactPreferences p = await reopened.GetAsync(C("c1"), Ct);
        p.Consents.Should().Equal(consent);
        p.Consents[0].RecordedAt.Offset.Should().Be(TimeSpan.FromHours(-3));
        p.PreferredChannels.Should().Equal(Channel.Sms, new Channel("whatsApp"));
        p.TimeZoneId.Should().Be("Asia/Tokyo");
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var store = new SqliteContactPreferenceStore(new SqliteStoreOptions { DatabasePath = _folder.File("d.db") });
        store.Dispose();
        store.Dispose();
        Func<Task> get = async () => await store.GetAsync(C("c1"), Ct);
        await get.Should().ThrowAsync<ObjectDisposedException>();
    }

    protected override IContactPreferenceStore CreateStore()
    {
        var store = new SqliteContactPreferenceStore(new SqliteStoreOptions { DatabasePath = _folder.File($"prefs{++_files}.db") });
        _stores.Add(store);
        return store;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (IDisposable store in _stores)
        {
            store.Dispose();
        }

        _folder.Dispose();
        base.Dispose(disposing);
    }
}
