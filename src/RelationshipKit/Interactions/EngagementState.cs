namespace RelationshipKit.Interactions;

/// <summary>The mutable fold behind <see cref="EngagementFeatures"/>: O(1) per interaction, no allocation per interaction once a channel is known.</summary>
/// <remarks>Not thread-safe: the owner serialises access.</remarks>
internal sealed class EngagementState
{
    /// <summary>How many well-known kinds there are (<see cref="InteractionKind.WellKnown"/>): the inline slots for their counts.</summary>
    internal const int WellKnownKindSlots = 19;

    private WellKnownKindStats _wellKnownKinds;
    private List<(InteractionKind Kind, KindStat Stat)>? _customKinds;
    private ChannelStat[] _channels = [];
    private int _channelCount;
    private long _count;
    private long _inbound;
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;
    private DateTimeOffset? _lastInbound;
    private DateTimeOffset? _lastOutbound;
    private long _complaints;
    private long _resolved;
    private DateTimeOffset? _lastComplaint;
    private long _ratingCount;
    private long _ratingSum;
    private long _sentimentCount;
    private double _sentimentSum;

    public long Count => _count;

    public void Add(Interaction interaction)
    {
        DateTimeOffset at = interaction.OccurredAt;
        _count++;
        if (_first is not { } first || at.UtcTicks < first.UtcTicks)
        {
            _first = at;
        }

        Max(ref _last, at);
        bool inbound = interaction.Direction == InteractionDirection.Inbound;
        if (inbound)
        {
            _inbound++;
            Max(ref _lastInbound, at);
        }
        else
        {
            Max(ref _lastOutbound, at);
        }

        InteractionKind kind = interaction.Kind;
        int k = kind.WellKnownIndex;
        if (k >= 0)
        {
            _wellKnownKinds[k].Add(at);
        }
        else
        {
            AddCustomKind(kind, at);
        }

        ChannelOf(interaction.Channel).Add(interaction, inbound, at);

        if (kind == InteractionKind.Complaint)
        {
            _complaints++;
            Max(ref _lastComplaint, at);
            if (string.Equals(interaction.Outcome, Interaction.ResolvedOutcome, StringComparison.Ordinal))
            {
                _resolved++;
            }
        }
        else if (kind == InteractionKind.ComplaintResolved && _resolved < _complaints)
        {
            _resolved++;
        }

        if (interaction.Rating is { } rating)
        {
            _ratingCount++;
            _ratingSum += rating;
        }

        if (interaction.Sentiment is { } sentiment)
        {
            _sentimentCount++;
            _sentimentSum += sentiment;
        }
    }

    public EngagementFeatures ToFeatures(CustomerId customerId)
    {
        var channels = new ChannelEngagement[_channelCount];
        for (int i = 0; i < _channelCount; i++)
        {
            channels[i] = _channels[i].ToEngagement();
        }

        Array.Sort(channels, static (a, b) => string.CompareOrdinal(a.Channel.Name, b.Channel.Name));
        var kinds = new List<KindEngagement>();
        for (int i = 0; i < InteractionKind.WellKnown.Count; i++)
        {
            if (_wellKnownKinds[i].Count > 0)
            {
                kinds.Add(new KindEngagement(InteractionKind.WellKnown[i], _wellKnownKinds[i].Count, _wellKnownKinds[i].Last));
            }
        }

        if (_customKinds is not null)
        {
            foreach ((InteractionKind kind, KindStat stat) in _customKinds)
            {
                kinds.Add(new KindEngagement(kind, stat.Count, stat.Last));
            }
        }

        KindEngagement[] kindArray = [.. kinds];
        Array.Sort(kindArray, static (a, b) => string.CompareOrdinal(a.Kind.Name, b.Kind.Name));
        return new EngagementFeatures(
            customerId,
            _count,
            _inbound,
            _first,
            _last,
            _lastInbound,
            _lastOutbound,
            channels,
            kindArray,
            _complaints,
            _resolved,
            _lastComplaint,
            _ratingCount,
            _ratingCount == 0 ? null : (double)_ratingSum / _ratingCount,
            _sentimentCount,
            _sentimentCount == 0 ? null : _sentimentSum / _sentimentCount);
    }

