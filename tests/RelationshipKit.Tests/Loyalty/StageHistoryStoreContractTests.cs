using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

/// <summary>The contract every <see cref="IStageHistoryStore"/> passes (linked into the SQLite test project).</summary>
public abstract class StageHistoryStoreContractTests : IDisposable
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

    protected abstract IStageHistoryStore CreateStore();

    protected static StageTransition T(string customer, string? previous, string next, int day, string model = "lifecycle", string reason = "because") =>
        new(model, Id(customer), previous is null ? default : new Stage(previous), new Stage(next), AsOf.AddDays(day), reason);

    [Fact]
    public async Task AppendAsync_ThenRead_InTimeOrder_WithOffsetsKept()
    {
        IStageHistoryStore store = CreateStore();
        StageTransition late = T("c1", "active", "atRisk", 30);
        StageTransition first = T("c1", null, "new", 0);
        StageTransition offset = new("lifecycle", Id("c1"), new Stage("new"), new Stage("active"), AsOf.AddDays(10).ToOffset(TimeSpan.FromHours(-5)), "first repeat");
        (await store.AppendAsync(late, Ct)).Should().BeTrue();
        (await store.AppendAsync(first, Ct)).Should().BeTrue();
        (await store.AppendAsync(offset, Ct)).Should().BeTrue();
        (await store.AppendAsync(T("c1", null, "purchaser", 0, model: "loyaltyLadder"), Ct)).Should().BeTrue();
        (await store.AppendAsync(T("c2", null, "new", 1), Ct)).Should().BeTrue();

        IReadOnlyList<StageTransition> history = await store.ReadAsync(Id("c1"), "lifecycle", Ct);
        history.Should().Equal(first, offset, late);
        history[1].At.Offset.Should().Be(TimeSpan.FromHours(-5));
        history[0].IsInitial.Should().BeTrue();
        (await store.ReadAsync(Id("nobody"), "lifecycle", Ct)).Should().BeEmpty();
        (await store.ReadAsync(Id("c1"), "loyaltyLadder", Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task AppendAsync_Replay_IsIdempotent_AndConflictThrowsWithoutChange()
    {
        IStageHistoryStore store = CreateStore();
        StageTransition t = T("c1", null, "new", 0);
        (await store.AppendAsync(t, Ct)).Should().BeTrue();
        (await store.AppendAsync(T("c1", null, "new", 0, reason: "other words"), Ct)).Should().BeFalse("same key and stages is a replay");
        Func<Task> conflict = async () => await store.AppendAsync(T("c1", null, "active", 0), Ct);
        (await conflict.Should().ThrowAsync<StageHistoryConflictException>()).Which.Stored.Should().Be(t);
        (await store.ReadAsync(Id("c1"), "lifecycle", Ct)).Should().Equal(t);
    }

    [Fact]
    public async Task GetCurrentAsync_IsTheLatestTransition()
    {
        IStageHistoryStore store = CreateStore();
        (await store.GetCurrentAsync(Id("c1"), "lifecycle", Ct)).Should().BeNull();
        await store.AppendAsync(T("c1", null, "new", 0), Ct);
        await store.AppendAsync(T("c1", "active", "atRisk", 40, reason: "overdue"), Ct);
        await store.AppendAsync(T("c1", "new", "active", 20), Ct);
        (await store.GetCurrentAsync(Id("c1"), "lifecycle", Ct)).Should().Be(new CurrentStage(new Stage("atRisk"), AsOf.AddDays(40), "overdue"));
    }

    [Fact]
    public async Task ReadAllAsync_ReturnsEveryTransitionOfTheModel()
    {
        IStageHistoryStore store = CreateStore();
        for (int c = 0; c < 30; c++)
        {
            await store.AppendAsync(T($"c{c}", null, "new", c), Ct);
            await store.AppendAsync(T($"c{c}", "new", "active", c + 40), Ct);
        }

        await store.AppendAsync(T("c1", null, "purchaser", 0, model: "loyaltyLadder"), Ct);
        var all = new List<StageTransition>();
        await foreach (StageTransition t in store.ReadAllAsync("lifecycle", Ct))
        {
            all.Add(t);
        }

        all.Should().HaveCount(60).And.OnlyContain(t => t.ModelName == "lifecycle");
        all.GroupBy(t => t.CustomerId).Should().OnlyContain(g => g.Count() == 2 && g.First().Next.Name == "new");
    }

    [Fact]
    public async Task EraseAsync_RemovesEveryModelOfTheCustomerOnly()
    {
        IStageHistoryStore store = CreateStore();
        await store.AppendAsync(T("c1", null, "new", 0), Ct);
        await store.AppendAsync(T("c1", null, "purchaser", 0, model: "loyaltyLadder"), Ct);
        await store.AppendAsync(T("c2", null, "new", 0), Ct);
        ErasureResult result = await store.EraseAsync(Id("c1"), Ct);
        result.RecordsErased.Should().Be(2);
        result.CustomerId.Should().Be(Id("c1"));
        (await store.ReadAsync(Id("c1"), "lifecycle", Ct)).Should().BeEmpty();
        (await store.GetCurrentAsync(Id("c1"), "loyaltyLadder", Ct)).Should().BeNull();
        (await store.ReadAsync(Id("c2"), "lifecycle", Ct)).Should().ContainSingle();
        (await store.EraseAsync(Id("c1"), Ct)).RecordsErased.Should().Be(0);
    }

    [Fact]
    public async Task Methods_BadArguments_Throw()
    {
        IStageHistoryStore store = CreateStore();
        Func<Task> defaultTransition = async () => await store.AppendAsync(default, Ct);
        await defaultTransition.Should().ThrowAsync<ArgumentException>().WithParameterName("transition");
        Func<Task> defaultCustomer = async () => await store.ReadAsync(default, "lifecycle", Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>().WithParameterName("customerId");
        Func<Task> badModel = async () => await store.GetCurrentAsync(Id(), "Bad Model", Ct);
        await badModel.Should().ThrowAsync<ArgumentException>().WithParameterName("modelName");
        Func<Task> nullModel = async () => await store.ReadAsync(Id(), null!, Ct);
        await nullModel.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> eraseDefault = async () => await store.EraseAsync(default, Ct);
        await eraseDefault.Should().ThrowAsync<ArgumentException>().WithParameterName("customerId");
        Func<Task> readAll = async () =>
        {
            await foreach (StageTransition _ in store.ReadAllAsync("Bad Model", Ct))
            {
            }
        };
        await readAll.Should().ThrowAsync<ArgumentException>().WithParameterName("modelName");
    }
}
