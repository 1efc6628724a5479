using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;
using RelationshipKit.Tests.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Sqlite.Tests;

public sealed class SqliteStageHistoryStoreTests : StageHistoryStoreContractTests
{
    private readonly TempFolder _folder = new();
    private readonly List<IDisposable> _stores = [];
    private int _files;

    [Fact]
    public async Task Reopen_KeepsTheHistory_RoundTrip()
    {
        var options = new SqliteStoreOptions { DatabasePath = _folder.File("stages.db") };
        StageTransition[] written =
        [
            T("c1", null, "new", 0),
            new("lifecycle", Id("c1"), new Stage("new"), new Stage("active"), AsOf.AddDays(31).ToOffset(TimeSpan.FromMinutes(-210)), "first purchase less than 30 days ago: no longer"),
            T("c1", null, "purchaser", 0, model: "loyaltyLadder", reason: "first purchase made"),
        ];
        using (var store = new SqliteStageHistoryStore(options))
        {
            foreach (StageTransition t in written)
            {
                (await store.AppendAsync(t, Ct)).Should().BeTrue();
            }
        }

        using var reopened = new SqliteStageHistoryStore(options);
        IReadOnlyList<StageTransition> lifecycle = await reopened.ReadAsync(Id("c1"), "lifecycle", Ct);
        lifecycle.Should().Equal(written[0], written[1]);
        lifecycle[1].At.Offset.Should().Be(TimeSpan.FromMinutes(-210));
        (await reopened.AppendAsync(written[2], Ct)).Should().BeFalse("a replay after reopening is recognised");
        (await reopened.GetCurrentAsync(Id("c1"), "loyaltyLadder", Ct)).Should().Be(new CurrentStage(new Stage("purchaser"), AsOf, "first purchase made"));
    }

    [Fact]
    public void Open_RecordsItsOwnSchemaVersion_AndRefusesANewerOne()
    {
        string path = _folder.File("schema.db");
        using (new SqliteStageHistoryStore(new SqliteStoreOptions { DatabasePath = path }))
        {
        }

        SqliteStageHistoryStore.SchemaVersion.Should().Be(1);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using SqliteCommand read = connection.CreateCommand();
            read.CommandText = "SELECT version, description FROM rk_stage_schema;";
            using (SqliteDataReader row = read.ExecuteReader())
            {
                row.Read().Should().BeTrue();
                row.GetInt32(0).Should().Be(1);
                row.GetString(1).Should().Be("stage transitions");
                row.Read().Should().BeFalse();
            }

            using SqliteCommand bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO rk_stage_schema VALUES (99, '2030-01-01', 'future');";
            bump.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        Action open = () => _ = new SqliteStageHistoryStore(new SqliteStoreOptions { DatabasePath = path });
        open.Should().Throw<NotSupportedException>().WithMessage("*99*");
    }

    [Fact]
    public async Task SharesTheFileWithTheInteractionStore()
    {
        var options = new SqliteStoreOptions { DatabasePath = _folder.File("shared.db") };
        using var interactions = new SqliteInteractionStore(options);
        using var stages = new SqliteStageHistoryStore(options);
        (await stages.AppendAsync(T("c1", null, "new", 0), Ct)).Should().BeTrue();
        (await interactions.GetEngagementAsync(Id("c1"), Ct)).InteractionCount.Should().Be(0);
    }

    [Fact]
    public async Task EraseAsync_LeavesNoBytesOfTheCustomer()
    {
        string path = _folder.File("erase.db");
        using var store = new SqliteStageHistoryStore(new SqliteStoreOptions { DatabasePath = path });
        await store.AppendAsync(new StageTransition("lifecycle", Id("secret-customer-7"), default, new Stage("new"), AsOf, "private-reason-text"), Ct);
        ErasureResult result = await store.EraseAsync(Id("secret-customer-7"), Ct);
        result.RecordsErased.Should().Be(1);
        result.StorageScrubbed.Should().BeTrue();
        byte[] bytes = await File.ReadAllBytesAsync(path, Ct);
        System.Text.Encoding.UTF8.GetString(bytes).Should().NotContain("secret-customer-7").And.NotContain("private-reason-text");
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var store = new SqliteStageHistoryStore(new SqliteStoreOptions { DatabasePath = _folder.File("d.db") });
        store.Dispose();
        store.Dispose();
        Func<Task> read = async () => await store.ReadAsync(Id("c1"), "lifecycle", Ct);
        await read.Should().ThrowAsync<ObjectDisposedException>();
        Action nullOptions = () => _ = new SqliteStageHistoryStore(null!);
        nullOptions.Should().Throw<ArgumentNullException>();
        Action badOptions = () => _ = new SqliteStageHistoryStore(new SqliteStoreOptions());
        badOptions.Should().Throw<OptionsValidationException>().WithMessage("*DatabasePath*");
    }

    [Fact]
    public async Task AddSqliteStageHistoryStore_ReplacesTheInMemoryStore_BeforeOrAfterAddLoyalty()
    {
        foreach (bool first in new[] { true, false })
        {
            var services = new ServiceCollection();
            var builder = services.AddRelationshipKit();
            string path = _folder.File($"di{first}.db");
            if (first)
            {
                builder.AddSqliteStageHistoryStore(o => o.DatabasePath = path).AddLoyalty();
            }
            else
            {
                builder.AddLoyalty().AddSqliteStageHistoryStore(o => o.DatabasePath = path).AddSqliteStageHistoryStore(o => o.DatabasePath = path);
            }

            services.Count(d => d.ServiceType == typeof(IStageHistoryStore)).Should().Be(1);
            using ServiceProvider provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStageHistoryStore>().Should().BeOfType<SqliteStageHistoryStore>();
            StageTracker tracker = provider.GetRequiredService<IStageModelProvider>().GetTracker(LoyaltyLadder.ModelName);
            (await tracker.TrackAsync(Prospect(), AsOf, Ct)).Stored.Should().BeTrue();
            IReadOnlyList<ErasureResult> erased = await provider.GetRequiredService<PersonalDataEraser>().EraseAsync(Id(), Ct);
            erased.Sum(r => r.RecordsErased).Should().Be(1);
        }
    }

    protected override IStageHistoryStore CreateStore()
    {
        var store = new SqliteStageHistoryStore(new SqliteStoreOptions { DatabasePath = _folder.File($"contract{_files++}.db"), ScrubOnErase = false });
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
