using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.PhoneNumbers;

/// <summary>Options of <see cref="LibPhoneNumberNormalizer"/>.</summary>
/// <remarks>A plain options bag: not thread-safe while it is being changed.</remarks>
public sealed class PhoneNumberOptions : IValidatableObject
{
    /// <summary>The region (ISO 3166-1 alpha-2, e.g. <c>GB</c>, <c>DE</c>, <c>US</c>) whose numbering plan reads national numbers; <see langword="null"/> to accept only international numbers (<c>+...</c> or <c>00...</c>).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? DefaultRegion { get; set; }

    /// <summary>Whether a number must be valid for its region (assigned ranges), not only possible (plausible length).</summary>
    /// <value>Default <see langword="false"/>: possible numbers are accepted, so new number ranges are not lost.</value>
    public bool RequireValidNumber { get; set; }

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        if (DefaultRegion is not null && !global::PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultRegion.ToUpperInvariant()))
        {
            results.Add(new ValidationResult($"{nameof(PhoneNumberOptions)}.{nameof(DefaultRegion)} '{DefaultRegion}' is not a region libphonenumber knows (use ISO 3166-1 alpha-2 such as GB).", [nameof(DefaultRegion)]));
        }

        return results;
    }
}
