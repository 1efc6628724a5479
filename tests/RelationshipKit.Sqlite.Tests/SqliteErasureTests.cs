using System.Text;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Sqlite.Tests;

/// <summary>After erasure the customer's personal data are gone from the raw bytes of the database file and its write-ahead log.</summary>
public sealed class SqliteErasureTests : IDisposable
{
    private const string Email = "jane.doe.erasure@example.com";
    private const string Phone = "+33 6 12 34 56 78";
    private const string Customer = "customer-jane-7Q2X";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EraseAsync_EmailPhoneAndCustomerIdAreAbsentFromTheDatabaseAndWalBytes()
    {
        string path = _folder.File("erasure.db");
        var options = new SqliteStoreOptions { DatabasePath = path };
        using var interactions = new SqliteInteractionStore(options, null, _time);
        using var preferences = new SqliteContactPreferenceStore(options);

        // Enough data that pages are shared with other customers and the log holds several versions of them.
        for (int round = 0; round < 20; round++)
        {
            var batch = new List<Interaction>();
            for (int n = 0; n < 50; n++)
            {
                batch.Add(Make($"other-{round}-{n}", $"other{n}", attributes: new Dictionary<string, string> { ["email"] = $"other{n}@example.org" }));
            }

            batch.Add(Make($"jane-{round}", Customer, kind: InteractionKind.Inquiry, channel: Channel.Email,
                attributes: new Dictionary<string, string> { ["email"] = Email, ["phone"] = Phone, ["note"] = $"call back on {Phone}" }));
            await interactions.AppendBatchAsync(batch, null, Ct);
        }

        await preferences.RecordConsentAsync(C(Customer), new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, Now, $"form sent from {Email}"), Ct);
        await preferences.SetDoNotContactAsync(C(Customer), true, Now, $"sms from {Phone}", Ct);

        // The check can fail: before erasure the data are in the files.
        Contains(path, Email).Should().BeTrue("the test must see the data before erasure");
        Contains(path, Phone).Should().BeTrue();

        var eraser = new PersonalDataEraser([interactions, preferences]);
        IReadOnlyList<ErasureResult> results = await eraser.EraseAsync(C(Customer), Ct);
        results.Should().OnlyContain(r => r.StorageScrubbed);
        results.Sum(r => r.RecordsErased).Should().Be(20 + 2);

        Contains(path, Email).Should().BeFalse("the e-mail must be gone from the database and WAL bytes ({0})", Where(path, Email));
        Contains(path, Phone).Should().BeFalse("the phone must be gone from the database and WAL bytes");
        Contains(path, Customer).Should().BeFalse("the customer id must be gone too");
        Contains(path, "other7@example.org").Should().BeTrue("other customers are kept");
        (await interactions.FindAsync("other-3-7", Ct)).Should().NotBeNull();

        // Appends after the erasure do not bring the bytes back.
        await interactions.AppendAsync(Make("jane-0", Customer, kind: InteractionKind.Inquiry, channel: Channel.Email,
            attributes: new Dictionary<string, string> { ["email"] = Email, ["phone"] = Phone, ["note"] = $"call back on {Phone}" }), null, Ct);
        Contains(path, Email).Should().BeFalse("a replay of an erased id is refused");
    }

    [Fact]
    public async Task EraseAsync_WithoutScrubOnErase_ReportsNotScrubbed_UntilScrubAsync()
    {
        string path = _folder.File("batched.db");
        var options = new SqliteStoreOptions { DatabasePath = path, ScrubOnErase = false };
        using var interactions = new SqliteInteractionStore(options, null, _time);
        using var preferences = new SqliteContactPreferenceStore(options);
        for (int round = 0; round < 20; round++)
        {
            var batch = new List<Interaction>();
            for (int n = 0; n < 50; n++)
            {
                batch.Add(Make($"o-{round}-{n}", $"other{n}", attributes: new Dictionary<string, string> { ["email"] = $"other{n}@example.org" }));
            }

            batch.Add(Make($"jane-{round}", Customer, attributes: new Dictionary<string, string> { ["email"] = Email, ["phone"] = Phone }));
            await interactions.AppendBatchAsync(batch, null, Ct);
        }

        await preferences.SetDoNotContactAsync(C(Customer), true, Now, $"sms from {Phone}", Ct);
        (await interactions.EraseAsync(C(Customer), Ct)).StorageScrubbed.Should().BeFalse();
        (await preferences.EraseAsync(C(Customer), Ct)).StorageScrubbed.Should().BeFalse();
        (await interactions.FindAsync("jane-3", Ct)).Should().BeNull("the data are logically gone at once");

        (await interactions.ScrubAsync(Ct)).Should().BeTrue();
        Contains(path, Email).Should().BeFalse("{0}", Where(path, Email));
        Contains(path, Phone).Should().BeFalse("{0}", Where(path, Phone));
        (await preferences.ScrubAsync(Ct)).Should().BeTrue();
        (await interactions.FindAsync("o-3-7", Ct)).Should().NotBeNull();
        (await interactions.EraseAsync(C("nobody"), Ct)).StorageScrubbed.Should().BeTrue("nothing was erased");
    }

    private static string Where(string databasePath, string text)
    {
        var found = new StringBuilder();
        byte[] needle = Encoding.UTF8.GetBytes(text);
        foreach (string file in new[] { databasePath, databasePath + "-wal" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            byte[] bytes = File.ReadAllBytes(file);
            found.Append(file).Append(' ').Append(bytes.Length).Append(':');
            for (int at = bytes.AsSpan().IndexOf(needle); at >= 0; at = bytes.AsSpan(at + 1).IndexOf(needle) is var next && next >= 0 ? at + 1 + next : -1)
            {
                int page = at / 4096;
                found.Append(' ').Append(at).Append("/p").Append(page + 1).Append("/type").Append(bytes[(page * 4096) + (page == 0 ? 100 : 0)]);
            }

            found.Append("; ");
        }

        return found.ToString();
    }

    private static bool Contains(string databasePath, string text)
    {
        byte[] needle = Encoding.UTF8.GetBytes(text);
        foreach (string file in new[] { databasePath, databasePath + "-wal", databasePath + "-journal" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
