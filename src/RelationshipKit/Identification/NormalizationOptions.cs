using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.Identification;

/// <summary>How field values are normalised, and which values are junk that never match.</summary>
/// <remarks>
/// Blocked values are compared after the same normalisation as the field (so <c>"N/A"</c> blocks <c>"n/a"</c>
/// and <c>"n / a"</c>); a blocked value is treated as missing: it never matches, never blocks and never survives
/// into a golden profile. A plain options bag: not thread-safe while it is being changed.
/// </remarks>
public sealed class NormalizationOptions : IValidatableObject
{
    internal static readonly string[] DefaultBlockedValues =
    [
        "n/a", "na", "n.a.", "none", "null", "nil", "unknown", "unk", "not known", "not available", "not applicable",
        "-", "--", "?", "x", "xx", "xxx", "xxxx", "test", "testing", "no name", "noname", "anonymous", "customer", "guest",
        "dummy", "asdf", "qwerty", "no", "nobody", "tba", "tbc", "0", "00", "000",
    ];

    internal static readonly string[] DefaultBlockedEmails =
    [
        "test@test.com", "a@a.com", "a@b.com", "none@none.com", "no@email.com", "noemail@noemail.com", "email@email.com",
        "test@example.com", "user@example.com", "abc@abc.com", "info@info.com", "x@x.com", "nobody@nowhere.com",
    ];

    internal static readonly string[] DefaultBlockedEmailDomains =
    [
        "example.com", "example.org", "example.net", "test.com", "test.de", "invalid", "localhost", "email.com", "none.com", "noemail.com",
    ];

    internal static readonly string[] DefaultBlockedEmailLocalParts =
    [
        "noemail", "no-email", "nomail", "noreply", "no-reply", "donotreply", "do-not-reply", "none", "null", "unknown", "test", "na", "n/a",
    ];

    internal static readonly string[] DefaultBlockedPhoneNumbers = ["1234567", "12345678", "123456789", "1234567890", "0123456789", "9876543210"];

    internal static readonly DateOnly[] DefaultBlockedBirthDates =
    [
        new(1, 1, 1), new(1899, 12, 30), new(1899, 12, 31), new(1900, 1, 1), new(1901, 1, 1), new(1970, 1, 1), new(9999, 12, 31),
    ];

    internal static readonly string[] DefaultBirthDateFormats =
    [
        "yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy.MM.dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy",
        "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy",
    ];

    internal static readonly string[] DefaultDotInsensitiveDomains = ["gmail.com", "googlemail.com"];

    internal static readonly KeyValuePair<string, string>[] DefaultDomainAliases = [new("googlemail.com", "gmail.com")];

    internal static readonly KeyValuePair<string, string>[] DefaultStreetAbbreviations =
    [
        new("st", "street"), new("str", "street"), new("rd", "road"), new("ave", "avenue"), new("av", "avenue"), new("dr", "drive"),
        new("ln", "lane"), new("ct", "court"), new("cres", "crescent"), new("cr", "crescent"), new("pl", "place"), new("hwy", "highway"),
        new("blvd", "boulevard"), new("pde", "parade"), new("cct", "circuit"), new("tce", "terrace"), new("sq", "square"),
        new("cl", "close"), new("gr", "grove"), new("pk", "park"), new("apt", "apartment"), new("fl", "floor"),
    ];

    internal const int DefaultMinimumPhoneDigits = 6;

    /// <summary>Values that are junk in every text, name and identifier field (compared after normalisation).</summary>
    /// <value>Default: <c>n/a</c>, <c>none</c>, <c>null</c>, <c>unknown</c>, <c>-</c>, <c>?</c>, <c>x</c>, <c>test</c>, <c>no name</c>, <c>guest</c>, <c>dummy</c>, <c>0</c> and similar placeholders.</value>
    [Required]
    public IList<string> BlockedValues { get; set; } = [.. DefaultBlockedValues];

