using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class PersonalDataEraserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EraseAsync_ErasesEveryStoreOnce()
    {
        var interactions = new InMemoryInteractionStore(null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var preferences = new InMemoryContactPreferenceStore();
        await interactions.AppendAsync(Make("a", "gone"), null, Ct);
        await preferences.SetPreferredChannelsAsync(C("gone"), [Channel.Email], Ct);
        var eraser = new PersonalDataEraser([interactions, preferences, interactions]);
        eraser.StoreCount.Should().Be(2);
        IReadOnlyList<ErasureResult> results = await eraser.EraseAsync(C("gone"), Ct);
        results.Select(r => r.RecordsErased).Should().Equal(1L, 1L);
        (await interactions.GetVersionAsync(C("gone"), Ct)).Should().Be(0);
        (await preferences.GetAsync(C("gone"), Ct)).PreferredChannels.Should().BeEmpty();
    }

    [Fact]
    public async Task Arguments_AreChecked()
    {
        Action nullStores = () => _ = new PersonalDataEraser(null!);
        nullStores.Should().Throw<ArgumentNullException>();
        Action nullStore = () => _ = new PersonalDataEraser([null!]);
        nullStore.Should().Throw<ArgumentNullException>();
        Func<Task> defaultCustomer = async () => await new PersonalDataEraser([]).EraseAsync(default, Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
    }
}
