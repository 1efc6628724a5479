using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RelationshipKit.Identification;
using PhoneNumbers;

namespace RelationshipKit.PhoneNumbers;

/// <summary>
/// Normalises phone numbers to E.164 with libphonenumber (Google's numbering-plan metadata): national numbers are
/// read with the default region's plan (<c>020 7946 0958</c> in <c>GB</c> is <c>+442079460958</c>), international
/// ones with their country code; extensions are dropped; impossible numbers are treated as missing.
/// </summary>
/// <remarks>Immutable and thread-safe (libphonenumber's utility is thread-safe).</remarks>
public sealed class LibPhoneNumberNormalizer : IPhoneNumberNormalizer
{
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private readonly string _region;
    private readonly bool _requireValid;

    /// <summary>Creates the normaliser.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The region is unknown; the message names the option.</exception>
    public LibPhoneNumberNormalizer(PhoneNumberOptions? options = null)
    {
        options ??= new PhoneNumberOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(PhoneNumberOptions), typeof(PhoneNumberOptions), problems.Select(p => p.ErrorMessage!));
        }

        _region = options.DefaultRegion?.ToUpperInvariant() ?? "ZZ";
        _requireValid = options.RequireValidNumber;
    }

    /// <summary>The region used for national numbers (<c>ZZ</c> when none).</summary>
    public string DefaultRegion => _region;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public bool TryNormalize(string value, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalized = null;
        string text = value.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            PhoneNumber number = _util.Parse(text, _region);
            bool ok = _requireValid ? _util.IsValidNumber(number) : _util.IsPossibleNumber(number);
            if (!ok)
            {
                return false;
            }

            number = number.ToBuilder().ClearExtension().Build();
            normalized = _util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
