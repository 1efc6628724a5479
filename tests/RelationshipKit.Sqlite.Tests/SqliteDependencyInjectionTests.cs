using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Sqlite.Tests;

public sealed class SqliteDependencyInjectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddSqliteInteractionStore_ReplacesTheInMemoryStoresInEitherOrder(bool interactionsFirst)
    {
        var services = new ServiceCollection();
        var builder = services.AddRelationshipKit();
        if (interactionsFirst)
        {
            builder.AddInteractions();
        }

        builder.AddSqliteInteractionStore(o => o.DatabasePath = _folder.File("di.db"));
        if (!interactionsFirst)
        {
            builder.AddInteractions();
        }

        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            IInteractionStore store = provider.GetRequiredService<IInteractionStore>();
            store.Should().BeOfType<SqliteInteractionStore>().And.BeSameAs(provider.GetRequiredService<SqliteInteractionStore>());
            provider.GetRequiredService<IContactPreferenceStore>().Should().BeOfType<SqliteContactPreferenceStore>();
            provider.GetRequiredService<PersonalDataEraser>().StoreCount.Should().Be(2);
            provider.GetRequiredService<ContactPolicy>().Should().NotBeNull();
            await store.AppendAsync(Make("a", at: DateTimeOffset.UnixEpoch.AddYears(50)), null, Ct);
        }

        // The container disposed the stores: the file can be opened again and holds the append.
        using var reopened = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = _folder.File("di.db") });
        (await reopened.FindAsync("a", Ct)).Should().NotBeNull();
    }

    [Fact]
    public void AddSqliteInteractionStore_Twice_RegistersNothingTwice()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddSqliteInteractionStore(o => o.DatabasePath = _folder.File("twice.db"))
            .AddSqliteInteractionStore(o => o.Synchronous = SqliteSynchronousMode.Extra);
        services.Count(d => d.ServiceType == typeof(IInteractionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(SqliteInteractionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<SqliteStoreOptions>)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        SqliteStoreOptions options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        options.Synchronous.Should().Be(SqliteSynchronousMode.Extra);
        options.DatabasePath.Should().EndWith("twice.db");
    }

    [Fact]
    public void AddSqliteInteractionStore_WithoutAPath_FailsOnResolveNamingDatabasePath()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddSqliteInteractionStore(_ => { });
        using ServiceProvider provider = services.BuildServiceProvider();
        Action act = () => provider.GetRequiredService<IInteractionStore>();
        act.Should().Throw<OptionsValidationException>().WithMessage("*DatabasePath*");
    }

    [Fact]
    public void AddSqliteInteractionStore_NullArguments_Throw()
    {
        Action nullBuilder = () => SqliteRelationshipKitBuilderExtensions.AddSqliteInteractionStore(null!, _ => { });
        nullBuilder.Should().Throw<ArgumentNullException>();
        Action nullConfigure = () => new ServiceCollection().AddRelationshipKit().AddSqliteInteractionStore(null!);
        nullConfigure.Should().Throw<ArgumentNullException>();
    }
}
