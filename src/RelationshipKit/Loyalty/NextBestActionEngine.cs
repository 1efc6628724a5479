using System.Globalization;
using RelationshipKit.Interactions;

namespace RelationshipKit.Loyalty;

/// <summary>
/// The next best actions for one customer at one time: a ranked list of actions (welcome, thank-you, cross-sell,
/// replenishment, birthday, win-back, service recovery, review and referral requests), each with its reason and the
/// channel the <see cref="ContactPolicy"/> chooses from the customer's preferences and consents; actions the policy
/// refuses on every channel are reported apart.
/// </summary>
/// <remarks>
/// <para>Candidates and their urgency u in (0, 1] (score = weight × u, weights in <see cref="NextBestActionOptions"/>):</para>
/// <list type="bullet">
/// <item>Welcome: one purchase period, the first less than <c>WelcomePeriod</c> ago; u falls from 1 to 0.5 over the period.</item>
/// <item>Thank-you: two or more purchase periods, the last less than <c>ThankYouPeriod</c> ago; u from 1 to 0.5.</item>
/// <item>Cross-sell: a <see cref="CoPurchaseModel"/> and the customer's products give recommendations; u = the best confidence.</item>
/// <item>Replenishment: the next purchase is due (last purchase + mean inter-purchase time) within <c>ReplenishmentLead</c>,
/// or overdue by less than one rhythm; u = 1 once due, 0.5 to 1 during the lead.</item>
/// <item>Birthday: within <c>BirthdayWindowDays</c>; u = 1 − days / (window + 1).</item>
/// <item>Win-back: lifecycle stage lapsed (u = 1), at risk (0.6) or lost (0.4).</item>
/// <item>Service recovery: an unresolved complaint; u = 1 (purpose <c>service</c>, which the default policy exempts from marketing rules).</item>
/// <item>Ask for a review: last purchase between <c>ReviewDelay</c> and <c>ReviewPeriod</c> ago and no open complaint; u from 1 to 0.5.</item>
/// <item>Ask for a referral: loyalty stage advocate (u = 1) or partner (0.8) and no open complaint.</item>
/// </list>
/// <para>For each candidate the policy is asked once per purpose (<see cref="ContactPolicy.Decide"/> on
/// <see cref="NextBestActionOptions.RequestedChannel"/>): its <see cref="ContactDecision.BestChannel"/> is the action's
/// channel; without one the action is refused and goes to <see cref="NextBestActionResult.Refused"/> with the policy's reasons.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class NextBestActionEngine
{
    private readonly ContactPolicy _policy;
    private readonly NextBestActionOptions _options;
    private readonly Channel _requested;

    /// <summary>Creates an engine.</summary>
    /// <param name="policy">The contact policy that chooses channels and refuses contacts.</param>
    /// <param name="options">The rules and weights (copied); defaults when <see langword="null"/>.</param>
    /// <param name="coPurchases">Co-purchase statistics for cross-sell, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public NextBestActionEngine(ContactPolicy policy, NextBestActionOptions? options = null, CoPurchaseModel? coPurchases = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new NextBestActionOptions();
        options.ThrowIfInvalid();
        _policy = policy;
        _options = options.Clone();
        _requested = new Channel(_options.RequestedChannel);
        CoPurchases = coPurchases;
    }

    /// <summary>The co-purchase statistics used for cross-sell, if any.</summary>
    public CoPurchaseModel? CoPurchases { get; }

    /// <summary>Returns an engine with the same policy and options and other co-purchase statistics (after a nightly re-fit).</summary>
    /// <param name="coPurchases">The statistics, or <see langword="null"/> for none.</param>
    /// <returns>A new engine.</returns>
    public NextBestActionEngine WithCoPurchases(CoPurchaseModel? coPurchases) => new(_policy, _options, coPurchases);

    /// <summary>Decides the next best actions for one customer.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="context">The time and the customer's loyalty and lifecycle stages.</param>
    /// <param name="history">The customer's contact history (preferences, consents, engagement, recent contacts), as <see cref="ContactPolicy.LoadHistoryAsync"/> reads it.</param>
    /// <param name="products">The customer's products (for cross-sell), or <see langword="null"/>.</param>
    /// <returns>The allowed actions, ranked, and the refused ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> or <paramref name="context"/> is the default value, or the history belongs to another customer.</exception>
    public NextBestActionResult Decide(in LoyaltyState state, in LoyaltyContext context, ContactHistory history, IReadOnlyList<string>? products = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (state.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The state is the default value (no customer).", nameof(state));
        }

        if (context.AsOf == default)
        {
            throw new ArgumentException("The context is the default value (no time).", nameof(context));
        }

        if (history.CustomerId != state.CustomerId)
        {
            throw new ArgumentException($"The history belongs to customer '{history.CustomerId}', not '{state.CustomerId}'.", nameof(history));
        }

        DateTimeOffset at = context.AsOf;
        var candidates = new List<Candidate>(4);
        Collect(in state, in context, products, candidates);
        candidates.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Kind.CompareTo(b.Kind));

        var allowed = new List<NextBestAction>(candidates.Count);
        var refused = new List<NextBestAction>();
        Span<(ContactPurpose Purpose, ContactDecision? Decision)> cache = new (ContactPurpose, ContactDecision?)[4];
        int cached = 0;
        foreach (Candidate candidate in candidates)
        {
            ContactDecision? decision = null;
            for (int i = 0; i < cached; i++)
            {
                if (cache[i].Purpose == candidate.Purpose)
                {
                    decision = cache[i].Decision;
                    break;
                }
            }

            if (decision is null)
            {
                decision = _policy.Decide(history, _requested, candidate.Purpose, at);
                if (cached < cache.Length)
                {
                    cache[cached++] = (candidate.Purpose, decision);
                }
            }

            var action = new NextBestAction(candidate.Kind, candidate.Score, candidate.Reason, candidate.Purpose, decision, candidate.Products);
            if (decision.BestChannel is not null)
            {
                if (allowed.Count < _options.MaxActions)
                {
                    allowed.Add(action);
                }
            }
            else
            {
                refused.Add(action);
            }
        }

        return new NextBestActionResult(state.CustomerId, at, [.. allowed], [.. refused]);
    }

    private static string Days(TimeSpan span) => span.TotalDays.ToString("0", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Collect(in LoyaltyState state, in LoyaltyContext context, IReadOnlyList<string>? products, List<Candidate> candidates)
    {
        NextBestActionOptions o = _options;
        DateTimeOffset at = context.AsOf;
        TimeSpan? sinceFirst = state.TimeSinceFirstPurchase(at);
        TimeSpan? sinceLast = state.TimeSinceLastPurchase(at);

        if (state.PurchaseCount == 1 && sinceFirst is { } first && first >= TimeSpan.Zero && first < o.WelcomePeriod)
        {
            Add(candidates, NextBestActionKind.Welcome, o.WelcomeWeight, 1 - (0.5 * (first / o.WelcomePeriod)), ContactPurpose.Marketing, $"first purchase {Days(first)} days ago, on {Date(state.FirstPurchase!.Value)}");
        }

        if (state.PurchaseCount >= 2 && sinceLast is { } recent && recent >= TimeSpan.Zero && recent < o.ThankYouPeriod)
        {
            Add(candidates, NextBestActionKind.ThankYou, o.ThankYouWeight, 1 - (0.5 * (recent / o.ThankYouPeriod)), ContactPurpose.Marketing, $"repeat purchase ({state.PurchaseCount} purchase periods), the latest {Days(recent)} days ago");
        }

        if (CoPurchases is not null && products is { Count: > 0 } && o.CrossSellWeight > 0)
        {
            IReadOnlyList<ProductAssociation> offers = CoPurchases.Recommend(products, o.CrossSellCount);
            if (offers.Count > 0)
            {
                ProductAssociation best = offers[0];
                Add(candidates, NextBestActionKind.CrossSell, o.CrossSellWeight, best.Confidence, ContactPurpose.Marketing, string.Create(CultureInfo.InvariantCulture, $"'{best.Associated}' is often bought with '{best.Product}' ({best.Support} baskets, confidence {best.Confidence:0.##}, lift {best.Lift:0.##})"), offers);
            }
        }

        if (state.MeanInterPurchaseTime is { } rhythm && state.LastPurchase is { } last)
        {
            DateTimeOffset due = last + rhythm;
            TimeSpan untilDue = due - at;
            if (untilDue <= o.ReplenishmentLead && -untilDue < rhythm && at >= last)
            {
                double urgency = untilDue <= TimeSpan.Zero ? 1 : 1 - (0.5 * (untilDue / o.ReplenishmentLead));
                Add(candidates, NextBestActionKind.Replenishment, o.ReplenishmentWeight, urgency, ContactPurpose.Marketing, $"next purchase due on {Date(due)} (buys every {Days(rhythm)} days on average)");
            }
        }

        if (state.DaysUntilBirthday(at) is { } days && days <= o.BirthdayWindowDays)
        {
            Add(candidates, NextBestActionKind.Birthday, o.BirthdayWeight, 1 - ((double)days / (o.BirthdayWindowDays + 1)), ContactPurpose.Marketing, days == 0 ? "birthday today" : $"birthday in {days} days");
        }

        Stage lifecycle = context.LifecycleStage;
        double winBack = lifecycle == CustomerLifecycle.Lapsed ? 1.0 : lifecycle == CustomerLifecycle.AtRisk ? 0.6 : lifecycle == CustomerLifecycle.Lost ? 0.4 : 0;
        if (winBack > 0 && sinceLast is { } gone)
        {
            Add(candidates, NextBestActionKind.WinBack, o.WinBackWeight, winBack, ContactPurpose.Marketing, $"lifecycle stage {lifecycle}: last purchase {Days(gone)} days ago");
        }

        if (state.OpenComplaints > 0)
        {
            string latest = state.LastComplaint is { } complaint ? $", the latest on {Date(complaint)}" : string.Empty;
            Add(candidates, NextBestActionKind.ServiceRecovery, o.ServiceRecoveryWeight, 1, ContactPurpose.Service, $"{state.OpenComplaints} unresolved complaint(s){latest}");
        }

        if (state.OpenComplaints == 0 && sinceLast is { } used && used >= o.ReviewDelay && used < o.ReviewPeriod)
        {
            double span = (o.ReviewPeriod - o.ReviewDelay).Ticks;
            Add(candidates, NextBestActionKind.AskForReview, o.AskForReviewWeight, 1 - (0.5 * ((used - o.ReviewDelay).Ticks / span)), ContactPurpose.Survey, $"purchase {Days(used)} days ago, no open complaint");
        }

        Stage ladder = context.LoyaltyStage;
        double referral = ladder == LoyaltyLadder.Advocate ? 1.0 : ladder == LoyaltyLadder.Partner ? 0.8 : 0;
        if (referral > 0 && state.OpenComplaints == 0)
        {
            Add(candidates, NextBestActionKind.AskForReferral, o.AskForReferralWeight, referral, ContactPurpose.Marketing, $"loyalty stage {ladder} ({state.Referrals} referral(s) so far), no open complaint");
        }
    }

    private static void Add(List<Candidate> candidates, NextBestActionKind kind, double weight, double urgency, ContactPurpose purpose, string reason, IReadOnlyList<ProductAssociation>? products = null)
    {
        if (weight > 0)
        {
            candidates.Add(new Candidate(kind, weight * Math.Clamp(urgency, double.Epsilon, 1), purpose, reason, products ?? []));
        }
    }

    private readonly record struct Candidate(NextBestActionKind Kind, double Score, ContactPurpose Purpose, string Reason, IReadOnlyList<ProductAssociation> Products);
}
