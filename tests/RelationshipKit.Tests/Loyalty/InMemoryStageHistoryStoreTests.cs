using RelationshipKit.Loyalty;

namespace RelationshipKit.Tests.Loyalty;

public sealed class InMemoryStageHistoryStoreTests : StageHistoryStoreContractTests
{
    protected override IStageHistoryStore CreateStore() => new InMemoryStageHistoryStore();

    [Fact]
    public async Task Count_CountsEveryTransition()
    {
        var store = new InMemoryStageHistoryStore();
        await store.AppendAsync(T("c1", null, "new", 0), Ct);
        await store.AppendAsync(T("c1", "new", "active", 5), Ct);
        await store.AppendAsync(T("c2", null, "new", 0), Ct);
        store.Count.Should().Be(3);
    }
}
