namespace RelationshipKit.Interactions;

/// <summary>One consent given or withdrawn by a customer, for one channel and purpose, with when and how.</summary>
/// <param name="Channel">The channel the consent is about.</param>
/// <param name="Purpose">The purpose the consent is about.</param>
/// <param name="Status">Given or withdrawn.</param>
/// <param name="RecordedAt">When it was given or withdrawn.</param>
/// <param name="Source">How: the form, call, document or system it came through (for example <c>webSignupForm</c>, <c>call 2024-118</c>); at most 256 characters.</param>
/// <remarks>Consent records are evidence and are kept as a history; the latest record for a channel and purpose decides.</remarks>
public readonly record struct ConsentRecord(Channel Channel, ContactPurpose Purpose, ConsentStatus Status, DateTimeOffset RecordedAt, string Source)
{
    /// <summary>The longest <see cref="Source"/> accepted.</summary>
    public const int MaxSourceLength = 256;

    /// <summary>Throws when a field is missing or malformed, naming it.</summary>
    /// <param name="parameterName">The parameter the record was passed as.</param>
    /// <exception cref="ArgumentException">A field is missing or malformed.</exception>
    internal void Validate(string parameterName)
    {
        if (Channel.IsEmpty)
        {
            throw new ArgumentException("The consent's Channel is missing (default value).", $"{parameterName}.{nameof(Channel)}");
        }

        if (Purpose.IsEmpty)
        {
            throw new ArgumentException("The consent's Purpose is missing (default value).", $"{parameterName}.{nameof(Purpose)}");
        }

        if (Status is not ConsentStatus.Granted and not ConsentStatus.Withdrawn)
        {
            throw new ArgumentException($"The consent's Status must be Granted or Withdrawn; it is {(int)Status}.", $"{parameterName}.{nameof(Status)}");
        }

        if (RecordedAt == default)
        {
            throw new ArgumentException("The consent's RecordedAt is missing (default value).", $"{parameterName}.{nameof(RecordedAt)}");
        }

        PreferenceRules.CheckSource(Source, $"{parameterName}.{nameof(Source)}");
    }
}
