namespace RelationshipKit.Interactions;

/// <summary>
/// Stores what customers stated about being contacted: consents per channel and purpose (as a history, with when and
/// how), preferred channels, time zone and do-not-contact.
/// </summary>
/// <remarks>Implementations are thread-safe. Erasure removes all of a customer's preferences and consents.</remarks>
public interface IContactPreferenceStore : IPersonalDataStore
{
    /// <summary>Gets a customer's preferences.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The preferences; empty (no consents, no preferred channel) for an unknown customer.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    ValueTask<ContactPreferences> GetAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Records a consent given or withdrawn; earlier records are kept as history.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="consent">The consent.</param>
    /// <param name="cancellationToken">Cancels before the record is stored.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value, or a field of <paramref name="consent"/> is missing or malformed (named).</exception>
    ValueTask RecordConsentAsync(CustomerId customerId, ConsentRecord consent, CancellationToken cancellationToken = default);

    /// <summary>Replaces the customer's stated preferred channels.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="channels">The channels, best first; empty to clear.</param>
    /// <param name="cancellationToken">Cancels before the change is stored.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channels"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value, or a channel is the default value or repeated.</exception>
    ValueTask SetPreferredChannelsAsync(CustomerId customerId, IReadOnlyList<Channel> channels, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the customer's time zone.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="timeZoneId">An IANA or Windows time zone id, or <see langword="null"/> to clear.</param>
    /// <param name="cancellationToken">Cancels before the change is stored.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value, or the time zone is unknown.</exception>
    ValueTask SetTimeZoneAsync(CustomerId customerId, string? timeZoneId, CancellationToken cancellationToken = default);

    /// <summary>Records that the customer asked not to be contacted, or lifts it.</summary>
    /// <remarks>
    /// Only the request in force is kept (when and how it was made); lifting it clears it. A host that needs the
    /// history of such requests as evidence records them as consents too (for example a withdrawal per channel).
    /// </remarks>
    /// <param name="customerId">The customer.</param>
    /// <param name="doNotContact"><see langword="true"/> to stop contacts, <see langword="false"/> to lift the request.</param>
    /// <param name="at">When the customer asked.</param>
    /// <param name="source">How the customer asked; at most 256 characters.</param>
    /// <param name="cancellationToken">Cancels before the change is stored.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> or <paramref name="at"/> is the default value, or <paramref name="source"/> is missing or malformed.</exception>
    ValueTask SetDoNotContactAsync(CustomerId customerId, bool doNotContact, DateTimeOffset at, string source, CancellationToken cancellationToken = default);
}
