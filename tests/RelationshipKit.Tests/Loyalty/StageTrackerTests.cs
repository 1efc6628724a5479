using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class StageTrackerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TrackAsync_FollowsALifecycle_OneTransitionPerChange_EachRaisedOnce()
    {
        var store = new InMemoryStageHistoryStore();
        var observer = new RecordingObserver();
        var tracker = new StageTracker(CustomerLifecycle.Create(), store, [observer]);

        // Day 0 first purchase; buys every 30 days until day 60, then stops; comes back on day 300.
        LoyaltyState first = Buyer(1, 0, 0);
        LoyaltyState regular = new(Id(), 3, AsOf, AsOf.AddDays(60), TimeSpan.FromDays(30));
        LoyaltyState back = new(Id(), 4, AsOf, AsOf.AddDays(300), TimeSpan.FromDays(100));

        StageTrackingResult r0 = await tracker.TrackAsync(first, AsOf, Ct);
        r0.Changed.Should().BeTrue();
        r0.Stored.Should().BeTrue();
        r0.Transition!.Value.IsInitial.Should().BeTrue();
        r0.Transition!.Value.Next.Should().Be(CustomerLifecycle.New);
        (await tracker.TrackAsync(first, AsOf.AddDays(1), Ct)).Changed.Should().BeFalse();
        (await tracker.TrackAsync(regular, AsOf.AddDays(70), Ct)).Assignment.Stage.Should().Be(CustomerLifecycle.Active);
        (await tracker.TrackAsync(regular, AsOf.AddDays(130), Ct)).Assignment.Stage.Should().Be(CustomerLifecycle.AtRisk);
        (await tracker.TrackAsync(regular, AsOf.AddDays(131), Ct)).Changed.Should().BeFalse();
        (await tracker.TrackAsync(regular, AsOf.AddDays(160), Ct)).Assignment.Stage.Should().Be(CustomerLifecycle.Lapsed);
        StageTrackingResult won = await tracker.TrackAsync(back, AsOf.AddDays(301), Ct);
        won.Transition!.Value.Previous.Should().Be(CustomerLifecycle.Lapsed);
        won.Transition!.Value.Next.Should().Be(CustomerLifecycle.Reactivated);
        won.Transition!.Value.Reason.Should().Be("bought again after lapsing");
        (await tracker.TrackAsync(back, AsOf.AddDays(350), Ct)).Changed.Should().BeFalse("reactivated holds for 90 days");
        (await tracker.TrackAsync(back, AsOf.AddDays(395), Ct)).Assignment.Stage.Should().Be(CustomerLifecycle.Active);

        string[] expected = ["new", "active", "atRisk", "lapsed", "reactivated", "active"];
        (await store.ReadAsync(Id(), CustomerLifecycle.ModelName, Ct)).Select(t => t.Next.Name).Should().Equal(expected);
        observer.Seen.Select(a => a.Transition.Next.Name).Should().Equal(expected);
        observer.Seen.Should().OnlyContain(a => a.Assignment.Stage == a.Transition.Next);
    }

    [Fact]
    public async Task TrackAsync_ConcurrentCallsForOneCustomer_StoreAndRaiseOnce()
    {
        var store = new InMemoryStageHistoryStore();
        var observer = new RecordingObserver();
        var tracker = new StageTracker(LoyaltyLadder.Create(), store, [observer]);
        LoyaltyState state = Buyer(2, 50, 5, referrals: 1);
        StageTrackingResult[] results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await tracker.TrackAsync(state, AsOf, Ct), Ct)));
        results.Count(r => r.Stored).Should().Be(1);
        store.Count.Should().Be(1);
        observer.Seen.Should().ContainSingle().Which.Transition.Next.Should().Be(LoyaltyLadder.Advocate);
    }

    [Fact]
    public async Task TrackAsync_WithoutTime_UsesTheTimeProvider()
    {
        var time = new FakeTimeProvider(AsOf);
        var tracker = new StageTracker(LoyaltyLadder.Create(), new InMemoryStageHistoryStore(), timeProvider: time);
        StageTrackingResult r = await tracker.TrackAsync(Prospect(), cancellationToken: Ct);
        r.Assignment.AsOf.Should().Be(AsOf);
        r.Transition!.Value.At.Should().Be(AsOf);
    }

    [Fact]
    public void Compare_IsPure_AndStoresNothing()
    {
        var store = new InMemoryStageHistoryStore();
        var tracker = new StageTracker(CustomerLifecycle.Create(), store);
        var current = new CurrentStage(CustomerLifecycle.Lapsed, AsOf.AddDays(-100), "x");
        StageTrackingResult a = tracker.Compare(Buyer(5, 300, 2, 30), current, AsOf);
        a.Should().Be(tracker.Compare(Buyer(5, 300, 2, 30), current, AsOf));
        a.Transition!.Value.Next.Should().Be(CustomerLifecycle.Reactivated);
        a.Stored.Should().BeFalse();
        store.Count.Should().Be(0);
        tracker.Compare(Buyer(5, 300, 2, 30), new CurrentStage(CustomerLifecycle.Active, AsOf, "x"), AsOf).Changed.Should().BeFalse();
    }

    [Fact]
    public async Task ReplayAsync_RebuildsTheCurrentStages_AndIsIdempotent()
    {
        var source = new InMemoryStageHistoryStore();
        var tracker = new StageTracker(LoyaltyLadder.Create(), source);
        await tracker.TrackAsync(Buyer(1, 5, 5, id: "a"), AsOf, Ct);
        await tracker.TrackAsync(Buyer(2, 5, 1, id: "a"), AsOf.AddDays(4), Ct);
        await tracker.TrackAsync(Buyer(2, 5, 1, id: "a", referrals: 1), AsOf.AddDays(9), Ct);
        await tracker.TrackAsync(Prospect("b"), AsOf, Ct);
        IReadOnlyDictionary<CustomerId, CurrentStage> expected = await tracker.RebuildAsync(Ct);
        expected[Id("a")].Stage.Should().Be(LoyaltyLadder.Advocate);
        expected[Id("b")].Stage.Should().Be(LoyaltyLadder.Prospect);

        var history = new List<StageTransition>();
        await foreach (StageTransition t in source.ReadAllAsync(LoyaltyLadder.ModelName, Ct))
        {
            history.Add(t);
        }

        history.Should().HaveCount(4);
        var observer = new RecordingObserver();
        var target = new InMemoryStageHistoryStore();
        var restored = new StageTracker(LoyaltyLadder.Create(), target, [observer]);
        history.Reverse();
        (await restored.ReplayAsync(history, Ct)).Should().Be(4);
        (await restored.ReplayAsync(history, Ct)).Should().Be(0, "a second replay stores nothing");
        observer.Seen.Should().BeEmpty("a replay restores history, it does not make it happen again");
        (await restored.RebuildAsync(Ct)).Should().BeEquivalentTo(expected);
        StageTracker.Rebuild(history, LoyaltyLadder.ModelName).Should().BeEquivalentTo(expected);
        StageTracker.Rebuild(history, "otherModel").Should().BeEmpty();
        (await target.GetCurrentAsync(Id("a"), LoyaltyLadder.ModelName, Ct))!.Value.Stage.Should().Be(LoyaltyLadder.Advocate);
    }

    [Fact]
    public async Task TrackAsync_ObserverThrows_OthersStillCalled_TransitionStored()
    {
        var store = new InMemoryStageHistoryStore();
        var after = new RecordingObserver();
        var tracker = new StageTracker(LoyaltyLadder.Create(), store, [new ThrowingObserver(), after]);
        Func<Task> act = async () => await tracker.TrackAsync(Prospect(), AsOf, Ct);
        (await act.Should().ThrowAsync<AggregateException>()).Which.InnerExceptions.Should().ContainSingle().Which.Should().BeOfType<InvalidOperationException>();
        after.Seen.Should().ContainSingle();
        store.Count.Should().Be(1);
    }

    [Fact]
    public async Task EraseThroughPersonalDataEraser_RemovesTheHistory()
    {
        var store = new InMemoryStageHistoryStore();
        var tracker = new StageTracker(LoyaltyLadder.Create(), store);
        await tracker.TrackAsync(Prospect(), AsOf, Ct);
        var eraser = new PersonalDataEraser([store]);
        IReadOnlyList<ErasureResult> results = await eraser.EraseAsync(Id(), Ct);
        results.Should().ContainSingle().Which.RecordsErased.Should().Be(1);
        (await store.GetCurrentAsync(Id(), LoyaltyLadder.ModelName, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Methods_BadArguments_Throw()
    {
        Action nullModel = () => _ = new StageTracker(null!, new InMemoryStageHistoryStore());
        nullModel.Should().Throw<ArgumentNullException>().WithParameterName("model");
        Action nullStore = () => _ = new StageTracker(LoyaltyLadder.Create(), null!);
        nullStore.Should().Throw<ArgumentNullException>().WithParameterName("store");
        Action nullObserver = () => _ = new StageTracker(LoyaltyLadder.Create(), new InMemoryStageHistoryStore(), [null!]);
        nullObserver.Should().Throw<ArgumentNullException>().WithParameterName("observers");
        var tracker = new StageTracker(LoyaltyLadder.Create(), new InMemoryStageHistoryStore());
        Func<Task> defaultState = async () => await tracker.TrackAsync(default, AsOf, Ct);
        await defaultState.Should().ThrowAsync<ArgumentException>().WithParameterName("state");
        Func<Task> nullReplay = async () => await tracker.ReplayAsync(null!, Ct);
        await nullReplay.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> otherModel = async () => await tracker.ReplayAsync([new StageTransition("lifecycle", Id(), default, CustomerLifecycle.New, AsOf, "r")], Ct);
        await otherModel.Should().ThrowAsync<ArgumentException>().WithParameterName("transitions");
        Action rebuildNull = () => StageTracker.Rebuild(null!, "m");
        rebuildNull.Should().Throw<ArgumentNullException>();
        Action compareDefault = () => tracker.Compare(Prospect(), null, default);
        compareDefault.Should().Throw<ArgumentException>().WithParameterName("asOf");
    }

    private sealed class RecordingObserver : IStageTransitionObserver
    {
        private readonly List<StageTransitionArguments> _seen = [];

        public IReadOnlyList<StageTransitionArguments> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public ValueTask OnTransitionAsync(StageTransitionArguments arguments, CancellationToken cancellationToken)
        {
            lock (_seen)
            {
                _seen.Add(arguments);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IStageTransitionObserver
    {
        public ValueTask OnTransitionAsync(StageTransitionArguments arguments, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("observer failed");
    }
}
