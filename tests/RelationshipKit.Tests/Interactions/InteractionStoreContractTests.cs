using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

/// <summary>
/// The one contract every <see cref="IInteractionStore"/> passes. A concrete test class per implementation derives
/// from it (this file is linked into the SQLite test project).
/// </summary>
public abstract class InteractionStoreContractTests : IDisposable
{
    protected FakeTimeProvider Time { get; } = new(Now);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How many interactions each writer of the concurrency test appends per call (1 = single appends).</summary>
    protected virtual int ConcurrentBatchSize => 1;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Creates a new, empty store with these options and <see cref="Time"/> as its clock.</summary>
    protected abstract IInteractionStore CreateStore(InteractionOptions options);

    protected IInteractionStore NewStore(Action<InteractionOptions>? configure = null)
    {
        var options = new InteractionOptions();
        configure?.Invoke(options);
        return CreateStore(options);
    }

    [Fact]
    public async Task AppendAsync_NewInteraction_AppendedAtVersionOne()
    {
        IInteractionStore store = NewStore();
        AppendResult result = await store.AppendAsync(Make("i1"), null, Ct);
        result.Should().Be(new AppendResult(AppendOutcome.Appended, 1));
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(1);
        (await store.FindAsync("i1", Ct)).Should().Be(Make("i1"));
    }

