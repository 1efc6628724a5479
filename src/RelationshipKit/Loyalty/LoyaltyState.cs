using RelationshipKit.Differentiation;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Summaries;

namespace RelationshipKit.Loyalty;

/// <summary>
/// A snapshot of one customer that loyalty rules read: purchase figures from the <see cref="CustomerSummary"/>, scores
/// from the <see cref="CustomerValue"/>, engagement figures from the interaction history, and profile bits for segments.
/// The host stores it (or rebuilds it) and hands it to <see cref="StageModel.Assign(in LoyaltyState, in StageContext)"/>,
/// <see cref="SegmentSet.Evaluate(in LoyaltyState, in LoyaltyContext)"/> and <see cref="NextBestActionEngine.Decide"/>.
/// </summary>
/// <remarks>
/// <para>A value type with no collections: a span of states re-stages a population with no allocation. Times are kept
/// as UTC; durations to a time use <see cref="DateTimeOffset.UtcTicks"/>.</para>
/// <para>Build it with the constructor (every figure optional) or with <see cref="Create"/> from the library's own
/// types. Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct LoyaltyState
{
    private readonly long _firstPurchaseTicks;
    private readonly long _lastPurchaseTicks;
    private readonly long _meanInterPurchaseTicks;
    private readonly long _lastComplaintTicks;
    private readonly double _probabilityAlive;
    private readonly double _lifetimeValue;
    private readonly int _birthDayNumber;

    /// <summary>Creates a state, checking every figure.</summary>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="purchaseCount">Purchase periods so far (x + 1 of the summary; 0 for a prospect); 0 or more.</param>
    /// <param name="firstPurchase">The first purchase; required when <paramref name="purchaseCount"/> is more than 0.</param>
    /// <param name="lastPurchase">The last purchase; required when <paramref name="purchaseCount"/> is more than 0; not before the first.</param>
    /// <param name="meanInterPurchaseTime">The customer's mean time between purchase periods (t_x / x), positive; <see langword="null"/> with fewer than two periods.</param>
    /// <param name="totalSpend">Net spend so far.</param>
    /// <param name="probabilityAlive">P(alive) from a fitted model, in [0, 1], or <see langword="null"/>.</param>
    /// <param name="lifetimeValue">Customer lifetime value from a fitted model (finite), or <see langword="null"/>.</param>
    /// <param name="rfm">RFM cells, or <see langword="null"/>.</param>
    /// <param name="rfmSegment">The RFM segment name, or <see langword="null"/>.</param>
    /// <param name="tier">The value tier name, or <see langword="null"/>.</param>
    /// <param name="positiveOpinions">Opinions and reviews judged positive; 0 or more.</param>
    /// <param name="referrals">Referrals made; 0 or more.</param>
    /// <param name="coCreations">Co-creation contributions (suggestions and the like); 0 or more.</param>
    /// <param name="openComplaints">Complaints not yet resolved; 0 or more.</param>
    /// <param name="resolvedComplaints">Complaints resolved; 0 or more.</param>
    /// <param name="lastComplaint">The latest complaint, or <see langword="null"/>.</param>
    /// <param name="isPartner">Whether the host flags the customer as a partner (co-designer, ambassador, host of events).</param>
    /// <param name="birthDate">The birth date, or <see langword="null"/>.</param>
    /// <param name="locality">The city or town, or <see langword="null"/>.</param>
    /// <param name="region">The region, or <see langword="null"/>.</param>
    /// <param name="householdId">The host's household key, or <see langword="null"/>.</param>
    /// <param name="favouriteCategory">The category the customer buys most, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A figure is out of range or inconsistent; the exception names the parameter.</exception>
    public LoyaltyState(
        CustomerId customerId,
        int purchaseCount = 0,
        DateTimeOffset? firstPurchase = null,
        DateTimeOffset? lastPurchase = null,
        TimeSpan? meanInterPurchaseTime = null,
        decimal totalSpend = 0m,
        double? probabilityAlive = null,
        double? lifetimeValue = null,
        RfmScore? rfm = null,
        string? rfmSegment = null,
        string? tier = null,
        int positiveOpinions = 0,
        int referrals = 0,
        int coCreations = 0,
        int openComplaints = 0,
        int resolvedComplaints = 0,
        DateTimeOffset? lastComplaint = null,
        bool isPartner = false,
        DateOnly? birthDate = null,
        string? locality = null,
        string? region = null,
        string? householdId = null,
        string? favouriteCategory = null)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(purchaseCount);
        ArgumentOutOfRangeException.ThrowIfNegative(positiveOpinions);
        ArgumentOutOfRangeException.ThrowIfNegative(referrals);
        ArgumentOutOfRangeException.ThrowIfNegative(coCreations);
        ArgumentOutOfRangeException.ThrowIfNegative(openComplaints);
        ArgumentOutOfRangeException.ThrowIfNegative(resolvedComplaints);
        if (purchaseCount > 0)
        {
            if (firstPurchase is not { } first || first == default)
            {
                throw new ArgumentException("A customer with purchases needs the time of the first purchase.", nameof(firstPurchase));
            }

            if (lastPurchase is not { } last || last == default)
            {
                throw new ArgumentException("A customer with purchases needs the time of the last purchase.", nameof(lastPurchase));
            }

            if (last.UtcTicks < first.UtcTicks)
            {
                throw new ArgumentException($"The last purchase ({last:O}) is before the first ({first:O}).", nameof(lastPurchase));
            }
        }
        else if (firstPurchase is not null || lastPurchase is not null || meanInterPurchaseTime is not null)
        {
            throw new ArgumentException("A customer without purchases has no purchase times or rhythm.", firstPurchase is not null ? nameof(firstPurchase) : lastPurchase is not null ? nameof(lastPurchase) : nameof(meanInterPurchaseTime));
        }

        if (meanInterPurchaseTime is { } mean && mean <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(meanInterPurchaseTime), mean, "The mean inter-purchase time must be positive.");
        }

        if (probabilityAlive is { } p && !(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), p, "P(alive) must be in [0, 1].");
        }

        if (lifetimeValue is { } v && !double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetimeValue), v, "The lifetime value must be finite.");
        }

        if (lastComplaint is { } complaint && complaint == default)
        {
            throw new ArgumentException("The complaint time is the default value.", nameof(lastComplaint));
        }

        CustomerId = customerId;
        PurchaseCount = purchaseCount;
        _firstPurchaseTicks = firstPurchase?.UtcTicks ?? 0;
        _lastPurchaseTicks = lastPurchase?.UtcTicks ?? 0;
        _meanInterPurchaseTicks = meanInterPurchaseTime?.Ticks ?? 0;
        TotalSpend = totalSpend;
        _probabilityAlive = probabilityAlive ?? double.NaN;
        _lifetimeValue = lifetimeValue ?? double.NaN;
        Rfm = rfm;
        RfmSegment = rfmSegment;
        Tier = tier;
        PositiveOpinions = positiveOpinions;
        Referrals = referrals;
        CoCreations = coCreations;
        OpenComplaints = openComplaints;
        ResolvedComplaints = resolvedComplaints;
        _lastComplaintTicks = lastComplaint?.UtcTicks ?? 0;
        IsPartner = isPartner;
        _birthDayNumber = birthDate is { } b ? b.DayNumber + 1 : 0;
        Locality = locality;
        Region = region;
        HouseholdId = householdId;
        FavouriteCategory = favouriteCategory;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>Purchase periods so far (0 for a prospect).</summary>
    public int PurchaseCount { get; }

    /// <summary>Whether the customer has bought at least once.</summary>
    public bool HasPurchased => PurchaseCount > 0;

    /// <summary>The first purchase, in UTC; <see langword="null"/> for a prospect.</summary>
    public DateTimeOffset? FirstPurchase => _firstPurchaseTicks == 0 ? null : new DateTimeOffset(_firstPurchaseTicks, TimeSpan.Zero);

    /// <summary>The last purchase, in UTC; <see langword="null"/> for a prospect.</summary>
    public DateTimeOffset? LastPurchase => _lastPurchaseTicks == 0 ? null : new DateTimeOffset(_lastPurchaseTicks, TimeSpan.Zero);

    /// <summary>The customer's mean time between purchase periods; <see langword="null"/> with fewer than two periods.</summary>
    public TimeSpan? MeanInterPurchaseTime => _meanInterPurchaseTicks == 0 ? null : TimeSpan.FromTicks(_meanInterPurchaseTicks);

    /// <summary>Net spend so far.</summary>
    public decimal TotalSpend { get; }

    /// <summary>P(alive) from a fitted model, when known.</summary>
    public double? ProbabilityAlive => double.IsNaN(_probabilityAlive) ? null : _probabilityAlive;

    /// <summary>Customer lifetime value from a fitted model, when known.</summary>
    public double? LifetimeValue => double.IsNaN(_lifetimeValue) ? null : _lifetimeValue;

    /// <summary>RFM cells, when scored.</summary>
    public RfmScore? Rfm { get; }

    /// <summary>The RFM segment name, when scored.</summary>
    public string? RfmSegment { get; }

    /// <summary>The value tier name, when scored.</summary>
    public string? Tier { get; }

    /// <summary>Opinions and reviews judged positive.</summary>
    public int PositiveOpinions { get; }

    /// <summary>Referrals made.</summary>
    public int Referrals { get; }

    /// <summary>Co-creation contributions (suggestions and the like).</summary>
    public int CoCreations { get; }

    /// <summary>Complaints not yet resolved.</summary>
    public int OpenComplaints { get; }

    /// <summary>Complaints resolved.</summary>
    public int ResolvedComplaints { get; }

    /// <summary>The latest complaint, in UTC, when any.</summary>
    public DateTimeOffset? LastComplaint => _lastComplaintTicks == 0 ? null : new DateTimeOffset(_lastComplaintTicks, TimeSpan.Zero);

    /// <summary>Whether the host flags the customer as a partner.</summary>
    public bool IsPartner { get; }

    /// <summary>The birth date, when known.</summary>
    public DateOnly? BirthDate => _birthDayNumber == 0 ? null : DateOnly.FromDayNumber(_birthDayNumber - 1);

    /// <summary>The city or town, when known.</summary>
    public string? Locality { get; }

    /// <summary>The region, when known.</summary>
    public string? Region { get; }

    /// <summary>The host's household key, when known.</summary>
    public string? HouseholdId { get; }

    /// <summary>The category the customer buys most, when known.</summary>
    public string? FavouriteCategory { get; }

    /// <summary>The time from the last purchase to <paramref name="asOf"/> (negative when the purchase is later).</summary>
    /// <param name="asOf">The time to measure to.</param>
    /// <returns>The elapsed time, or <see langword="null"/> for a prospect.</returns>
    public TimeSpan? TimeSinceLastPurchase(DateTimeOffset asOf) => _lastPurchaseTicks == 0 ? null : TimeSpan.FromTicks(asOf.UtcTicks - _lastPurchaseTicks);

    /// <summary>The time from the first purchase to <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The time to measure to.</param>
    /// <returns>The elapsed time, or <see langword="null"/> for a prospect.</returns>
    public TimeSpan? TimeSinceFirstPurchase(DateTimeOffset asOf) => _firstPurchaseTicks == 0 ? null : TimeSpan.FromTicks(asOf.UtcTicks - _firstPurchaseTicks);

    /// <summary>
    /// How many whole days from the date of <paramref name="asOf"/> (in its own offset) to the customer's next birthday
    /// (0 on the birthday; a 29 February birthday falls on 28 February in other years).
    /// </summary>
    /// <param name="asOf">The time to count from.</param>
    /// <returns>Days from 0 to 365, or <see langword="null"/> when the birth date is unknown.</returns>
    public int? DaysUntilBirthday(DateTimeOffset asOf)
    {
        if (_birthDayNumber == 0)
        {
            return null;
        }

        DateOnly birth = DateOnly.FromDayNumber(_birthDayNumber - 1);
        DateOnly today = DateOnly.FromDateTime(asOf.DateTime);
        DateOnly next = BirthdayIn(birth, today.Year);
        if (next < today)
        {
            next = BirthdayIn(birth, today.Year + 1);
        }

        return next.DayNumber - today.DayNumber;
    }

    internal long LastPurchaseTicks => _lastPurchaseTicks;

    internal long FirstPurchaseTicks => _firstPurchaseTicks;

    internal long MeanInterPurchaseTicks => _meanInterPurchaseTicks;

    internal double ProbabilityAliveOrNaN => _probabilityAlive;

    /// <summary>
    /// Builds a state from the library's own types: the purchase summary (built from transactions, so that it carries
    /// <see cref="CustomerSummary.History"/>), the scores, the interaction history and the golden profile.
    /// </summary>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="summary">The customer's summary, or <see langword="null"/> for a prospect. It must carry its purchase history and belong to the customer.</param>
    /// <param name="value">The customer's scores, or <see langword="null"/>.</param>
    /// <param name="interactions">The customer's interactions (any order), or <see langword="null"/>.</param>
    /// <param name="profile">The customer's golden profile (birth date, locality, region), or <see langword="null"/>.</param>
    /// <param name="options">How interactions are read; defaults when <see langword="null"/>.</param>
    /// <param name="isPartner">Whether the host flags the customer as a partner.</param>
    /// <param name="householdId">The host's household key, or <see langword="null"/>.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentException">The customer id is the default value; the summary, scores or an interaction belong to another customer; the summary has no purchase history.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    /// <remarks>
    /// <para>Purchase count = x + 1 purchase periods; the rhythm is t_x / x in the summary's time unit (none when x = 0).</para>
    /// <para>An <c>opinion</c> or <c>review</c> is positive when its rating is at least
    /// <see cref="LoyaltyStateOptions.PositiveRating"/> or, without a rating, its sentiment is at least
    /// <see cref="LoyaltyStateOptions.PositiveSentiment"/>. Referrals are <c>referral</c> interactions; co-creations
    /// are interactions of a kind in <see cref="LoyaltyStateOptions.CoCreationKinds"/>. Complaints open and resolved
    /// follow <see cref="EngagementFeatures"/>. The favourite category is the most frequent value of the attribute
    /// <see cref="LoyaltyStateOptions.CategoryAttribute"/> on purchases (ties to the ordinal-first name).</para>
    /// <para>A profile birth date that is not an ISO date (yyyy-MM-dd) is ignored.</para>
    /// </remarks>
    public static LoyaltyState Create(
        CustomerId customerId,
        CustomerSummary? summary = null,
        CustomerValue? value = null,
        IEnumerable<Interaction>? interactions = null,
        GoldenProfile? profile = null,
        LoyaltyStateOptions? options = null,
        bool isPartner = false,
        string? householdId = null)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        options ??= new LoyaltyStateOptions();
        options.ThrowIfInvalid();
        int purchaseCount = 0;
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        TimeSpan? rhythm = null;
        decimal spend = 0m;
        if (summary is not null)
        {
            if (summary.CustomerId != customerId)
            {
                throw new ArgumentException($"The summary belongs to customer '{summary.CustomerId}', not '{customerId}'.", nameof(summary));
            }

            if (summary.History is not { } history)
            {
                throw new ArgumentException("The summary has no purchase history: build it from transactions (CustomerSummaryBuilder or CustomerSummaryAccumulator).", nameof(summary));
            }

            purchaseCount = summary.Frequency + 1;
            first = history.FirstPurchase;
            last = history.LastPurchase;
            spend = history.TotalSpend;
            if (summary.Frequency > 0 && summary.Recency > 0)
            {
                rhythm = summary.TimeUnit.ToTimeSpan(summary.Recency / summary.Frequency);
            }
        }

        if (value is { } v && v.CustomerId != customerId && !v.CustomerId.IsEmpty)
        {
            throw new ArgumentException($"The scores belong to customer '{v.CustomerId}', not '{customerId}'.", nameof(value));
        }

        int positive = 0;
        int referrals = 0;
        int coCreations = 0;
        int open = 0;
        int resolved = 0;
        DateTimeOffset? lastComplaint = null;
        string? favourite = null;
        if (interactions is not null)
        {
            var list = new List<Interaction>();
            var coKinds = new HashSet<string>(options.CoCreationKinds, StringComparer.Ordinal);
            var categories = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (Interaction interaction in interactions)
            {
                if (interaction is null)
                {
                    throw new ArgumentException("The interactions hold a null.", nameof(interactions));
                }

                if (interaction.CustomerId != customerId)
                {
                    throw new ArgumentException($"Interaction '{interaction.Id}' belongs to customer '{interaction.CustomerId}', not '{customerId}'.", nameof(interactions));
                }

                list.Add(interaction);
                InteractionKind kind = interaction.Kind;
                if ((kind == InteractionKind.Opinion || kind == InteractionKind.Review) && IsPositive(interaction, options))
                {
                    positive++;
                }
                else if (kind == InteractionKind.Referral)
                {
                    referrals++;
                }

                if (coKinds.Contains(kind.Name))
                {
                    coCreations++;
                }

                if (kind == InteractionKind.Purchase && interaction.Attributes.TryGetValue(options.CategoryAttribute, out string? category) && !string.IsNullOrWhiteSpace(category))
                {
                    categories[category] = categories.GetValueOrDefault(category) + 1;
                }
            }

            if (list.Count > 0)
            {
                list.Sort(static (a, b) => a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks));
                EngagementFeatures engagement = EngagementFeatures.FromHistory(customerId, list);
                open = (int)Math.Min(int.MaxValue, engagement.OpenComplaintCount);
                resolved = (int)Math.Min(int.MaxValue, engagement.ResolvedComplaintCount);
                lastComplaint = engagement.LastComplaintAt;
            }

            int best = 0;
            foreach ((string name, int count) in categories)
            {
                if (count > best || (count == best && string.CompareOrdinal(name, favourite) < 0))
                {
                    best = count;
                    favourite = name;
                }
            }
        }

        DateOnly? birthDate = null;
        if (profile?[IdentityField.BirthDate] is { } birth
            && DateOnly.TryParseExact(birth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly parsed))
        {
            birthDate = parsed;
        }

        return new LoyaltyState(
            customerId,
            purchaseCount,
            first,
            last,
            rhythm,
            spend,
            value?.ProbabilityAlive,
            value?.LifetimeValue,
            value?.Rfm,
            value?.Segment,
            value?.Tier,
            positive,
            referrals,
            coCreations,
            open,
            resolved,
            lastComplaint,
            isPartner,
            birthDate,
            profile?[IdentityField.Locality],
            profile?[IdentityField.Region],
            householdId,
            favourite);
    }

    private static bool IsPositive(Interaction interaction, LoyaltyStateOptions options) =>
        interaction.Rating is { } rating
            ? rating >= options.PositiveRating
            : interaction.Sentiment is { } sentiment && sentiment >= options.PositiveSentiment;

    private static DateOnly BirthdayIn(DateOnly birth, int year) =>
        birth.Month == 2 && birth.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, birth.Month, birth.Day);
}
