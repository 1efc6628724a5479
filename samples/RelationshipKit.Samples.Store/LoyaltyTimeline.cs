using RelationshipKit.Differentiation;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The two simulated years replayed through the loyalty ladder and the lifecycle: the host folds each customer's
/// interactions into counters as they happen, re-stages every customer in a weekly sweep (the span API, no
/// allocation per customer) and stores each change as a transition (from, to, when, why); today's sweep goes through
/// the <see cref="StageTracker"/>, which stores and raises today's transitions as events.
/// </summary>
internal sealed class LoyaltyTimeline
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly CustomerId[] _ids;
    private readonly Dictionary<CustomerId, int> _index;
    private readonly long[] _appearedTicks;
    private readonly int[] _periods;
    private readonly long[] _firstTicks;
    private readonly long[] _lastTicks;
    private readonly long[] _lastDay;
    private readonly decimal[] _spend;
    private readonly int[] _positive;
    private readonly int[] _referrals;
    private readonly int[] _coCreations;
    private readonly int[] _complaints;
    private readonly int[] _resolved;
    private readonly long[] _lastComplaintTicks;
    private readonly bool[] _changed;
    private readonly int[] _categoryCounts;
    private readonly LoyaltyStateOptions _stateOptions = new();

    private LoyaltyTimeline(CustomerId[] ids, long[] appearedTicks)
    {
        int n = ids.Length;
        _ids = ids;
        _appearedTicks = appearedTicks;
        _index = new Dictionary<CustomerId, int>(n);
        for (int i = 0; i < n; i++)
        {
            _index.Add(ids[i], i);
        }

        _periods = new int[n];
        _firstTicks = new long[n];
        _lastTicks = new long[n];
        _lastDay = new long[n];
        Array.Fill(_lastDay, -1);
        _spend = new decimal[n];
        _positive = new int[n];
        _referrals = new int[n];
        _coCreations = new int[n];
        _complaints = new int[n];
        _resolved = new int[n];
        _lastComplaintTicks = new long[n];
        _categoryCounts = new int[n * Catalogue.Categories.Length];
        _changed = new bool[n];
        Array.Fill(_changed, true);
    }

    /// <summary>Every customer, in order of appearance.</summary>
    public IReadOnlyList<CustomerId> Customers => _ids;

    /// <summary>Replays the history and stages every customer week by week; today's stages through the trackers.</summary>
    public static async ValueTask<LoyaltyOutcome> RunAsync(
        StoreSampleResult result,
        IStageHistoryStore store,
        StageTracker ladderTracker,
        StageTracker lifecycleTracker,
        TransitionCollector observer,
        CancellationToken cancellationToken)
    {
        StageModel ladder = ladderTracker.Model;
        StageModel lifecycle = lifecycleTracker.Model;
        LoyaltyTimeline timeline = Create(result);
        var outcome = new LoyaltyOutcome(ladder, lifecycle, timeline._ids, timeline._index);
        List<Interaction> interactions = result.History!.Interactions;
        DateTimeOffset start = result.Options.Start;
        DateTimeOffset end = result.Options.End;
        int n = timeline._ids.Length;
        var states = new LoyaltyState[n];
        var contexts = new StageContext[n];
        var assignments = new StageAssignment[n];
        var batch = new LoyaltyState[n];
        var rows = new int[n];
        var changed = new bool[n];
        StageModel[] models = [ladder, lifecycle];
        Stage[][] current = [new Stage[n], new Stage[n]];
        long[][] since = [new long[n], new long[n]];
        int next = 0;
        int appeared = 0;
        for (DateTimeOffset at = start + Week; at < end; at += Week)
        {
            next = timeline.Fold(interactions, next, at);
            while (appeared < n && timeline._appearedTicks[appeared] < at.UtcTicks)
            {
                appeared++;
            }

            // A state changes only when an interaction changed its counters; the time is in the context.
            for (int i = 0; i < appeared; i++)
            {
                changed[i] = timeline._changed[i];
                if (changed[i])
                {
                    states[i] = timeline.StateOf(i, null, null);
                    timeline._changed[i] = false;
                }
            }

            for (int m = 0; m < models.Length; m++)
            {
                // The ladder moves only on events (its rules count purchases, opinions, referrals); the lifecycle also
                // moves with time, except out of "lost", which only a purchase (an event) leaves.
                Stage[] stages = current[m];
                long[] from = since[m];
                int count = 0;
                for (int i = 0; i < appeared; i++)
                {
                    if (changed[i] || (m == 1 && stages[i] != CustomerLifecycle.Lost))
                    {
                        rows[count] = i;
                        batch[count] = states[i];
                        contexts[count] = stages[i].IsEmpty ? new StageContext(at) : new StageContext(at, stages[i], new DateTimeOffset(from[i], TimeSpan.Zero));
                        count++;
                    }
                }

                models[m].Assign(batch.AsSpan(0, count), contexts.AsSpan(0, count), assignments.AsSpan(0, count));
                for (int k = 0; k < count; k++)
                {
                    int i = rows[k];
                    Stage stage = assignments[k].Stage;
                    if (stage != stages[i])
                    {
                        await store.AppendAsync(new StageTransition(models[m].Name, timeline._ids[i], stages[i], stage, at, assignments[k].Reason), cancellationToken).ConfigureAwait(false);
                        stages[i] = stage;
                        from[i] = at.UtcTicks;
                        outcome.StoredTransitions++;
                    }
                }

                outcome.Assignments += count;
            }

            outcome.Sweeps++;
        }

        // Today: everything up to the end, with the scores and the golden profile, through the trackers (events).
        timeline.Fold(interactions, next, end);
        int raisedBefore = observer.Transitions.Count;
        StageTracker[] trackers = [ladderTracker, lifecycleTracker];
        CustomerSummaryTable table = result.Summaries!;
        var row = new Dictionary<CustomerId, int>(table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            row.Add(table.CustomerIds[i], i);
        }

        // The golden profile (birth date, city, region) of every customer, from the directory.
        // (Survivorship over each customer's records; the directory is thread-safe, so both cores share the work.)
        var profiles = new GoldenProfile[n];
        CustomerDirectory directory = result.Directory!;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = result.Options.MaxDegreeOfParallelism }, i => profiles[i] = directory.GetProfile(timeline._ids[i]));

        outcome.States = new LoyaltyState[n];
        outcome.LadderStages = new StageAssignment[n];
        outcome.LifecycleStages = new StageAssignment[n];
        for (int i = 0; i < n; i++)
        {
            CustomerValue? clv = null;
            CustomerValue? rfm = null;
            string? tier = null;
            if (row.TryGetValue(timeline._ids[i], out int r))
            {
                clv = result.ClvValues[r];
                rfm = result.RfmValues[r];
                tier = result.ClvTiers!.GetTier(result.ClvValues[r].Score);
            }

            LoyaltyState state = timeline.StateOf(i, clv, rfm, tier, profiles[i]);
            outcome.States[i] = state;
            outcome.LadderStages[i] = (await trackers[0].TrackAsync(state, end, cancellationToken).ConfigureAwait(false)).Assignment;
            outcome.LifecycleStages[i] = (await trackers[1].TrackAsync(state, end, cancellationToken).ConfigureAwait(false)).Assignment;
        }

        IReadOnlyList<StageTransition> raised = observer.Transitions;
        for (int k = raisedBefore; k < raised.Count; k++)
        {
            outcome.TodaysTransitions.Add(raised[k]);
        }

        outcome.StoredTransitions += outcome.TodaysTransitions.Count;
        outcome.Profiles = profiles;

        // The stored history replays to the same current stages.
        foreach (StageTracker tracker in trackers)
        {
            IReadOnlyDictionary<CustomerId, CurrentStage> rebuilt = await tracker.RebuildAsync(cancellationToken).ConfigureAwait(false);
            StageAssignment[] today = tracker.Model == ladder ? outcome.LadderStages : outcome.LifecycleStages;
            for (int i = 0; i < n; i++)
            {
                if (!rebuilt.TryGetValue(timeline._ids[i], out CurrentStage stage) || stage.Stage != today[i].Stage)
                {
                    outcome.ReplayMismatches++;
                }
            }
        }

        // The transitions of the last month, from the store.
        DateTimeOffset monthAgo = end.AddMonths(-1);
        foreach (StageModel model in models)
        {
            await foreach (StageTransition transition in store.ReadAllAsync(model.Name, cancellationToken).ConfigureAwait(false))
            {
                if (transition.At >= monthAgo && !transition.IsInitial)
                {
                    outcome.LastMonth.Add(transition);
                }
            }
        }

        return outcome;
    }

    private static LoyaltyTimeline Create(StoreSampleResult result)
    {
        // Customers appear when their first record is observed; prospects are customers without a purchase.
        var appeared = new Dictionary<CustomerId, long>();
        ShopPeople people = result.People!;
        for (int r = 0; r < people.Records.Length; r++)
        {
            CustomerId id = result.CustomerOfRecord[r];
            long ticks = people.Records[r].ObservedAt.UtcTicks;
            if (!appeared.TryGetValue(id, out long known) || ticks < known)
            {
                appeared[id] = ticks;
            }
        }

        CustomerId[] ids = [.. appeared.Keys];
        long[] ticksOf = [.. ids.Select(id => appeared[id])];
        Array.Sort(ticksOf, ids, Comparer<long>.Default);
        return new LoyaltyTimeline(ids, ticksOf);
    }

    /// <summary>Folds the interactions before <paramref name="until"/> into the counters; returns the next position.</summary>
    private int Fold(List<Interaction> interactions, int next, DateTimeOffset until)
    {
        long limit = until.UtcTicks;
        for (; next < interactions.Count && interactions[next].OccurredAt.UtcTicks < limit; next++)
        {
            Interaction x = interactions[next];
            int i = _index[x.CustomerId];
            _changed[i] = true;
            InteractionKind kind = x.Kind;
            if (kind == InteractionKind.Purchase)
            {
                long ticks = x.OccurredAt.UtcTicks;
                long day = ticks / TimeSpan.TicksPerDay;
                if (_periods[i] == 0)
                {
                    _firstTicks[i] = ticks;
                }

                if (day != _lastDay[i])
                {
                    _periods[i]++;
                    _lastDay[i] = day;
                }

                _lastTicks[i] = ticks;
                _spend[i] += x.Amount ?? 0m;
                if (x.Attributes.TryGetValue(Catalogue.CategoryAttribute, out string? category))
                {
                    int c = Array.FindIndex(Catalogue.Categories, k => k.Name == category);
                    if (c >= 0)
                    {
                        _categoryCounts[(i * Catalogue.Categories.Length) + c]++;
                    }
                }
            }
            else if (kind == InteractionKind.Review || kind == InteractionKind.Opinion)
            {
                bool positive = x.Rating is { } rating ? rating >= _stateOptions.PositiveRating : x.Sentiment is { } s && s >= _stateOptions.PositiveSentiment;
                _positive[i] += positive ? 1 : 0;
            }
            else if (kind == InteractionKind.Referral)
            {
                _referrals[i]++;
            }
            else if (kind == InteractionKind.Suggestion)
            {
                _coCreations[i]++;
            }
            else if (kind == InteractionKind.Complaint)
            {
                _complaints[i]++;
                _lastComplaintTicks[i] = x.OccurredAt.UtcTicks;
            }
            else if (kind == InteractionKind.ComplaintResolved)
            {
                _resolved[i]++;
            }
        }

        return next;
    }

    private LoyaltyState StateOf(int i, CustomerValue? clv, CustomerValue? rfm, string? tier = null, GoldenProfile? profile = null)
    {
        int periods = _periods[i];
        DateTimeOffset? first = periods == 0 ? null : new DateTimeOffset(_firstTicks[i], TimeSpan.Zero);
        DateTimeOffset? last = periods == 0 ? null : new DateTimeOffset(_lastTicks[i], TimeSpan.Zero);
        TimeSpan? rhythm = periods >= 2 && _lastTicks[i] > _firstTicks[i] ? TimeSpan.FromTicks((_lastTicks[i] - _firstTicks[i]) / (periods - 1)) : null;
        int resolved = Math.Min(_resolved[i], _complaints[i]);
        DateOnly? birth = null;
        if (profile?[IdentityField.BirthDate] is { } text
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly parsed))
        {
            birth = parsed;
        }

        // The favourite category: the most bought, ties to the first name in ordinal order (as LoyaltyState.Create does).
        string? favourite = null;
        int best = 0;
        for (int c = 0; c < Catalogue.Categories.Length; c++)
        {
            int count = _categoryCounts[(i * Catalogue.Categories.Length) + c];
            string name = Catalogue.Categories[c].Name;
            if (count > 0 && (count > best || (count == best && string.CompareOrdinal(name, favourite) < 0)))
            {
                best = count;
                favourite = name;
            }
        }

        return new LoyaltyState(
            _ids[i],
            purchaseCount: periods,
            firstPurchase: first,
            lastPurchase: last,
            meanInterPurchaseTime: rhythm,
            totalSpend: _spend[i],
            probabilityAlive: clv?.ProbabilityAlive,
            lifetimeValue: clv?.LifetimeValue,
            rfm: rfm?.Rfm,
            rfmSegment: rfm?.Segment,
            tier: tier,
            positiveOpinions: _positive[i],
            referrals: _referrals[i],
            coCreations: _coCreations[i],
            openComplaints: _complaints[i] - resolved,
            resolvedComplaints: resolved,
            lastComplaint: _lastComplaintTicks[i] == 0 ? null : new DateTimeOffset(_lastComplaintTicks[i], TimeSpan.Zero),
            birthDate: birth,
            locality: profile?[IdentityField.Locality],
            region: profile?[IdentityField.Region],
            favouriteCategory: favourite);
    }
}