    private static void Max(ref DateTimeOffset? field, DateTimeOffset at)
    {
        if (field is not { } current || at.UtcTicks > current.UtcTicks)
        {
            field = at;
        }
    }

    private void AddCustomKind(InteractionKind kind, DateTimeOffset at)
    {
        _customKinds ??= [];
        for (int i = 0; i < _customKinds.Count; i++)
        {
            if (_customKinds[i].Kind == kind)
            {
                KindStat stat = _customKinds[i].Stat;
                stat.Add(at);
                _customKinds[i] = (kind, stat);
                return;
            }
        }

        var added = default(KindStat);
        added.Add(at);
        _customKinds.Add((kind, added));
    }

    private ref ChannelStat ChannelOf(Channel channel)
    {
        ChannelStat[] channels = _channels;
        for (int i = 0; i < _channelCount; i++)
        {
            if (channels[i].Channel == channel)
            {
                return ref channels[i];
            }
        }

        if (_channelCount == channels.Length)
        {
            Array.Resize(ref _channels, Math.Max(2, channels.Length * 2));
        }

        _channels[_channelCount] = new ChannelStat(channel);
        return ref _channels[_channelCount++];
    }

    private struct KindStat
    {
        public long Count;
        public DateTimeOffset Last;

        public void Add(DateTimeOffset at)
        {
            if (Count == 0 || at.UtcTicks > Last.UtcTicks)
            {
                Last = at;
            }

            Count++;
        }
    }

    /// <summary>The counts of the well-known kinds, inline in the state (one object per customer, not two).</summary>
    [System.Runtime.CompilerServices.InlineArray(WellKnownKindSlots)]
    private struct WellKnownKindStats
    {
        private KindStat _first;
    }

    /// <summary>One channel's counts, kept by value in the state's array of channels.</summary>
    private struct ChannelStat(Channel channel)
    {
        private long _count;
        private long _inbound;
        private DateTimeOffset _last;
        private long _sent;
        private long _delivered;
        private long _opened;
        private long _clicked;
        private long _responded;
        private long _unsubscribed;
        private DateTimeOffset? _lastUnsubscribed;
        private long _signals;
        private DateTimeOffset? _lastSignal;

        public Channel Channel { get; } = channel;

        public void Add(Interaction interaction, bool inbound, DateTimeOffset at)
        {
            if (_count == 0 || at.UtcTicks > _last.UtcTicks)
            {
                _last = at;
            }

            _count++;
            if (inbound)
            {
                _inbound++;
            }

            InteractionKind kind = interaction.Kind;
            bool signal = inbound;
            if (kind == InteractionKind.CampaignSent)
            {
                _sent++;
            }
            else if (kind == InteractionKind.CampaignDelivered)
            {
                _delivered++;
            }
            else if (kind == InteractionKind.CampaignOpened)
            {
                _opened++;
                signal = false;
            }
            else if (kind == InteractionKind.CampaignClicked)
            {
                _clicked++;
                signal = true;
            }
            else if (kind == InteractionKind.CampaignResponded)
            {
                _responded++;
                signal = true;
            }
            else if (kind == InteractionKind.CampaignUnsubscribed)
            {
                _unsubscribed++;
                Max(ref _lastUnsubscribed, at);
                signal = false;
            }
            else if (kind == InteractionKind.Complaint)
            {
                signal = false;
            }

            if (signal)
            {
                _signals++;
                Max(ref _lastSignal, at);
            }
        }

        public readonly ChannelEngagement ToEngagement() =>
            new(Channel, _count, _inbound, _last, _sent, _delivered, _opened, _clicked, _responded, _unsubscribed, _lastUnsubscribed, _signals, _lastSignal);
    }
}
