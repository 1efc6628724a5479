namespace RelationshipKit.Identification;

/// <summary>How a field's value is normalised before it is compared or used as a blocking key.</summary>
public enum FieldKind
{
    /// <summary>
    /// Free text: Unicode NFKC, culture-invariant lower case (Turkish dotted and dotless i fold to <c>i</c>),
    /// diacritics removed, apostrophes dropped, other punctuation and white space collapsed to one space.
    /// </summary>
    Text = 0,

    /// <summary>A person's name: folded as <see cref="Text"/>.</summary>
    Name = 1,

    /// <summary>A street line: folded as <see cref="Text"/>, then common abbreviations expanded (<see cref="NormalizationOptions.StreetAbbreviations"/>).</summary>
    Street = 2,

    /// <summary>An e-mail address in canonical form (lower case; provider rules from <see cref="NormalizationOptions"/>).</summary>
    Email = 3,

    /// <summary>A phone number through the <see cref="IPhoneNumberNormalizer"/> (E.164 where it can tell).</summary>
    Phone = 4,

    /// <summary>A date in one of <see cref="NormalizationOptions.BirthDateFormats"/>, kept as <c>yyyyMMdd</c>.</summary>
    Date = 5,

    /// <summary>A postcode: letters and digits only, lower case.</summary>
    Postcode = 6,

    /// <summary>An identifier: letters and digits only, lower case.</summary>
    Identifier = 7,
}
