using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class InMemoryInteractionStoreTests : InteractionStoreContractTests
{
    [Fact]
    public async Task Count_AndCustomerCount_FollowAppendsAndErasures()
    {
        var store = new InMemoryInteractionStore(null, Time);
        await store.AppendBatchAsync([Make("a", "c1"), Make("b", "c2"), Make("c", "c1"), Make("a", "c1")], null, Ct);
        store.Count.Should().Be(3);
        store.CustomerCount.Should().Be(2);
        await store.EraseAsync(C("c1"), Ct);
        store.Count.Should().Be(1);
        store.CustomerCount.Should().Be(1);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        Action act = () => _ = new InMemoryInteractionStore(new InteractionOptions { FutureTolerance = TimeSpan.FromSeconds(-1) });
        act.Should().Throw<OptionsValidationException>().WithMessage("*FutureTolerance*");
    }

    [Fact]
    public async Task GetEngagementAsync_IsUpdatedIncrementallyAsInteractionsArrive()
    {
        var store = new InMemoryInteractionStore(null, Time);
        await store.AppendAsync(Make("k1", kind: InteractionKind.Complaint, at: Now.AddDays(-3)), null, Ct);
        (await store.GetEngagementAsync(C("c1"), Ct)).OpenComplaintCount.Should().Be(1);
        await store.AppendAsync(Make("k2", kind: InteractionKind.ComplaintResolved, at: Now.AddDays(-2)), null, Ct);
        EngagementFeatures after = await store.GetEngagementAsync(C("c1"), Ct);
        after.OpenComplaintCount.Should().Be(0);
        after.ResolutionRate.Should().Be(1);
    }

    protected override IInteractionStore CreateStore(InteractionOptions options) => new InMemoryInteractionStore(options, Time);
}
