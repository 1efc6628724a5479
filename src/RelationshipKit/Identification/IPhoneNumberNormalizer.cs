namespace RelationshipKit.Identification;

/// <summary>
/// Turns a phone number as typed into one canonical form, E.164 (<c>+441632960961</c>) where the
/// implementation can tell the country. The core ships <see cref="DigitsPhoneNumberNormalizer"/>; the optional
/// package RelationshipKit.PhoneNumbers adds one backed by libphonenumber.
/// </summary>
/// <remarks>Implementations must be pure and thread-safe: identification calls them from several threads.</remarks>
public interface IPhoneNumberNormalizer
{
    /// <summary>Normalises one phone number.</summary>
    /// <param name="value">The number as given; not <see langword="null"/>.</param>
    /// <param name="normalized">The canonical form when the number could be read.</param>
    /// <returns><see langword="false"/> when the text is not a phone number (it is then treated as missing).</returns>
    bool TryNormalize(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normalized);
}
