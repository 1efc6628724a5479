namespace RelationshipKit.Interactions;

/// <summary>
/// Features of one customer's engagement derived from their interaction history: counts and latest times per channel
/// and kind, response and click rates per channel, complaint and resolution rates, ratings and sentiment, and the
/// time of the last contact. Scoring strategies and loyalty rules read them as features.
/// </summary>
/// <remarks>
/// <para>Features are folded one interaction at a time in O(1) (see <see cref="FromHistory"/>); the in-memory store
/// keeps them up to date as it appends. Arrival order does not matter except for complaint resolution.</para>
/// <para><b>Complaints.</b> A <c>complaint</c> recorded with outcome <c>resolved</c>
/// (<see cref="Interaction.ResolvedOutcome"/>) is resolved at once; any other complaint stays open until a
/// <c>complaintResolved</c> interaction closes it (each closes the oldest open complaint; one with no open
/// complaint is ignored). <see cref="ComplaintRate"/> = complaints / interactions;
/// <see cref="ResolutionRate"/> = resolved complaints / complaints.</para>
/// <para><b>Contact.</b> Any interaction, inbound or outbound, is a contact: <see cref="LastContactAt"/> is the
/// latest <see cref="Interaction.OccurredAt"/> of all.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class EngagementFeatures
{
    internal EngagementFeatures(
        CustomerId customerId,
        long interactionCount,
        long inboundCount,
        DateTimeOffset? firstContactAt,
        DateTimeOffset? lastContactAt,
        DateTimeOffset? lastInboundAt,
        DateTimeOffset? lastOutboundAt,
        ChannelEngagement[] channels,
        KindEngagement[] kinds,
        long complaintCount,
        long resolvedComplaintCount,
        DateTimeOffset? lastComplaintAt,
        long ratingCount,
        double? averageRating,
        long sentimentCount,
        double? averageSentiment)
    {
        CustomerId = customerId;
        InteractionCount = interactionCount;
        InboundCount = inboundCount;
        FirstContactAt = firstContactAt;
        LastContactAt = lastContactAt;
        LastInboundAt = lastInboundAt;
        LastOutboundAt = lastOutboundAt;
        Channels = channels;
        Kinds = kinds;
        ComplaintCount = complaintCount;
        ResolvedComplaintCount = resolvedComplaintCount;
        LastComplaintAt = lastComplaintAt;
        RatingCount = ratingCount;
        AverageRating = averageRating;
        SentimentCount = sentimentCount;
        AverageSentiment = averageSentiment;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>How many interactions the history holds.</summary>
    public long InteractionCount { get; }

    /// <summary>How many of them were inbound.</summary>
    public long InboundCount { get; }

    /// <summary>How many of them were outbound.</summary>
    public long OutboundCount => InteractionCount - InboundCount;

    /// <summary>The earliest interaction time, if any.</summary>
    public DateTimeOffset? FirstContactAt { get; }

    /// <summary>The latest interaction time in either direction, if any.</summary>
    public DateTimeOffset? LastContactAt { get; }

    /// <summary>The latest inbound interaction time, if any.</summary>
    public DateTimeOffset? LastInboundAt { get; }

    /// <summary>The latest outbound interaction time, if any.</summary>
    public DateTimeOffset? LastOutboundAt { get; }

    /// <summary>Engagement per channel, ordered by channel name.</summary>
    public IReadOnlyList<ChannelEngagement> Channels { get; }

    /// <summary>Counts and latest times per kind, ordered by kind name.</summary>
    public IReadOnlyList<KindEngagement> Kinds { get; }

    /// <summary>How many complaints were made.</summary>
    public long ComplaintCount { get; }

    /// <summary>How many complaints were resolved.</summary>
    public long ResolvedComplaintCount { get; }

    /// <summary>How many complaints are still open.</summary>
    public long OpenComplaintCount => ComplaintCount - ResolvedComplaintCount;

    /// <summary>The latest complaint time, if any.</summary>
    public DateTimeOffset? LastComplaintAt { get; }

    /// <summary>Complaints / interactions; <see langword="null"/> when there are no interactions.</summary>
    public double? ComplaintRate => InteractionCount == 0 ? null : (double)ComplaintCount / InteractionCount;

    /// <summary>Resolved complaints / complaints; <see langword="null"/> when there are no complaints.</summary>
    public double? ResolutionRate => ComplaintCount == 0 ? null : (double)ResolvedComplaintCount / ComplaintCount;

    /// <summary>How many interactions carried a rating.</summary>
    public long RatingCount { get; }

    /// <summary>The mean rating (0-10 scale), if any rating was given.</summary>
    public double? AverageRating { get; }

    /// <summary>How many interactions carried a sentiment.</summary>
    public long SentimentCount { get; }

    /// <summary>The mean sentiment (-1 to 1), if any was given.</summary>
    public double? AverageSentiment { get; }

    /// <summary>Builds the features of one customer from their interactions, folding each in O(1).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="history">The customer's interactions, in append order.</param>
    /// <returns>The features.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value, or an interaction belongs to another customer or is null.</exception>
    public static EngagementFeatures FromHistory(CustomerId customerId, IEnumerable<Interaction> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        var state = new EngagementState();
        foreach (Interaction interaction in history)
        {
            if (interaction is null)
            {
                throw new ArgumentException("The history holds a null interaction.", nameof(history));
            }

            if (interaction.CustomerId != customerId)
            {
                throw new ArgumentException($"Interaction '{interaction.Id}' belongs to customer '{interaction.CustomerId}', not '{customerId}'.", nameof(history));
            }

            state.Add(interaction);
        }

        return state.ToFeatures(customerId);
    }

    /// <summary>The engagement on one channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The channel's engagement, or <see langword="null"/> when the customer has no interaction on it.</returns>
    public ChannelEngagement? GetChannel(Channel channel)
    {
        foreach (ChannelEngagement c in Channels)
        {
            if (c.Channel == channel)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>How many interactions of one kind the history holds.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count; 0 when none.</returns>
    public long CountOf(InteractionKind kind)
    {
        foreach (KindEngagement k in Kinds)
        {
            if (k.Kind == kind)
            {
                return k.Count;
            }
        }

        return 0;
    }

    /// <summary>The latest time of an interaction of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The time, or <see langword="null"/> when none.</returns>
    public DateTimeOffset? LastAtOf(InteractionKind kind)
    {
        foreach (KindEngagement k in Kinds)
        {
            if (k.Kind == kind)
            {
                return k.LastAt;
            }
        }

        return null;
    }

    /// <summary>The time from the last contact (either direction) to <paramref name="asOf"/>.</summary>
    /// <param name="asOf">The time to measure to.</param>
    /// <returns>The elapsed time (negative when the last contact is after <paramref name="asOf"/>), or <see langword="null"/> when there was no contact.</returns>
    public TimeSpan? TimeSinceLastContact(DateTimeOffset asOf) => LastContactAt is { } last ? asOf - last : null;

    /// <summary>
    /// Infers the channel the customer prefers from what they did: the channel with the most signals (see
    /// <see cref="ChannelEngagement"/>), at least <paramref name="minimumSignals"/>, ties going to the more recent
    /// signal and then to the channel name; a channel unsubscribed after its last signal is skipped.
    /// </summary>
    /// <param name="minimumSignals">The fewest signals a channel needs; 1 or more.</param>
    /// <returns>The inferred channel, or <see langword="null"/> when no channel qualifies.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumSignals"/> is less than 1.</exception>
    public Channel? InferPreferredChannel(int minimumSignals = ContactPolicyOptions.DefaultMinimumSignalsToInferChannel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSignals, 1);
        ChannelEngagement? best = null;
        foreach (ChannelEngagement c in Channels)
        {
            if (c.Signals < minimumSignals || c.LastSignalAt is not { } lastSignal)
            {
                continue;
            }

            if (c.LastUnsubscribedAt is { } unsubscribed && unsubscribed.UtcTicks >= lastSignal.UtcTicks)
            {
                continue;
            }

            if (best is null
                || c.Signals > best.Signals
                || (c.Signals == best.Signals && lastSignal.UtcTicks > best.LastSignalAt!.Value.UtcTicks))
            {
                best = c;
            }
        }

        return best?.Channel;
    }
}