    [Fact]
    public async Task AppendAsync_SameContentAgain_AlreadyAppendedAndStoredOnce()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1"), null, Ct);
        await store.AppendAsync(Make("i2"), null, Ct);
        AppendResult replay = await store.AppendAsync(Make("i1"), null, Ct);
        replay.Should().Be(new AppendResult(AppendOutcome.AlreadyAppended, 2));
        (await ToListAsync(store.ReadAsync(C("c1"), default, Ct))).Select(i => i.Id).Should().Equal("i1", "i2");
    }

    [Fact]
    public async Task AppendAsync_AmountWithOtherScale_IsTheSameContent()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1", amount: 10.5m), null, Ct);
        (await store.AppendAsync(Make("i1", amount: 10.50m), null, Ct)).Outcome.Should().Be(AppendOutcome.AlreadyAppended);
    }

    [Fact]
    public async Task AppendAsync_SameIdDifferentContent_ThrowsConflictAndKeepsTheOriginal()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1", amount: 10m), null, Ct);
        Func<Task> act = async () => await store.AppendAsync(Make("i1", amount: 11m), null, Ct);
        InteractionConflictException ex = (await act.Should().ThrowAsync<InteractionConflictException>()).Which;
        ex.Conflicts.Should().ContainSingle().Which.Should().Be(
            new InteractionConflict(0, "i1", C("c1"), InteractionConflictReason.DifferentContent, null, 1));
        (await store.FindAsync("i1", Ct))!.Amount.Should().Be(10m);
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(1);
    }

    [Fact]
    public async Task AppendAsync_SameIdOtherCustomer_ThrowsConflict()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1", "c1"), null, Ct);
        Func<Task> act = async () => await store.AppendAsync(Make("i1", "c2"), null, Ct);
        await act.Should().ThrowAsync<InteractionConflictException>();
        (await store.GetVersionAsync(C("c2"), Ct)).Should().Be(0);
    }

    [Fact]
    public async Task AppendAsync_OffsetDiffersForTheSameInstant_IsAConflict()
    {
        IInteractionStore store = NewStore();
        var utc = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero);
        await store.AppendAsync(Make("i1", at: utc), null, Ct);
        Func<Task> act = async () => await store.AppendAsync(Make("i1", at: utc.ToOffset(TimeSpan.FromHours(2))), null, Ct);
        await act.Should().ThrowAsync<InteractionConflictException>();
    }

    [Fact]
    public async Task AppendAsync_ExpectedVersionMatches_Appends()
    {
        IInteractionStore store = NewStore();
        (await store.AppendAsync(Make("i1"), 0, Ct)).Version.Should().Be(1);
        (await store.AppendAsync(Make("i2"), 1, Ct)).Version.Should().Be(2);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(2L)]
    public async Task AppendAsync_ExpectedVersionStale_ThrowsVersionConflictAndStoresNothing(long expected)
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1"), null, Ct);
        Func<Task> act = async () => await store.AppendAsync(Make("i2"), expected, Ct);
        InteractionConflict conflict = (await act.Should().ThrowAsync<InteractionConflictException>()).Which.Conflicts.Single();
        conflict.Reason.Should().Be(InteractionConflictReason.VersionMismatch);
        conflict.ExpectedVersion.Should().Be(expected);
        conflict.ActualVersion.Should().Be(1);
        (await store.FindAsync("i2", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendAsync_ExpectedVersionForUnknownCustomerNotZero_ThrowsVersionConflict()
    {
        IInteractionStore store = NewStore();
        Func<Task> act = async () => await store.AppendAsync(Make("i1"), 3, Ct);
        (await act.Should().ThrowAsync<InteractionConflictException>()).Which.Conflicts.Single().ActualVersion.Should().Be(0);
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(0);
    }

    [Fact]
    public async Task AppendAsync_RetryOfASuccessfulAppendWithItsOldExpectedVersion_IsAlreadyAppended()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1"), 0, Ct);
        (await store.AppendAsync(Make("i1"), 0, Ct)).Should().Be(new AppendResult(AppendOutcome.AlreadyAppended, 1));
    }

    [Fact]
    public async Task AppendAsync_FutureBeyondTolerance_ThrowsNamingOccurredAt()
    {
        IInteractionStore store = NewStore(o => o.FutureTolerance = TimeSpan.FromMinutes(5));
        (await store.AppendAsync(Make("ok", at: Now.AddMinutes(5)), null, Ct)).Outcome.Should().Be(AppendOutcome.Appended);
        Func<Task> act = async () => await store.AppendAsync(Make("late", at: Now.AddMinutes(5).AddTicks(1)), null, Ct);
        (await act.Should().ThrowAsync<InvalidInteractionException>()).Which.FieldName.Should().Be("occurredAt");
        (await store.FindAsync("late", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendAsync_BeforeEarliest_ThrowsNamingOccurredAt()
    {
        IInteractionStore store = NewStore();
        Func<Task> act = async () => await store.AppendAsync(Make("old", at: new DateTimeOffset(1899, 12, 31, 0, 0, 0, TimeSpan.Zero)), null, Ct);
        (await act.Should().ThrowAsync<InvalidInteractionException>()).Which.FieldName.Should().Be("occurredAt");
    }

    [Fact]
    public async Task AppendAsync_UndeclaredCustomKind_ThrowsNamingKind_DeclaredKindAccepted()
    {
        IInteractionStore strict = NewStore();
        Func<Task> act = async () => await strict.AppendAsync(Make("i1", kind: new InteractionKind("warrantyClaim")), null, Ct);
        (await act.Should().ThrowAsync<InvalidInteractionException>()).Which.FieldName.Should().Be("kind");

        IInteractionStore declared = NewStore(o => o.CustomKinds.Add("warrantyClaim"));
        (await declared.AppendAsync(Make("i1", kind: new InteractionKind("warrantyClaim")), null, Ct)).Outcome.Should().Be(AppendOutcome.Appended);
    }

    [Fact]
    public async Task AppendAsync_HostDefinedChannel_IsAccepted()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("i1", channel: new Channel("whatsApp")), null, Ct);
        (await store.FindAsync("i1", Ct))!.Channel.Should().Be(new Channel("whatsApp"));
    }

    [Fact]
    public async Task AppendAsync_InvalidArguments_Throw()
    {
        IInteractionStore store = NewStore();
        Func<Task> nullInteraction = async () => await store.AppendAsync(null!, null, Ct);
        await nullInteraction.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> negative = async () => await store.AppendAsync(Make("i1"), -1, Ct);
        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task AppendAsync_Cancelled_ThrowsAndStoresNothing()
    {
        IInteractionStore store = NewStore();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        Func<Task> act = async () => await store.AppendAsync(Make("i1"), null, cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await store.FindAsync("i1", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendAsync_EveryField_RoundTripsExactly()
    {
        IInteractionStore store = NewStore();
        Interaction full = Full("full-1");
        await store.AppendAsync(full, null, Ct);
        Interaction read = (await store.FindAsync("full-1", Ct))!;
        read.Should().Be(full);
        read.OccurredAt.Offset.Should().Be(full.OccurredAt.Offset);
        read.OccurredAt.Ticks.Should().Be(full.OccurredAt.Ticks);
        read.Amount.ToString().Should().Be("10.50");
        read.Sentiment.Should().Be(-0.125);
        read.Attributes.Should().BeEquivalentTo(full.Attributes);
        (await store.AppendAsync(Full("full-1"), null, Ct)).Outcome.Should().Be(AppendOutcome.AlreadyAppended);
    }

    [Fact]
    public async Task AppendBatchAsync_NewInteractions_AllAppendedInOrder()
    {
        IInteractionStore store = NewStore();
        AppendBatchResult result = await store.AppendBatchAsync([Make("a", "c1"), Make("b", "c2"), Make("c", "c1")], null, Ct);
        result.Outcomes.Should().Equal(AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Appended);
        result.AppendedCount.Should().Be(3);
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(2);
        (await ToListAsync(store.ReadAsync(C("c1"), default, Ct))).Select(i => i.Id).Should().Equal("a", "c");
    }

    [Fact]
    public async Task AppendBatchAsync_Empty_ReturnsNoOutcomes()
    {
        IInteractionStore store = NewStore();
        (await store.AppendBatchAsync([], null, Ct)).Outcomes.Should().BeEmpty();
    }

    [Fact]
    public async Task AppendBatchAsync_ConflictsInside_StoresNothingAndListsEveryConflict()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("x", amount: 1m), null, Ct);
        await store.AppendAsync(Make("y", amount: 1m), null, Ct);
        Func<Task> act = async () => await store.AppendBatchAsync(
            [Make("new1"), Make("x", amount: 2m), Make("x", amount: 1m), Make("y", amount: 3m), Make("new2")], null, Ct);
        InteractionConflictException ex = (await act.Should().ThrowAsync<InteractionConflictException>()).Which;
        ex.Conflicts.Select(c => (c.Index, c.InteractionId)).Should().Equal((1, "x"), (3, "y"));
        (await store.FindAsync("new1", Ct)).Should().BeNull();
        (await store.FindAsync("new2", Ct)).Should().BeNull();
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(2);
    }

    [Fact]
    public async Task AppendBatchAsync_DuplicateInsideTheBatch_StoredOnce()
    {
        IInteractionStore store = NewStore();
        AppendBatchResult result = await store.AppendBatchAsync([Make("a"), Make("b"), Make("a")], null, Ct);
        result.Outcomes.Should().Equal(AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.AlreadyAppended);
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(2);
    }

    [Fact]
    public async Task AppendBatchAsync_ConflictingDuplicateInsideTheBatch_StoresNothing()
    {
        IInteractionStore store = NewStore();
        Func<Task> act = async () => await store.AppendBatchAsync([Make("a", amount: 1m), Make("a", amount: 2m)], null, Ct);
        (await act.Should().ThrowAsync<InteractionConflictException>()).Which.Conflicts.Single().Index.Should().Be(1);
        (await store.FindAsync("a", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendBatchAsync_ExpectedVersionsStale_StoresNothing()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("a", "c1"), null, Ct);
        var expected = new Dictionary<CustomerId, long> { [C("c1")] = 0, [C("c2")] = 0 };
        Func<Task> act = async () => await store.AppendBatchAsync([Make("b", "c2"), Make("c", "c1")], expected, Ct);
        InteractionConflict conflict = (await act.Should().ThrowAsync<InteractionConflictException>()).Which.Conflicts.Single();
        conflict.Should().Be(new InteractionConflict(1, "c", C("c1"), InteractionConflictReason.VersionMismatch, 0, 1));
        (await store.FindAsync("b", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendBatchAsync_ExpectedVersionsMatch_Appends()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("a", "c1"), null, Ct);
        var expected = new Dictionary<CustomerId, long> { [C("c1")] = 1, [C("c2")] = 0 };
        (await store.AppendBatchAsync([Make("b", "c2"), Make("c", "c1"), Make("d", "c1")], expected, Ct)).AppendedCount.Should().Be(3);
        (await store.GetVersionAsync(C("c1"), Ct)).Should().Be(3);
    }

    [Fact]
    public async Task AppendBatchAsync_OnlyReplaysWithStaleExpectedVersion_IsAlreadyAppended()
    {
        IInteractionStore store = NewStore();
        await store.AppendBatchAsync([Make("a"), Make("b")], new Dictionary<CustomerId, long> { [C("c1")] = 0 }, Ct);
        AppendBatchResult retry = await store.AppendBatchAsync([Make("a"), Make("b")], new Dictionary<CustomerId, long> { [C("c1")] = 0 }, Ct);
        retry.AlreadyAppendedCount.Should().Be(2);
    }

    [Fact]
    public async Task AppendBatchAsync_InvalidItem_ThrowsWithItsIndexAndStoresNothing()
    {
        IInteractionStore store = NewStore();
        Func<Task> act = async () => await store.AppendBatchAsync([Make("a"), Make("b"), Make("c", at: Now.AddDays(2))], null, Ct);
        InvalidInteractionException ex = (await act.Should().ThrowAsync<InvalidInteractionException>()).Which;
        ex.Index.Should().Be(2);
        ex.FieldName.Should().Be("occurredAt");
        (await store.FindAsync("a", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendBatchAsync_NullItemOrArguments_Throw()
    {
        IInteractionStore store = NewStore();
        Func<Task> nullList = async () => await store.AppendBatchAsync(null!, null, Ct);
        await nullList.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> nullItem = async () => await store.AppendBatchAsync([Make("a"), null!], null, Ct);
        (await nullItem.Should().ThrowAsync<InvalidInteractionException>()).Which.Index.Should().Be(1);
        Func<Task> negative = async () => await store.AppendBatchAsync([Make("a")], new Dictionary<CustomerId, long> { [C("c1")] = -2 }, Ct);
        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task ReadAsync_ReturnsAppendOrderNotTimeOrder()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("late", at: Now.AddDays(-1)), null, Ct);
        await store.AppendAsync(Make("early", at: Now.AddDays(-30)), null, Ct);
        (await ToListAsync(store.ReadAsync(C("c1"), default, Ct))).Select(i => i.Id).Should().Equal("late", "early");
    }

    [Fact]
    public async Task ReadAsync_Query_FiltersByWindowChannelKindAndDirection()
    {
        IInteractionStore store = NewStore();
        DateTimeOffset t0 = Now.AddDays(-10);
        await store.AppendBatchAsync(
            [
                Make("a", at: t0, channel: Channel.Email, kind: InteractionKind.CampaignSent, direction: InteractionDirection.Outbound),
                Make("b", at: t0.AddDays(1), channel: Channel.Email, kind: InteractionKind.CampaignOpened),
                Make("c", at: t0.AddDays(2), channel: Channel.Web, kind: InteractionKind.Purchase),
                Make("d", at: t0.AddDays(3).ToOffset(TimeSpan.FromHours(-5)), channel: Channel.Email, kind: InteractionKind.CampaignSent, direction: InteractionDirection.Outbound),
            ],
            null,
            Ct);
        async Task<string[]> Ids(InteractionQuery q) => [.. (await ToListAsync(store.ReadAsync(C("c1"), q, Ct))).Select(i => i.Id)];
        (await Ids(new InteractionQuery(From: t0.AddDays(1), To: t0.AddDays(3)))).Should().Equal("b", "c");
        (await Ids(new InteractionQuery(From: t0.AddDays(3)))).Should().Equal("d");
        (await Ids(new InteractionQuery(Channel: Channel.Email))).Should().Equal("a", "b", "d");
        (await Ids(new InteractionQuery(Kind: InteractionKind.CampaignSent))).Should().Equal("a", "d");
        (await Ids(new InteractionQuery(Direction: InteractionDirection.Outbound, To: t0.AddDays(3)))).Should().Equal("a");
        (await Ids(new InteractionQuery(Channel: Channel.Email, Kind: InteractionKind.CampaignOpened))).Should().Equal("b");
    }

    [Fact]
    public async Task ReadAsync_InvalidArguments_Throw()
    {
        IInteractionStore store = NewStore();
        Action defaultCustomer = () => store.ReadAsync(default, default, Ct);
        defaultCustomer.Should().Throw<ArgumentException>();
        Action backwards = () => store.ReadAsync(C("c1"), new InteractionQuery(From: Now, To: Now.AddDays(-1)), Ct);
        backwards.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("query");
        Action allBackwards = () => store.ReadAllAsync(new InteractionQuery(From: Now, To: Now.AddDays(-1)), Ct);
        allBackwards.Should().Throw<ArgumentException>();
        (await ToListAsync(store.ReadAsync(C("nobody"), default, Ct))).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_Cancelled_StopsTheEnumeration()
    {
        IInteractionStore store = NewStore();
        await store.AppendBatchAsync([.. Enumerable.Range(0, 10).Select(i => Make($"i{i}"))], null, Ct);
        using var cts = new CancellationTokenSource();
        int seen = 0;
        Func<Task> act = async () =>
        {
            await foreach (Interaction _ in store.ReadAsync(C("c1"), default, cts.Token))
            {
                if (++seen == 3)
                {
                    await cts.CancelAsync();
                }
            }
        };
        await act.Should().ThrowAsync<OperationCanceledException>();
        seen.Should().Be(3);
    }

    [Fact]
    public async Task ReadAllAsync_CustomersInOrderOfFirstAppend_EachInAppendOrder()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("1", "zed"), null, Ct);
        await store.AppendAsync(Make("2", "amy"), null, Ct);
        await store.AppendAsync(Make("3", "zed"), null, Ct);
        await store.AppendAsync(Make("4", "bob"), null, Ct);
        await store.AppendAsync(Make("5", "amy"), null, Ct);
        List<Interaction> all = await ToListAsync(store.ReadAllAsync(default, Ct));
        all.Select(i => $"{i.CustomerId}:{i.Id}").Should().Equal("zed:1", "zed:3", "amy:2", "amy:5", "bob:4");
        (await ToListAsync(store.ReadAllAsync(new InteractionQuery(Channel: Channel.Email), Ct))).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadLastAsync_ReturnsTheLastAppendedOldestFirst()
    {
        IInteractionStore store = NewStore();
        await store.AppendBatchAsync([.. Enumerable.Range(1, 60).Select(i => Make($"i{i}", at: Now.AddMinutes(-i)))], null, Ct);
        (await store.ReadLastAsync(C("c1"), 3, Ct)).Select(i => i.Id).Should().Equal("i58", "i59", "i60");
        (await store.ReadLastAsync(C("c1"), 100, Ct)).Should().HaveCount(60);
        (await store.ReadLastAsync(C("nobody"), 5, Ct)).Should().BeEmpty();
        Func<Task> zero = async () => await store.ReadLastAsync(C("c1"), 0, Ct);
        await zero.Should().ThrowAsync<ArgumentOutOfRangeException>();
        Func<Task> defaultCustomer = async () => await store.ReadLastAsync(default, 1, Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task GetVersionAsync_AndFindAsync_UnknownValues()
    {
        IInteractionStore store = NewStore();
        (await store.GetVersionAsync(C("nobody"), Ct)).Should().Be(0);
        (await store.FindAsync("nothing", Ct)).Should().BeNull();
        Func<Task> nullId = async () => await store.FindAsync(null!, Ct);
        await nullId.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> defaultCustomer = async () => await store.GetVersionAsync(default, Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task GetEngagementAsync_EqualsTheFoldOfTheStoredHistory()
    {
        IInteractionStore store = NewStore();
        Interaction[] history =
        [
            Make("s1", kind: InteractionKind.CampaignSent, channel: Channel.Email, direction: InteractionDirection.Outbound, at: Now.AddDays(-9)),
            Make("d1", kind: InteractionKind.CampaignDelivered, channel: Channel.Email, direction: InteractionDirection.Outbound, at: Now.AddDays(-9)),
            Make("r1", kind: InteractionKind.CampaignResponded, channel: Channel.Email, at: Now.AddDays(-8)),
            Make("p1", kind: InteractionKind.Purchase, channel: Channel.Web, at: Now.AddDays(-7), amount: 20m),
            Make("k1", kind: InteractionKind.Complaint, channel: Channel.ContactCentre, at: Now.AddDays(-6)),
            Make("o1", kind: InteractionKind.Opinion, channel: Channel.Social, at: Now.AddDays(-5), rating: 8, sentiment: 0.5),
        ];
        await store.AppendBatchAsync(history, null, Ct);
        EngagementFeatures stored = await store.GetEngagementAsync(C("c1"), Ct);
        EngagementFeatures folded = EngagementFeatures.FromHistory(C("c1"), history);
        stored.Should().BeEquivalentTo(folded);
        stored.InteractionCount.Should().Be(6);
        stored.GetChannel(Channel.Email)!.ResponseRate.Should().Be(1);
        stored.OpenComplaintCount.Should().Be(1);
        stored.LastContactAt.Should().Be(Now.AddDays(-5));
        (await store.GetEngagementAsync(C("nobody"), Ct)).InteractionCount.Should().Be(0);
    }

    [Fact]
    public async Task EraseAsync_RemovesTheCustomerEverywhere()
    {
        IInteractionStore store = NewStore();
        await store.AppendBatchAsync([Make("a", "gone"), Make("b", "kept"), Make("c", "gone", kind: InteractionKind.Complaint)], null, Ct);
        ErasureResult result = await store.EraseAsync(C("gone"), Ct);
        result.RecordsErased.Should().Be(2);
        result.StorageScrubbed.Should().BeTrue();
        (await store.GetVersionAsync(C("gone"), Ct)).Should().Be(0);
        (await store.FindAsync("a", Ct)).Should().BeNull();
        (await ToListAsync(store.ReadAsync(C("gone"), default, Ct))).Should().BeEmpty();
        (await store.ReadLastAsync(C("gone"), 10, Ct)).Should().BeEmpty();
        (await store.GetEngagementAsync(C("gone"), Ct)).InteractionCount.Should().Be(0);
        (await ToListAsync(store.ReadAllAsync(default, Ct))).Select(i => i.Id).Should().Equal("b");
    }

    [Fact]
    public async Task EraseAsync_LaterReplayOfAnErasedKey_IsNotResurrected()
    {
        IInteractionStore store = NewStore();
        await store.AppendBatchAsync([Make("a", "gone"), Make("b", "gone")], null, Ct);
        await store.EraseAsync(C("gone"), Ct);
        (await store.AppendAsync(Make("a", "gone"), null, Ct)).Should().Be(new AppendResult(AppendOutcome.Erased, 0));
        AppendBatchResult batch = await store.AppendBatchAsync([Make("b", "gone"), Make("fresh", "gone"), Make("a", "gone", amount: 5m)], null, Ct);
        batch.Outcomes.Should().Equal(AppendOutcome.Erased, AppendOutcome.Appended, AppendOutcome.Erased);
        (await store.FindAsync("a", Ct)).Should().BeNull();
        (await ToListAsync(store.ReadAsync(C("gone"), default, Ct))).Select(i => i.Id).Should().Equal("fresh");
        (await store.GetVersionAsync(C("gone"), Ct)).Should().Be(1);
    }

    [Fact]
    public async Task EraseAsync_ErasedKeyReplayedByAnotherCustomer_IsNotStored()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("a", "gone"), null, Ct);
        await store.AppendAsync(Make("x", "other"), null, Ct);
        await store.EraseAsync(C("gone"), Ct);
        (await store.AppendAsync(Make("a", "other"), null, Ct)).Outcome.Should().Be(AppendOutcome.Erased);
        (await store.GetVersionAsync(C("other"), Ct)).Should().Be(1);
    }

    [Fact]
    public async Task EraseAsync_UnknownCustomer_ErasesNothing()
    {
        IInteractionStore store = NewStore();
        (await store.EraseAsync(C("nobody"), Ct)).RecordsErased.Should().Be(0);
        Func<Task> defaultCustomer = async () => await store.EraseAsync(default, Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task EraseAsync_ReturningCustomer_StartsAgainAtTheEndOfTheOrder()
    {
        IInteractionStore store = NewStore();
        await store.AppendAsync(Make("a", "first"), null, Ct);
        await store.AppendAsync(Make("b", "second"), null, Ct);
        await store.EraseAsync(C("first"), Ct);
        await store.AppendAsync(Make("c", "first"), 0, Ct);
        (await ToListAsync(store.ReadAllAsync(default, Ct))).Select(i => i.Id).Should().Equal("b", "c");
    }

    [Fact]
    public async Task ConcurrentWriters_EightTimesOneHundredThousand_NothingLostOrDuplicatedAndOrderKept()
    {
        const int writers = 8;
        const int perWriter = 100_000;
        const int customers = 512;
        IInteractionStore store = NewStore();
        int batchSize = ConcurrentBatchSize;
        var replays = new ConcurrentBag<AppendOutcome>();
        DateTimeOffset at = Now.AddDays(-1);

        Interaction Item(int w, int k) => new(
            $"w{w}-{k}",
            new CustomerId($"cust{k % customers}"),
            InteractionKind.Visit,
            Channel.StoreVisit,
            InteractionDirection.Inbound,
            at);

        async Task Writer(int w)
        {
            await Task.Yield();
            var batch = new List<Interaction>(batchSize);
            for (int k = 0; k < perWriter; k++)
            {
                if (batchSize == 1)
                {
                    await store.AppendAsync(Item(w, k), null, Ct);
                }
                else
                {
                    batch.Add(Item(w, k));
                    if (batch.Count == batchSize)
                    {
                        await store.AppendBatchAsync(batch, null, Ct);
                        batch.Clear();
                    }
                }

                if (k % 10_000 == 9_999)
                {
                    // A replay of something this writer already appended: recognised, not stored twice.
                    replays.Add((await store.AppendAsync(Item(w, k - 5_000), null, Ct)).Outcome);
                }
            }

            if (batch.Count > 0)
            {
                await store.AppendBatchAsync(batch, null, Ct);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Writer(w), Ct)));

        replays.Should().HaveCount(writers * perWriter / 10_000).And.OnlyContain(o => o == AppendOutcome.AlreadyAppended);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        long total = 0;
        for (int c = 0; c < customers; c++)
        {
            var lastPerWriter = new int[writers];
            Array.Fill(lastPerWriter, -1);
            long count = 0;
            await foreach (Interaction interaction in store.ReadAsync(new CustomerId($"cust{c}"), default, Ct))
            {
                count++;
                if (!seen.Add(interaction.Id))
                {
                    problems.Add($"{interaction.Id} stored twice");
                }

                int dash = interaction.Id.IndexOf('-', StringComparison.Ordinal);
                int w = int.Parse(interaction.Id.AsSpan(1, dash - 1), System.Globalization.CultureInfo.InvariantCulture);
                int k = int.Parse(interaction.Id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture);
                if (k % customers != c)
                {
                    problems.Add($"{interaction.Id} under cust{c}");
                }

                if (k <= lastPerWriter[w])
                {
                    problems.Add($"{interaction.Id} after w{w}-{lastPerWriter[w]} for cust{c}");
                }

                lastPerWriter[w] = k;
            }

            long version = await store.GetVersionAsync(new CustomerId($"cust{c}"), Ct);
            if (version != count)
            {
                problems.Add($"cust{c} is at version {version} with {count} interactions");
            }

            total += count;
        }

        problems.Should().BeEmpty();
        total.Should().Be(writers * perWriter);
        seen.Should().HaveCount(writers * perWriter);
    }
}
