using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;
using RelationshipKit.Tests.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Sqlite.Tests;

public sealed class SqliteInteractionStoreTests : InteractionStoreContractTests
{
    private readonly TempFolder _folder = new();
    private readonly List<IDisposable> _stores = [];
    private int _files;

    protected override int ConcurrentBatchSize => 500;

    [Fact]
    public async Task Reopen_EverythingAcknowledgedIsThere()
    {
        string path = _folder.File("reopen.db");
        var options = new SqliteStoreOptions { DatabasePath = path };
        using (var store = new SqliteInteractionStore(options, null, Time))
        {
            await store.AppendBatchAsync([Full("f1"), Make("a", "c1"), Make("b", "c2")], null, Ct);
            await store.AppendAsync(Make("c", "c1"), 1, Ct);
            await store.EraseAsync(C("c2"), Ct);
        }

        using var reopened = new SqliteInteractionStore(options, null, Time);
        (await reopened.FindAsync("f1", Ct)).Should().Be(Full("f1"));
        (await reopened.GetVersionAsync(C("c1"), Ct)).Should().Be(2);
        (await ToListAsync(reopened.ReadAllAsync(default, Ct))).Select(i => i.Id).Should().Equal("f1", "a", "c");
        (await reopened.AppendAsync(Make("b", "c2"), null, Ct)).Outcome.Should().Be(AppendOutcome.Erased, "tombstones are durable");
        (await reopened.AppendAsync(Make("a", "c1"), null, Ct)).Outcome.Should().Be(AppendOutcome.AlreadyAppended);
        reopened.DatabasePath.Should().Be(Path.GetFullPath(path));
    }

    [Fact]
    public void Open_NewDatabase_IsInWalModeAtSchemaVersionOne()
    {
        string path = _folder.File("schema.db");
        using (new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Scalar(connection, "PRAGMA journal_mode;").Should().Be("wal");
        Scalar(connection, "SELECT group_concat(version) FROM rk_schema;").Should().Be("1");
        Scalar(connection, "PRAGMA integrity_check;").Should().Be("ok");
    }

    [Fact]
    public void Open_TwiceOnTheSameFile_DoesNotMigrateAgain()
    {
        string path = _folder.File("twice.db");
        using var first = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path });
        using var second = new SqliteContactPreferenceStore(new SqliteStoreOptions { DatabasePath = path });
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Scalar(connection, "SELECT count(*) FROM rk_schema;").Should().Be("1");
    }

    [Fact]
    public void Open_DatabaseFromANewerVersion_IsRefused()
    {
        string path = _folder.File("newer.db");
        using (new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "INSERT INTO rk_schema (version, applied_utc, description) VALUES (2, 'x', 'from the future');";
            command.ExecuteNonQuery();
        }

        Action act = () => _ = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path });
        act.Should().Throw<NotSupportedException>().WithMessage("*schema version 2*");
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsSqliteException()
    {
        string path = _folder.File("garbage.db");
        File.WriteAllText(path, new string('x', 8192));
        Action act = () => _ = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path });
        act.Should().Throw<SqliteException>();
    }

    [Fact]
    public void Open_InvalidOptions_ThrowNamingTheOption()
    {
        Action noPath = () => _ = new SqliteInteractionStore(new SqliteStoreOptions());
        noPath.Should().Throw<OptionsValidationException>().WithMessage("*DatabasePath*");
        Action badTimeout = () => _ = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File("x.db"), BusyTimeout = TimeSpan.Zero });
        badTimeout.Should().Throw<OptionsValidationException>().WithMessage("*BusyTimeout*");
        Action nullOptions = () => _ = new SqliteInteractionStore(null!);
        nullOptions.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File("disposed.db") }, null, Time);
        store.Dispose();
        store.Dispose();
        Func<Task> append = async () => await store.AppendAsync(Make("a"), null, Ct);
        await append.Should().ThrowAsync<ObjectDisposedException>();
        Func<Task> read = async () => await store.GetVersionAsync(C("c1"), Ct);
        await read.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersAppends()
    {
        string path = _folder.File("shared.db");
        using var one = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path }, null, Time);
        using var two = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path }, null, Time);
        await one.AppendAsync(Make("a"), 0, Ct);
        await two.AppendAsync(Make("b"), 1, Ct);
        Func<Task> stale = async () => await one.AppendAsync(Make("c"), 1, Ct);
        await stale.Should().ThrowAsync<InteractionConflictException>();
        (await one.GetVersionAsync(C("c1"), Ct)).Should().Be(2);
        (await two.AppendAsync(Make("a"), null, Ct)).Outcome.Should().Be(AppendOutcome.AlreadyAppended);
    }

    [Fact]
    public async Task Export_ImportIntoANewDatabase_ExportsTheSameBytes()
    {
        using var source = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File("src.db") }, null, Time);
        await source.AppendBatchAsync([Full("f1", "amy"), Make("p", "bob", amount: 1.000m), Full("f2", "amy")], null, Ct);
        var first = new MemoryStream();
        await InteractionNdjson.ExportAsync(source, first, null, Ct);
        using var target = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File("dst.db") }, null, Time);
        var ndjson = new InteractionNdjson(null, Time);
        (await ndjson.ImportAsync(new MemoryStream(first.ToArray()), target, Ct)).Appended.Should().Be(3);
        (await ndjson.ImportAsync(new MemoryStream(first.ToArray()), target, Ct)).AlreadyAppended.Should().Be(3);
        var second = new MemoryStream();
        await InteractionNdjson.ExportAsync(target, second, null, Ct);
        Encoding.UTF8.GetString(second.ToArray()).Should().Be(Encoding.UTF8.GetString(first.ToArray()));
        Encoding.UTF8.GetString(first.ToArray()).Should().Contain("\"amount\":1.000");
    }

    protected override IInteractionStore CreateStore(InteractionOptions options)
    {
        var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File($"store{++_files}.db") }, options, Time);
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

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