    /// <summary>Whole e-mail addresses that are junk.</summary>
    /// <value>Default: <c>test@test.com</c>, <c>a@a.com</c>, <c>none@none.com</c>, <c>no@email.com</c> and similar.</value>
    [Required]
    public IList<string> BlockedEmails { get; set; } = [.. DefaultBlockedEmails];

    /// <summary>E-mail domains whose addresses are junk (reserved or placeholder domains).</summary>
    /// <value>Default: <c>example.com</c>, <c>example.org</c>, <c>example.net</c>, <c>test.com</c>, <c>invalid</c>, <c>localhost</c>, <c>email.com</c> and similar.</value>
    [Required]
    public IList<string> BlockedEmailDomains { get; set; } = [.. DefaultBlockedEmailDomains];

    /// <summary>E-mail local parts that are junk on any domain.</summary>
    /// <value>Default: <c>noemail</c>, <c>noreply</c>, <c>donotreply</c>, <c>none</c>, <c>test</c> and similar.</value>
    [Required]
    public IList<string> BlockedEmailLocalParts { get; set; } = [.. DefaultBlockedEmailLocalParts];

    /// <summary>Phone numbers that are junk, as digits (compared on the digits of the normalised number, ignoring a leading country code).</summary>
    /// <value>Default: ascending and descending digit runs such as <c>1234567890</c>.</value>
    [Required]
    public IList<string> BlockedPhoneNumbers { get; set; } = [.. DefaultBlockedPhoneNumbers];

    /// <summary>Whether a phone number made of one repeated digit (<c>0000000</c>, <c>+44 1111 111111</c> after the country code) is junk.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool BlockRepeatedDigitPhoneNumbers { get; set; } = true;

    /// <summary>The fewest digits a phone number must have; shorter numbers are treated as missing.</summary>
    /// <value>Default 6; 1 to 15.</value>
    public int MinimumPhoneDigits { get; set; } = DefaultMinimumPhoneDigits;

    /// <summary>Birth dates that are placeholders rather than birthdays.</summary>
    /// <value>Default: 0001-01-01, 1899-12-30, 1899-12-31, 1900-01-01, 1901-01-01, 1970-01-01, 9999-12-31.</value>
    [Required]
    public IList<DateOnly> BlockedBirthDates { get; set; } = [.. DefaultBlockedBirthDates];

    /// <summary>The formats a birth date is read in (invariant culture), tried in order. Put <c>MM/dd/yyyy</c> before <c>dd/MM/yyyy</c> for US data.</summary>
    /// <value>Default: ISO <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c>, <c>yyyy/MM/dd</c>, day-first <c>dd.MM.yyyy</c>, <c>dd/MM/yyyy</c>, <c>dd-MM-yyyy</c>, month names (<c>d MMM yyyy</c>, <c>MMM d, yyyy</c>); an ISO date-time is read by its date part.</value>
    [Required]
    public IList<string> BirthDateFormats { get; set; } = [.. DefaultBirthDateFormats];

    /// <summary>Whether a plus tag is removed from e-mail local parts (<c>ana+shop@x.org</c> becomes <c>ana@x.org</c>).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool EmailRemovePlusTags { get; set; } = true;

    /// <summary>Domains whose local parts ignore dots (<c>a.n.a@gmail.com</c> is <c>ana@gmail.com</c>).</summary>
    /// <value>Default: <c>gmail.com</c>, <c>googlemail.com</c>.</value>
    [Required]
    public IList<string> EmailDotInsensitiveDomains { get; set; } = [.. DefaultDotInsensitiveDomains];

    /// <summary>Domains that are another name of a domain (alias to canonical).</summary>
    /// <value>Default: <c>googlemail.com</c> to <c>gmail.com</c>.</value>
    [Required]
    public IDictionary<string, string> EmailDomainAliases { get; set; } = new Dictionary<string, string>(DefaultDomainAliases, StringComparer.Ordinal);

