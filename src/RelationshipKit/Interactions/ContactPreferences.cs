namespace RelationshipKit.Interactions;

/// <summary>
/// What a customer stated about being contacted: preferred channels, time zone, do-not-contact, and the history of
/// consents given and withdrawn per channel and purpose.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class ContactPreferences
{
    private readonly Channel[] _preferredChannels;
    private readonly ConsentRecord[] _consents;

    /// <summary>Creates preferences (stores build them; hosts may build them to call <see cref="ContactPolicy.Decide"/> directly).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="preferredChannels">The channels the customer stated they prefer, best first; none when <see langword="null"/>.</param>
    /// <param name="timeZoneId">The customer's time zone (IANA or Windows id), or <see langword="null"/>.</param>
    /// <param name="doNotContactSince">When the customer asked not to be contacted, or <see langword="null"/> when they did not (or lifted it).</param>
    /// <param name="doNotContactSource">How they asked (required with <paramref name="doNotContactSince"/>).</param>
    /// <param name="consents">The consents given and withdrawn, in the order recorded; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A field is missing or malformed; the parameter is named.</exception>
    public ContactPreferences(
        CustomerId customerId,
        IReadOnlyList<Channel>? preferredChannels = null,
        string? timeZoneId = null,
        DateTimeOffset? doNotContactSince = null,
        string? doNotContactSource = null,
        IReadOnlyList<ConsentRecord>? consents = null)
    {
        PreferenceRules.CheckCustomer(customerId);
        _preferredChannels = PreferenceRules.CheckChannels(preferredChannels ?? [], nameof(preferredChannels));
        PreferenceRules.CheckTimeZone(timeZoneId, nameof(timeZoneId));
        if (doNotContactSince is { } since)
        {
            if (since == default)
            {
                throw new ArgumentException("The do-not-contact time is the default value.", nameof(doNotContactSince));
            }

            PreferenceRules.CheckSource(doNotContactSource, nameof(doNotContactSource));
        }
        else if (doNotContactSource is not null)
        {
            throw new ArgumentException("A do-not-contact source needs a do-not-contact time.", nameof(doNotContactSource));
        }

        _consents = consents is null ? [] : [.. consents];
        for (int i = 0; i < _consents.Length; i++)
        {
            _consents[i].Validate($"{nameof(consents)}[{i}]");
        }

        CustomerId = customerId;
        TimeZoneId = timeZoneId;
        DoNotContactSince = doNotContactSince;
        DoNotContactSource = doNotContactSince is null ? null : doNotContactSource;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The channels the customer stated they prefer, best first; empty when none were stated.</summary>
    public IReadOnlyList<Channel> PreferredChannels => _preferredChannels;

    /// <summary>The customer's time zone, or <see langword="null"/> when not stated.</summary>
    public string? TimeZoneId { get; }

    /// <summary>When the customer asked not to be contacted, or <see langword="null"/>.</summary>
    public DateTimeOffset? DoNotContactSince { get; }

    /// <summary>How the customer asked not to be contacted, or <see langword="null"/>.</summary>
    public string? DoNotContactSource { get; }

    /// <summary>Whether the customer asked not to be contacted.</summary>
    public bool DoNotContact => DoNotContactSince is not null;

    /// <summary>Every consent given or withdrawn, in the order recorded.</summary>
    public IReadOnlyList<ConsentRecord> Consents => _consents;

    /// <summary>The consent in force for a channel and purpose at a time: the record with the latest <see cref="ConsentRecord.RecordedAt"/> not after <paramref name="asOf"/> (the later recorded wins a tie).</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="asOf">The time; <see langword="null"/> for the latest record whatever its time.</param>
    /// <returns>The record, or <see langword="null"/> when none applies.</returns>
    public ConsentRecord? GetConsent(Channel channel, ContactPurpose purpose, DateTimeOffset? asOf = null)
    {
        ConsentRecord? found = null;
        foreach (ConsentRecord record in _consents)
        {
            if (record.Channel == channel
                && record.Purpose == purpose
                && (asOf is not { } limit || record.RecordedAt.UtcTicks <= limit.UtcTicks)
                && (found is not { } current || record.RecordedAt.UtcTicks >= current.RecordedAt.UtcTicks))
            {
                found = record;
            }
        }

        return found;
    }

    internal static ContactPreferences Empty(CustomerId customerId) => new(customerId);
}
