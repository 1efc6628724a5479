using System.Buffers;
using System.Globalization;

namespace RelationshipKit.Interactions;

/// <summary>
/// Decides whether a customer may be contacted on a channel, for a purpose, at a time: do-not-contact, consent,
/// frequency caps, quiet hours and the complaint cool-down (see <see cref="ContactPolicyOptions"/>), with every
/// reason against and the best channel that is allowed.
/// </summary>
/// <remarks>
/// <para><see cref="DecideAsync"/> reads the customer's preferences, engagement and recent outbound interactions from
/// the stores; <see cref="Decide"/> works on a <see cref="ContactHistory"/> the caller supplies (no I/O), so a host can
/// ask about several channels with one read (<see cref="LoadHistoryAsync"/>).</para>
/// <para>The customer's preferred channel is the first stated one; without one it is inferred from engagement
/// (<see cref="EngagementFeatures.InferPreferredChannel"/> with
/// <see cref="ContactPolicyOptions.MinimumSignalsToInferChannel"/>).</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public sealed class ContactPolicy
{
    private readonly IInteractionStore _interactions;
    private readonly IContactPreferenceStore _preferences;
    private readonly TimeProvider _timeProvider;
    private readonly bool _requireConsent;
    private readonly HashSet<ContactPurpose> _exemptPurposes;
    private readonly HashSet<Channel> _quietChannels;
    private readonly HashSet<InteractionKind> _uncountedKinds;
    private readonly Cap[] _caps;
    private readonly TimeOnly _quietStart;
    private readonly TimeOnly _quietEnd;
    private readonly TimeZoneInfo _defaultZone;
    private readonly TimeSpan _coolDown;
    private readonly int _minimumSignals;
    private readonly TimeSpan _longestWindow;

    /// <summary>Creates a policy over the given stores.</summary>
    /// <param name="interactions">Where interactions are read from.</param>
    /// <param name="preferences">Where preferences and consents are read from.</param>
    /// <param name="options">The rules (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for "now" when no time is given; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="interactions"/> or <paramref name="preferences"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public ContactPolicy(IInteractionStore interactions, IContactPreferenceStore preferences, ContactPolicyOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(preferences);
        options ??= new ContactPolicyOptions();
        options.ThrowIfInvalid();
        _interactions = interactions;
        _preferences = preferences;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _requireConsent = options.RequireConsent;
        _exemptPurposes = [.. options.ExemptPurposes.Select(p => new ContactPurpose(p))];
        _quietChannels = [.. options.QuietHoursChannels.Select(c => new Channel(c))];
        _uncountedKinds = [.. options.UncountedKinds.Select(k => new InteractionKind(k))];
        _caps = [.. options.FrequencyCaps.Select(c => new Cap(c.Scope, c.Scope == FrequencyCapScope.Channel ? new Channel(c.Channel!) : default, c.MaxContacts, c.Window))];
        _quietStart = options.QuietHoursStart;
        _quietEnd = options.QuietHoursEnd;
        _defaultZone = TimeZoneInfo.FindSystemTimeZoneById(options.DefaultTimeZoneId);
        _coolDown = options.ComplaintCoolDown;
        _minimumSignals = options.MinimumSignalsToInferChannel;
        _longestWindow = _caps.Length == 0 ? TimeSpan.Zero : _caps.Max(c => c.Window);
    }

    /// <summary>Decides for a customer, reading what is needed from the stores.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="channel">The channel to contact them on.</param>
    /// <param name="purpose">Why.</param>
    /// <param name="at">When; "now" from the time provider when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/>, <paramref name="channel"/> or <paramref name="purpose"/> is the default value.</exception>
    public async ValueTask<ContactDecision> DecideAsync(
        CustomerId customerId,
        Channel channel,
        ContactPurpose purpose,
        DateTimeOffset? at = null,
        CancellationToken cancellationToken = default)
    {
        CheckRequest(channel, purpose);
        DateTimeOffset when = at ?? _timeProvider.GetUtcNow();
        ContactHistory history = await LoadHistoryAsync(customerId, when, cancellationToken).ConfigureAwait(false);
        return Decide(history, channel, purpose, when);
    }

    /// <summary>Reads what <see cref="Decide"/> needs about a customer for decisions at <paramref name="at"/>.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="at">The time decisions will be made for.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The customer's preferences, engagement and outbound interactions within the longest cap window before <paramref name="at"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    public async ValueTask<ContactHistory> LoadHistoryAsync(CustomerId customerId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        ContactPreferences preferences = await _preferences.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        EngagementFeatures engagement = await _interactions.GetEngagementAsync(customerId, cancellationToken).ConfigureAwait(false);
        var recent = new List<Interaction>();
        if (_longestWindow > TimeSpan.Zero)
        {
            DateTimeOffset from = at.UtcTicks - _longestWindow.Ticks > DateTimeOffset.MinValue.UtcTicks ? at - _longestWindow : DateTimeOffset.MinValue;
            DateTimeOffset to = at.UtcTicks < DateTimeOffset.MaxValue.UtcTicks ? at.AddTicks(1) : at;
            var query = new InteractionQuery(From: from, To: to, Direction: InteractionDirection.Outbound);
            await foreach (Interaction interaction in _interactions.ReadAsync(customerId, query, cancellationToken).ConfigureAwait(false))
            {
                recent.Add(interaction);
            }
        }

        return new ContactHistory(preferences, engagement, recent);
    }

    /// <summary>Decides for a customer from a history the caller supplies (no I/O).</summary>
    /// <param name="history">The customer's preferences, engagement and recent outbound interactions.</param>
    /// <param name="channel">The channel to contact them on.</param>
    /// <param name="purpose">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="channel"/> or <paramref name="purpose"/> is the default value.</exception>
    public ContactDecision Decide(ContactHistory history, Channel channel, ContactPurpose purpose, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(history);
        CheckRequest(channel, purpose);
        List<ContactReason>? found = null;
        Evaluate(history, channel, purpose, at, ref found, collect: true);
        ContactReason[] reasons = found is null ? [] : [.. found];

        (Channel? preferred, PreferredChannelSource source) = PreferredOf(history);
        Channel? best = reasons.Length == 0 ? channel : null;
        if (best is null || history.Preferences.PreferredChannels.Count > 0 || preferred is not null || history.Preferences.Consents.Count > 0)
        {
            best = BestChannel(history, channel, purpose, at, preferred, reasons.Length == 0);
        }

        return new ContactDecision(history.CustomerId, channel, purpose, at, reasons, best, preferred, source);
    }

    private static void CheckRequest(Channel channel, ContactPurpose purpose)
    {
        if (channel.IsEmpty)
        {
            throw new ArgumentException("The channel is the default value.", nameof(channel));
        }

        if (purpose.IsEmpty)
        {
            throw new ArgumentException("The purpose is the default value.", nameof(purpose));
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private (Channel? Channel, PreferredChannelSource Source) PreferredOf(ContactHistory history)
    {
        if (history.Preferences.PreferredChannels.Count > 0)
        {
            return (history.Preferences.PreferredChannels[0], PreferredChannelSource.Stated);
        }

        return history.Engagement.InferPreferredChannel(_minimumSignals) is { } inferred
            ? (inferred, PreferredChannelSource.Inferred)
            : (null, PreferredChannelSource.None);
    }

    /// <summary>
    /// The first allowed channel in the order: the stated preferences, the preferred channel, the inferred one, the
    /// channels consented for the purpose (best response rate first, then by name), and the requested channel last.
    /// Candidates are checked without building reasons, in a pooled buffer, so a decision allocates only its result.
    /// </summary>
    private Channel? BestChannel(ContactHistory history, Channel requested, ContactPurpose purpose, DateTimeOffset at, Channel? preferred, bool requestedAllowed)
    {
        IReadOnlyList<Channel> stated = history.Preferences.PreferredChannels;
        IReadOnlyList<ConsentRecord> consents = history.Preferences.Consents;
        Channel[] buffer = ArrayPool<Channel>.Shared.Rent(stated.Count + consents.Count + 3);
        try
        {
            int count = 0;
            for (int i = 0; i < stated.Count; i++)
            {
                count = AddDistinct(buffer, count, stated[i]);
            }

            if (preferred is { } p)
            {
                count = AddDistinct(buffer, count, p);
            }

            if (history.Engagement.InferPreferredChannel(_minimumSignals) is { } inferred)
            {
                count = AddDistinct(buffer, count, inferred);
            }

            int consentedStart = count;
            for (int i = 0; i < consents.Count; i++)
            {
                ConsentRecord record = consents[i];
                if (record.Purpose == purpose && Array.IndexOf(buffer, record.Channel, consentedStart, count - consentedStart) < 0)
                {
                    buffer[count++] = record.Channel;
                }
            }

            // Consented channels by response rate (highest first), then by name; an insertion sort over a handful.
            for (int i = consentedStart + 1; i < count; i++)
            {
                Channel item = buffer[i];
                int j = i - 1;
                while (j >= consentedStart && CompareByResponse(history.Engagement, item, buffer[j]) < 0)
                {
                    buffer[j + 1] = buffer[j];
                    j--;
                }

                buffer[j + 1] = item;
            }

            // Drop consented channels already placed earlier (stated, preferred or inferred), keeping the order.
            int kept = consentedStart;
            for (int i = consentedStart; i < count; i++)
            {
                if (Array.IndexOf(buffer, buffer[i], 0, consentedStart) < 0)
                {
                    buffer[kept++] = buffer[i];
                }
            }

            count = AddDistinct(buffer, kept, requested);
            for (int i = 0; i < count; i++)
            {
                Channel candidate = buffer[i];
                List<ContactReason>? none = null;
                if (candidate == requested ? requestedAllowed : !Evaluate(history, candidate, purpose, at, ref none, collect: false))
                {
                    return candidate;
                }
            }

            return null;
        }
        finally
        {
            Array.Clear(buffer);
            ArrayPool<Channel>.Shared.Return(buffer);
        }
    }

    private static int AddDistinct(Channel[] buffer, int count, Channel channel)
    {
        if (Array.IndexOf(buffer, channel, 0, count) < 0)
        {
            buffer[count++] = channel;
        }

        return count;
    }

    private static int CompareByResponse(EngagementFeatures engagement, Channel a, Channel b)
    {
        double ra = engagement.GetChannel(a)?.ResponseRate ?? -1;
        double rb = engagement.GetChannel(b)?.ResponseRate ?? -1;
        return ra != rb ? rb.CompareTo(ra) : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>
    /// Applies every rule to one channel. With <paramref name="collect"/> each reason against is built into
    /// <paramref name="reasons"/>; without it the first reason against ends the check and nothing is built.
    /// </summary>
    /// <returns><see langword="true"/> when at least one rule forbids the contact.</returns>
    private bool Evaluate(ContactHistory history, Channel channel, ContactPurpose purpose, DateTimeOffset at, ref List<ContactReason>? reasons, bool collect)
    {
        bool blocked = false;
        bool exempt = _exemptPurposes.Contains(purpose);
        ContactPreferences preferences = history.Preferences;
        if (!exempt && preferences.DoNotContactSince is { } since && since.UtcTicks <= at.UtcTicks)
        {
            if (!collect)
            {
                return true;
            }

            blocked = true;
            (reasons ??= []).Add(new ContactReason(
                ContactReasonCode.DoNotContact,
                $"The customer asked not to be contacted on {Format(since)} ({preferences.DoNotContactSource}).",
                null));
        }

        if (!exempt)
        {
            ConsentRecord? consent = preferences.GetConsent(channel, purpose, at);
            if (consent is { Status: ConsentStatus.Withdrawn } withdrawn)
            {
                if (!collect)
                {
                    return true;
                }

                blocked = true;
                (reasons ??= []).Add(new ContactReason(
                    ContactReasonCode.ConsentWithdrawn,
                    $"Consent for {purpose} on {channel} was withdrawn on {Format(withdrawn.RecordedAt)} ({withdrawn.Source}).",
                    null));
            }
            else if (consent is null && _requireConsent)
            {
                if (!collect)
                {
                    return true;
                }

                blocked = true;
                (reasons ??= []).Add(new ContactReason(
                    ContactReasonCode.ConsentMissing,
                    $"No consent for {purpose} on {channel} is recorded.",
                    null));
            }

            if (consent is not { Status: ConsentStatus.Withdrawn }
                && history.Engagement.GetChannel(channel)?.LastUnsubscribedAt is { } unsubscribed
                && unsubscribed.UtcTicks <= at.UtcTicks
                && (consent is not { } granted || unsubscribed.UtcTicks > granted.RecordedAt.UtcTicks))
            {
                if (!collect)
                {
                    return true;
                }

                blocked = true;
                (reasons ??= []).Add(new ContactReason(
                    ContactReasonCode.Unsubscribed,
                    $"The customer unsubscribed on {channel} on {Format(unsubscribed)}, after the latest consent.",
                    null));
            }

            foreach (Cap cap in _caps)
            {
                if (CountInWindow(cap, history, channel, at) >= cap.MaxContacts && CapApplies(cap, channel))
                {
                    if (!collect)
                    {
                        return true;
                    }

                    blocked = true;
                    (reasons ??= []).Add(CapReason(cap, history, channel, at));
                }
            }
        }

        if (_quietChannels.Contains(channel) && _quietStart != _quietEnd && IsQuiet(preferences, at, out TimeZoneInfo zone, out DateTimeOffset local))
        {
            if (!collect)
            {
                return true;
            }

            blocked = true;
            (reasons ??= []).Add(QuietHoursReason(zone, local, channel));
        }

        if (!exempt
            && _coolDown > TimeSpan.Zero
            && history.Engagement.OpenComplaintCount > 0
            && history.Engagement.LastComplaintAt is { } complaintAt
            && complaintAt.UtcTicks <= at.UtcTicks
            && at - complaintAt < _coolDown)
        {
            if (!collect)
            {
                return true;
            }

            blocked = true;
            (reasons ??= []).Add(new ContactReason(
                ContactReasonCode.ComplaintCoolDown,
                $"{history.Engagement.OpenComplaintCount} complaint(s) unresolved; the latest, on {Format(complaintAt)}, holds non-exempt contacts back for {_coolDown.TotalDays:0.##} days.",
                complaintAt + _coolDown));
        }

        return blocked;
    }

    private static bool CapApplies(Cap cap, Channel channel) => cap.Scope != FrequencyCapScope.Channel || cap.Channel == channel;

    private int CountInWindow(Cap cap, ContactHistory history, Channel channel, DateTimeOffset at)
    {
        if (!CapApplies(cap, channel))
        {
            return 0;
        }

        long windowStart = at.UtcTicks - cap.Window.Ticks;
        int count = 0;
        IReadOnlyList<Interaction> recent = history.RecentOutbound;
        for (int i = 0; i < recent.Count; i++)
        {
            if (Counts(recent[i], cap, channel, windowStart, at.UtcTicks))
            {
                count++;
            }
        }

        return count;
    }

    private bool Counts(Interaction interaction, Cap cap, Channel channel, long windowStart, long atTicks)
    {
        long t = interaction.OccurredAt.UtcTicks;
        return interaction.Direction == InteractionDirection.Outbound
            && t > windowStart
            && t <= atTicks
            && !_uncountedKinds.Contains(interaction.Kind)
            && (cap.Scope == FrequencyCapScope.Overall || interaction.Channel == channel);
    }

    private ContactReason CapReason(Cap cap, ContactHistory history, Channel channel, DateTimeOffset at)
    {
        long windowStart = at.UtcTicks - cap.Window.Ticks;
        var times = new List<long>();
        foreach (Interaction interaction in history.RecentOutbound)
        {
            if (Counts(interaction, cap, channel, windowStart, at.UtcTicks))
            {
                times.Add(interaction.OccurredAt.UtcTicks);
            }
        }

        int count = times.Count;
        DateTimeOffset? until = null;
        if (cap.MaxContacts > 0)
        {
            times.Sort();
            until = new DateTimeOffset(times[count - cap.MaxContacts], TimeSpan.Zero) + cap.Window;
        }

        string scope = cap.Scope switch
        {
            FrequencyCapScope.Overall => "over all channels",
            _ => $"on {channel}",
        };
        return new ContactReason(
            ContactReasonCode.FrequencyCap,
            $"{count} contact(s) {scope} in the last {cap.Window}; the cap is {cap.MaxContacts}.",
            until);
    }

    private bool IsQuiet(ContactPreferences preferences, DateTimeOffset at, out TimeZoneInfo zone, out DateTimeOffset local)
    {
        zone = preferences.TimeZoneId is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : _defaultZone;
        local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _quietEnd < _quietStart ? time >= _quietStart || time < _quietEnd : time >= _quietStart && time < _quietEnd;
    }

    private ContactReason QuietHoursReason(TimeZoneInfo zone, DateTimeOffset local, Channel channel)
    {
        var time = TimeOnly.FromDateTime(local.DateTime);
        bool wraps = _quietEnd < _quietStart;
        DateTime endDate = wraps && time >= _quietStart ? local.Date.AddDays(1) : local.Date;
        DateTime endLocal = endDate + _quietEnd.ToTimeSpan();
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(15); // the end falls in a daylight-saving gap: the first valid local time after it
        }

        var until = new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
        return new ContactReason(
            ContactReasonCode.QuietHours,
            string.Create(CultureInfo.InvariantCulture, $"It is {time:HH\\:mm} in {zone.Id}, within quiet hours {_quietStart:HH\\:mm}-{_quietEnd:HH\\:mm} for {channel}."),
            until);
    }

    private readonly record struct Cap(FrequencyCapScope Scope, Channel Channel, int MaxContacts, TimeSpan Window);
}
