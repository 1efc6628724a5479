using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class InteractionsDependencyInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddInteractions_ResolvesEveryService_AsSingletons()
    {
        using ServiceProvider provider = new ServiceCollection().AddRelationshipKit().AddInteractions().Services.BuildServiceProvider();
        provider.GetRequiredService<IInteractionStore>().Should().BeOfType<InMemoryInteractionStore>();
        provider.GetRequiredService<IContactPreferenceStore>().Should().BeOfType<InMemoryContactPreferenceStore>();
        provider.GetRequiredService<ContactPolicy>().Should().BeSameAs(provider.GetRequiredService<ContactPolicy>());
        provider.GetRequiredService<InteractionNdjson>().Should().NotBeNull();
        provider.GetRequiredService<PersonalDataEraser>().StoreCount.Should().Be(2);
        provider.GetRequiredService<IInteractionStore>().Should().BeSameAs(provider.GetRequiredService<IInteractionStore>());
    }

    [Fact]
    public void AddInteractions_Twice_RegistersNothingTwice_AndAppliesEachConfigure()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddInteractions(o => o.ImportBatchSize = 10).AddInteractions(o => o.CustomKinds.Add("warrantyClaim"));
        services.Count(d => d.ServiceType == typeof(IInteractionStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ContactPolicy)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IPersonalDataStore)).Should().Be(2);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<InteractionOptions>)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        InteractionOptions options = provider.GetRequiredService<IOptions<InteractionOptions>>().Value;
        options.ImportBatchSize.Should().Be(10);
        options.CustomKinds.Should().Equal("warrantyClaim");
    }

    [Fact]
    public async Task AddInteractions_UsesTheRegisteredTimeProviderAndOptions()
    {
        var time = new FakeTimeProvider(Now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddRelationshipKit().AddInteractions(o => o.FutureTolerance = TimeSpan.Zero);
        using ServiceProvider provider = services.BuildServiceProvider();
        IInteractionStore store = provider.GetRequiredService<IInteractionStore>();
        Func<Task> future = async () => await store.AppendAsync(Make("f", at: Now.AddSeconds(1)), null, Ct);
        await future.Should().ThrowAsync<InvalidInteractionException>();
        (await store.AppendAsync(Make("ok", at: Now), null, Ct)).Outcome.Should().Be(AppendOutcome.Appended);
    }

    [Fact]
    public void AddInteractions_StoreRegisteredFirst_IsKept()
    {
        var mine = new InMemoryInteractionStore();
        var services = new ServiceCollection();
        services.AddSingleton<IInteractionStore>(mine);
        services.AddRelationshipKit().AddInteractions();
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IInteractionStore>().Should().BeSameAs(mine);
    }

    [Theory]
    [InlineData("ImportBatchSize")]
    [InlineData("ContactPolicy")]
    [InlineData("FrequencyCaps")]
    public void AddInteractions_InvalidOptions_FailOnResolveNamingTheOption(string option)
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddInteractions(o =>
        {
            switch (option)
            {
                case "ImportBatchSize": o.ImportBatchSize = 0; break;
                case "ContactPolicy": o.ContactPolicy.ComplaintCoolDown = TimeSpan.FromDays(-1); break;
                default: o.ContactPolicy.FrequencyCaps[0].Window = TimeSpan.Zero; break;
            }
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        Action act = () => provider.GetRequiredService<IInteractionStore>();
        string expected = option == "ContactPolicy" ? "*ComplaintCoolDown*" : option == "FrequencyCaps" ? "*Window*" : "*ImportBatchSize*";
        act.Should().Throw<OptionsValidationException>().WithMessage(expected);
    }

    [Fact]
    public void AddInteractions_NullBuilder_Throws()
    {
        Action act = () => InteractionsRelationshipKitBuilderExtensions.AddInteractions(null!);
        act.Should().Throw<ArgumentNullException>();
    }
}
