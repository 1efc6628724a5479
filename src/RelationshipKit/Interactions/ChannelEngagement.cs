namespace RelationshipKit.Interactions;

/// <summary>A customer's engagement on one channel: counts, campaign funnel, signals and rates.</summary>
/// <remarks>
/// <para><b>Reach and rates.</b> <see cref="Reached"/> is the number of campaign messages delivered on the channel
/// (<c>campaignDelivered</c>) when any delivery was recorded, otherwise the number sent (<c>campaignSent</c>): hosts
/// that log delivery receipts get the rate over delivered messages, the others over sent ones.
/// <see cref="ResponseRate"/> = <see cref="Responded"/> / <see cref="Reached"/> and <see cref="ClickRate"/> =
/// <see cref="Clicked"/> / <see cref="Reached"/>, each capped at 1 (inconsistent logs can otherwise exceed it) and
/// <see langword="null"/> when nothing reached the customer.</para>
/// <para><b>Signals.</b> A signal is something the customer did on the channel: an inbound interaction, or a
/// <c>campaignClicked</c> or <c>campaignResponded</c> in either direction; <c>campaignOpened</c> (unreliable with
/// privacy proxies), <c>campaignUnsubscribed</c> and <c>complaint</c> are not signals. Signals drive the inferred
/// preferred channel (see <see cref="EngagementFeatures.InferPreferredChannel"/>).</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class ChannelEngagement
{
    internal ChannelEngagement(
        Channel channel,
        long count,
        long inboundCount,
        DateTimeOffset lastAt,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long responded,
        long unsubscribed,
        DateTimeOffset? lastUnsubscribedAt,
        long signals,
        DateTimeOffset? lastSignalAt)
    {
        Channel = channel;
        Count = count;
        InboundCount = inboundCount;
        LastAt = lastAt;
        Sent = sent;
        Delivered = delivered;
        Opened = opened;
        Clicked = clicked;
        Responded = responded;
        Unsubscribed = unsubscribed;
        LastUnsubscribedAt = lastUnsubscribedAt;
        Signals = signals;
        LastSignalAt = lastSignalAt;
    }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>How many interactions took place on the channel.</summary>
    public long Count { get; }

    /// <summary>How many of them were inbound.</summary>
    public long InboundCount { get; }

    /// <summary>How many of them were outbound.</summary>
    public long OutboundCount => Count - InboundCount;

    /// <summary>The latest interaction time on the channel.</summary>
    public DateTimeOffset LastAt { get; }

    /// <summary>Campaign messages sent on the channel.</summary>
    public long Sent { get; }

    /// <summary>Campaign messages delivered on the channel.</summary>
    public long Delivered { get; }

    /// <summary>Campaign messages opened on the channel.</summary>
    public long Opened { get; }

    /// <summary>Campaign clicks on the channel.</summary>
    public long Clicked { get; }

    /// <summary>Campaign responses on the channel.</summary>
    public long Responded { get; }

    /// <summary>Unsubscriptions on the channel.</summary>
    public long Unsubscribed { get; }

    /// <summary>The latest unsubscription on the channel, if any.</summary>
    public DateTimeOffset? LastUnsubscribedAt { get; }

    /// <summary>How many customer signals the channel carried (see the remarks).</summary>
    public long Signals { get; }

    /// <summary>The latest signal on the channel, if any.</summary>
    public DateTimeOffset? LastSignalAt { get; }

    /// <summary>The campaign messages that reached the customer: <see cref="Delivered"/> when any were recorded, else <see cref="Sent"/>.</summary>
    public long Reached => Delivered > 0 ? Delivered : Sent;

    /// <summary><see cref="Responded"/> / <see cref="Reached"/>, capped at 1; <see langword="null"/> when <see cref="Reached"/> is 0.</summary>
    public double? ResponseRate => Rate(Responded);

    /// <summary><see cref="Clicked"/> / <see cref="Reached"/>, capped at 1; <see langword="null"/> when <see cref="Reached"/> is 0.</summary>
    public double? ClickRate => Rate(Clicked);

    private double? Rate(long numerator)
    {
        long reached = Reached;
        return reached == 0 ? null : Math.Min(1d, (double)numerator / reached);
    }
}