    /// <summary>Words in street lines that are expanded (whole words, after folding).</summary>
    /// <value>Default: common English abbreviations (<c>st</c> to <c>street</c>, <c>rd</c> to <c>road</c>, <c>ave</c> to <c>avenue</c>, <c>cres</c> to <c>crescent</c>, ...).</value>
    [Required]
    public IDictionary<string, string> StreetAbbreviations { get; set; } = new Dictionary<string, string>(DefaultStreetAbbreviations, StringComparer.Ordinal);

    /// <summary>The country calling code for national phone numbers in the core's <see cref="DigitsPhoneNumberNormalizer"/> (e.g. <c>44</c>), or <see langword="null"/> to keep national numbers as digits.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? DefaultCallingCode { get; set; }

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        void Null(object? value, string name)
        {
            if (value is null)
            {
                results.Add(new ValidationResult($"Normalization.{name} must not be null.", [name]));
            }
        }

        Null(BlockedValues, nameof(BlockedValues));
        Null(BlockedEmails, nameof(BlockedEmails));
        Null(BlockedEmailDomains, nameof(BlockedEmailDomains));
        Null(BlockedEmailLocalParts, nameof(BlockedEmailLocalParts));
        Null(BlockedPhoneNumbers, nameof(BlockedPhoneNumbers));
        Null(BlockedBirthDates, nameof(BlockedBirthDates));
        Null(BirthDateFormats, nameof(BirthDateFormats));
        Null(EmailDotInsensitiveDomains, nameof(EmailDotInsensitiveDomains));
        Null(EmailDomainAliases, nameof(EmailDomainAliases));
        Null(StreetAbbreviations, nameof(StreetAbbreviations));
        if (BirthDateFormats is { Count: 0 })
        {
            results.Add(new ValidationResult("Normalization.BirthDateFormats must list at least one format.", [nameof(BirthDateFormats)]));
        }
        else if (BirthDateFormats is not null && BirthDateFormats.Any(string.IsNullOrWhiteSpace))
        {
            results.Add(new ValidationResult("Normalization.BirthDateFormats must not contain an empty format.", [nameof(BirthDateFormats)]));
        }

        if (MinimumPhoneDigits is < 1 or > 15)
        {
            results.Add(new ValidationResult($"Normalization.MinimumPhoneDigits must be 1 to 15; it is {MinimumPhoneDigits}.", [nameof(MinimumPhoneDigits)]));
        }

        if (DefaultCallingCode is not null && !DigitsPhoneNumberNormalizer.IsCallingCode(DefaultCallingCode))
        {
            results.Add(new ValidationResult($"Normalization.DefaultCallingCode must be 1 to 3 digits without '+'; it is '{DefaultCallingCode}'.", [nameof(DefaultCallingCode)]));
        }

        return results;
    }

    internal NormalizationOptions Clone() => new()
    {
        BlockedValues = [.. BlockedValues],
        BlockedEmails = [.. BlockedEmails],
        BlockedEmailDomains = [.. BlockedEmailDomains],
        BlockedEmailLocalParts = [.. BlockedEmailLocalParts],
        BlockedPhoneNumbers = [.. BlockedPhoneNumbers],
        BlockRepeatedDigitPhoneNumbers = BlockRepeatedDigitPhoneNumbers,
        MinimumPhoneDigits = MinimumPhoneDigits,
        BlockedBirthDates = [.. BlockedBirthDates],
        BirthDateFormats = [.. BirthDateFormats],
        EmailRemovePlusTags = EmailRemovePlusTags,
        EmailDotInsensitiveDomains = [.. EmailDotInsensitiveDomains],
        EmailDomainAliases = new Dictionary<string, string>(EmailDomainAliases, StringComparer.Ordinal),
        StreetAbbreviations = new Dictionary<string, string>(StreetAbbreviations, StringComparer.Ordinal),
        DefaultCallingCode = DefaultCallingCode,
    };
}
