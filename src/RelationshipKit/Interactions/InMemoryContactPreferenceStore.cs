namespace RelationshipKit.Interactions;

/// <summary>The default <see cref="IContactPreferenceStore"/>: preferences and consents in memory.</summary>
/// <remarks>All members are thread-safe; writers are serialised by a lock.</remarks>
public sealed class InMemoryContactPreferenceStore : IContactPreferenceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CustomerId, ContactPreferences> _preferences = [];

    /// <inheritdoc />
    public ValueTask<ContactPreferences> GetAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<ContactPreferences>(_preferences.GetValueOrDefault(customerId) ?? ContactPreferences.Empty(customerId));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordConsentAsync(CustomerId customerId, ConsentRecord consent, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        consent.Validate(nameof(consent));
        cancellationToken.ThrowIfCancellationRequested();
        Update(customerId, p => new ContactPreferences(p.CustomerId, p.PreferredChannels, p.TimeZoneId, p.DoNotContactSince, p.DoNotContactSource, [.. p.Consents, consent]));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetPreferredChannelsAsync(CustomerId customerId, IReadOnlyList<Channel> channels, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        Channel[] checkedChannels = PreferenceRules.CheckChannels(channels, nameof(channels));
        cancellationToken.ThrowIfCancellationRequested();
        Update(customerId, p => new ContactPreferences(p.CustomerId, checkedChannels, p.TimeZoneId, p.DoNotContactSince, p.DoNotContactSource, p.Consents));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetTimeZoneAsync(CustomerId customerId, string? timeZoneId, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        PreferenceRules.CheckTimeZone(timeZoneId, nameof(timeZoneId));
        cancellationToken.ThrowIfCancellationRequested();
        Update(customerId, p => new ContactPreferences(p.CustomerId, p.PreferredChannels, timeZoneId, p.DoNotContactSince, p.DoNotContactSource, p.Consents));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetDoNotContactAsync(CustomerId customerId, bool doNotContact, DateTimeOffset at, string source, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        if (at == default)
        {
            throw new ArgumentException("The time is the default value.", nameof(at));
        }

        PreferenceRules.CheckSource(source, nameof(source));
        cancellationToken.ThrowIfCancellationRequested();
        Update(customerId, p => doNotContact
            ? new ContactPreferences(p.CustomerId, p.PreferredChannels, p.TimeZoneId, at, source, p.Consents)
            : new ContactPreferences(p.CustomerId, p.PreferredChannels, p.TimeZoneId, null, null, p.Consents));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        PreferenceRules.CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            long records = _preferences.Remove(customerId, out ContactPreferences? removed) ? 1 + removed.Consents.Count : 0;
            return new ValueTask<ErasureResult>(new ErasureResult(customerId, records, storageScrubbed: true));
        }
    }

    private void Update(CustomerId customerId, Func<ContactPreferences, ContactPreferences> change)
    {
        lock (_gate)
        {
            ContactPreferences current = _preferences.GetValueOrDefault(customerId) ?? ContactPreferences.Empty(customerId);
            _preferences[customerId] = change(current);
        }
    }
}
