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

    [Fact]
    public async Task AppendBatchAsync_AfterAConflict_ItsNewIdsAreFreeAgain()
    {
        var store = new InMemoryInteractionStore(null, Time);
        await store.AppendAsync(Make("x", amount: 1m), null, Ct);
        Func<Task> act = async () => await store.AppendBatchAsync([Make("new1"), Make("new2", "c2"), Make("x", amount: 2m)], null, Ct);
        await act.Should().ThrowAsync<InteractionConflictException>();
        store.Count.Should().Be(1);
        store.CustomerCount.Should().Be(1);
        (await store.FindAsync("new1", Ct)).Should().BeNull();
        (await store.AppendAsync(Make("new1", amount: 7m), null, Ct)).Should().Be(new AppendResult(AppendOutcome.Appended, 2));
        (await store.AppendBatchAsync([Make("new2", "c2")], null, Ct)).AppendedCount.Should().Be(1);
        (await store.FindAsync("new1", Ct))!.Amount.Should().Be(7m);
    }

    [Fact]
    public async Task AppendBatchAsync_ExpectedVersionsThrowMidway_StoresNothing()
    {
        var store = new InMemoryInteractionStore(null, Time);
        await store.AppendAsync(Make("old", "c1"), null, Ct);
        var versions = new ThrowingVersions(C("c2"));
        Func<Task> act = async () => await store.AppendBatchAsync([Make("a", "c1"), Make("b", "c1"), Make("old", "c1"), Make("c", "c2")], versions, Ct);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*c2*");
        store.Count.Should().Be(1);
        (await store.FindAsync("a", Ct)).Should().BeNull();
        (await store.FindAsync("old", Ct)).Should().NotBeNull();
        (await store.AppendBatchAsync([Make("a", "c1"), Make("b", "c1"), Make("old", "c1"), Make("c", "c2")], null, Ct)).Outcomes
            .Should().Equal(AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.AlreadyAppended, AppendOutcome.Appended);
    }

    [Fact]
    public async Task AppendBatchAsync_RepeatsInsideTheBatchAcrossCustomers_EachIdStoredOnceInOrder()
    {
        var store = new InMemoryInteractionStore(null, Time);
        AppendBatchResult result = await store.AppendBatchAsync(
            [Make("a", "c1"), Make("b", "c2"), Make("a", "c1"), Make("c", "c1"), Make("b", "c2"), Make("d", "c2"), Make("a", "c1")], null, Ct);
        result.Outcomes.Should().Equal(
            AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.AlreadyAppended, AppendOutcome.Appended,
            AppendOutcome.AlreadyAppended, AppendOutcome.Appended, AppendOutcome.AlreadyAppended);
        (result.AppendedCount, result.AlreadyAppendedCount).Should().Be((4, 3));
        store.Count.Should().Be(4);
        (await ToListAsync(store.ReadAsync(C("c1"), default, Ct))).Select(i => i.Id).Should().Equal("a", "c");
        (await ToListAsync(store.ReadAsync(C("c2"), default, Ct))).Select(i => i.Id).Should().Equal("b", "d");
        (await store.GetEngagementAsync(C("c2"), Ct)).InteractionCount.Should().Be(2);
    }

    [Fact]
    public async Task GetEngagementAsync_ReadBetweenAppendsAndAfterErasure_EqualsTheFoldOfWhatIsStored()
    {
        var store = new InMemoryInteractionStore(null, Time);
        Interaction[] first =
        [
            Make("s1", kind: InteractionKind.CampaignSent, channel: Channel.Email, direction: InteractionDirection.Outbound, at: Now.AddDays(-9)),
            Make("k1", kind: InteractionKind.Complaint, channel: Channel.ContactCentre, at: Now.AddDays(-6)),
        ];
        Interaction[] later =
        [
            Make("r1", kind: InteractionKind.CampaignResponded, channel: Channel.Email, at: Now.AddDays(-8)),
            Make("o1", kind: InteractionKind.Opinion, channel: Channel.Social, at: Now.AddDays(-5), rating: 8, sentiment: 0.5),
        ];
        Interaction last = Make("kr", kind: InteractionKind.ComplaintResolved, channel: Channel.ContactCentre, at: Now.AddDays(-4));
        await store.AppendBatchAsync(first, null, Ct);
        (await store.GetEngagementAsync(C("c1"), Ct)).Should().BeEquivalentTo(EngagementFeatures.FromHistory(C("c1"), first));
        await store.AppendBatchAsync(later, null, Ct);
        await store.AppendAsync(last, null, Ct);
        EngagementFeatures all = await store.GetEngagementAsync(C("c1"), Ct);
        all.Should().BeEquivalentTo(EngagementFeatures.FromHistory(C("c1"), [.. first, .. later, last]));
        all.OpenComplaintCount.Should().Be(0);
        await store.EraseAsync(C("c1"), Ct);
        await store.AppendAsync(Make("again", at: Now.AddDays(-1)), null, Ct);
        (await store.GetEngagementAsync(C("c1"), Ct)).Should().BeEquivalentTo(EngagementFeatures.FromHistory(C("c1"), [Make("again", at: Now.AddDays(-1))]));
    }

    [Fact]
    public async Task ConcurrentBatchWriters_WithRepeatsAndEngagementReaders_CountsExact()
    {
        const int writers = 4;
        const int batches = 200;
        const int batchSize = 50;
        const int customers = 50; // divides batches * batchSize: every customer gets as many
        var store = new InMemoryInteractionStore(null, Time);
        DateTimeOffset at = Now.AddDays(-1);
        Interaction Item(int w, int k) => Make($"w{w}-{k}", $"cust{k % customers}", kind: InteractionKind.Visit, channel: Channel.StoreVisit, at: at.AddSeconds(k));
        using var stop = new CancellationTokenSource();

        async Task Writer(int w)
        {
            await Task.Yield();
            for (int b = 0; b < batches; b++)
            {
                // Each batch repeats its first item at the end: a replay inside the batch, stored once.
                var batch = new List<Interaction>(batchSize + 1);
                for (int j = 0; j < batchSize; j++)
                {
                    batch.Add(Item(w, (b * batchSize) + j));
                }

                batch.Add(Item(w, b * batchSize));
                AppendBatchResult result = await store.AppendBatchAsync(batch, null, Ct);
                (result.AppendedCount, result.AlreadyAppendedCount).Should().Be((batchSize, 1));
            }
        }

        async Task<int> Reader()
        {
            int reads = 0;
            while (!stop.IsCancellationRequested)
            {
                CustomerId customer = C($"cust{reads % customers}");
                EngagementFeatures features = await store.GetEngagementAsync(customer, Ct);
                long version = await store.GetVersionAsync(customer, Ct);
                features.InteractionCount.Should().BeLessThanOrEqualTo(version);
                reads++;
                await Task.Yield();
            }

            return reads;
        }

        Task<int> reader = Task.Run(Reader, Ct);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Writer(w), Ct)));
        await stop.CancelAsync();
        (await reader).Should().BePositive();

        store.Count.Should().Be(writers * batches * batchSize);
        for (int c = 0; c < customers; c++)
        {
            List<Interaction> history = await ToListAsync(store.ReadAsync(C($"cust{c}"), default, Ct));
            history.Select(i => i.Id).Should().OnlyHaveUniqueItems();
            history.Should().HaveCount(writers * batches * batchSize / customers);
            (await store.GetVersionAsync(C($"cust{c}"), Ct)).Should().Be(history.Count);
            (await store.GetEngagementAsync(C($"cust{c}"), Ct)).Should().BeEquivalentTo(EngagementFeatures.FromHistory(C($"cust{c}"), history));
        }
    }

    protected override IInteractionStore CreateStore(InteractionOptions options) => new InMemoryInteractionStore(options, Time);

    /// <summary>Expected versions that throw when asked about one customer: a host's faulty dictionary.</summary>
    private sealed class ThrowingVersions(CustomerId poison) : IReadOnlyDictionary<CustomerId, long>
    {
        public int Count => 1;

        public IEnumerable<CustomerId> Keys => [poison];

        public IEnumerable<long> Values => [0];

        public long this[CustomerId key] => TryGetValue(key, out long value) ? value : throw new KeyNotFoundException();

        public bool ContainsKey(CustomerId key) => TryGetValue(key, out _);

        public bool TryGetValue(CustomerId key, out long value)
        {
            if (key == poison)
            {
                throw new InvalidOperationException($"No version for {key}.");
            }

            value = 0;
            return false;
        }

        public IEnumerator<KeyValuePair<CustomerId, long>> GetEnumerator() => new List<KeyValuePair<CustomerId, long>>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
