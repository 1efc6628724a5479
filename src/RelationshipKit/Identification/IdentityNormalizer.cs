using System.Globalization;

namespace RelationshipKit.Identification;

/// <summary>
/// Normalises field values for comparison: per <see cref="FieldKind"/>, with junk values (the blocked lists of
/// <see cref="NormalizationOptions"/>) treated as missing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Text, names and streets: Unicode NFKC, culture-invariant lower case with Turkish <c>İ</c>/<c>ı</c> folded to
/// <c>i</c>, diacritics removed (<c>Müller</c> and <c>Muller</c> agree; the German <c>ue</c> spelling is a typo-level
/// difference that Jaro-Winkler catches), <c>ß</c> to <c>ss</c>, apostrophes dropped (<c>O'Brien</c> is <c>obrien</c>),
/// other punctuation and runs of white space to one space. Streets also expand common abbreviations.</item>
/// <item>Postcodes and identifiers: the same folding with every separator removed (<c>SW1A 1AA</c> is <c>sw1a1aa</c>).</item>
/// <item>E-mail: lower case, <c>mailto:</c> and angle brackets removed, checked for one <c>@</c> and a dotted domain;
/// domain aliases, plus tags and dot-insensitive domains per the options.</item>
/// <item>Phone: the <see cref="IPhoneNumberNormalizer"/>, then too-short, repeated-digit and blocked numbers are dropped.</item>
/// <item>Dates: parsed with the configured formats (invariant culture) and written <c>yyyyMMdd</c>; impossible dates
/// (<c>19810231</c>) and placeholder dates are missing.</item>
/// </list>
/// <para>Immutable after construction; thread-safe.</para>
/// </remarks>
public sealed class IdentityNormalizer
{
    private readonly NormalizationOptions _options;
    private readonly HashSet<string> _blockedText;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _blockedTextLookup;
    private readonly HashSet<string> _blockedCompact;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _blockedCompactLookup;
    private readonly HashSet<string> _blockedEmails;
    private readonly HashSet<string> _blockedDomains;
    private readonly HashSet<string> _blockedLocalParts;
    private readonly HashSet<string> _dotInsensitive;
    private readonly Dictionary<string, string> _domainAliases;
    private readonly Dictionary<string, string> _streetAbbreviations;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _streetLookup;
    private readonly string[] _blockedPhones;
    private readonly HashSet<DateOnly> _blockedDates;
    private readonly string[] _dateFormats;
    private readonly bool _isoFast;
    private readonly bool _compactFast;

    [ThreadStatic]
    private static char[]? t_scratch;

    [ThreadStatic]
    private static char[]? t_scratch2;

    /// <summary>Creates a normaliser.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <param name="phoneNumberNormalizer">The phone normaliser; a <see cref="DigitsPhoneNumberNormalizer"/> with <see cref="NormalizationOptions.DefaultCallingCode"/> when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public IdentityNormalizer(NormalizationOptions? options = null, IPhoneNumberNormalizer? phoneNumberNormalizer = null)
    {
        options ??= new NormalizationOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                nameof(NormalizationOptions), typeof(NormalizationOptions), problems.Select(p => p.ErrorMessage!));
        }

        _options = options.Clone();
        PhoneNumberNormalizer = phoneNumberNormalizer ?? new DigitsPhoneNumberNormalizer(_options.DefaultCallingCode);
        _blockedText = new HashSet<string>(StringComparer.Ordinal);
        _blockedCompact = new HashSet<string>(StringComparer.Ordinal);
        foreach (string v in _options.BlockedValues.Where(v => v is not null))
        {
            _blockedText.Add(TextFolding.FoldToString(v, compact: false));
            _blockedCompact.Add(TextFolding.FoldToString(v, compact: true));
        }

        _blockedText.Remove(string.Empty);
        _blockedCompact.Remove(string.Empty);
        _blockedTextLookup = _blockedText.GetAlternateLookup<ReadOnlySpan<char>>();
        _blockedCompactLookup = _blockedCompact.GetAlternateLookup<ReadOnlySpan<char>>();
        _blockedEmails = new HashSet<string>(_options.BlockedEmails.Where(e => e is not null).Select(e => e.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _blockedDomains = new HashSet<string>(_options.BlockedEmailDomains.Where(e => e is not null).Select(e => e.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _blockedLocalParts = new HashSet<string>(_options.BlockedEmailLocalParts.Where(e => e is not null).Select(e => e.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _dotInsensitive = new HashSet<string>(_options.EmailDotInsensitiveDomains.Where(e => e is not null).Select(e => e.Trim().ToLowerInvariant()), StringComparer.Ordinal);
        _domainAliases = _options.EmailDomainAliases.ToDictionary(p => p.Key.Trim().ToLowerInvariant(), p => p.Value.Trim().ToLowerInvariant(), StringComparer.Ordinal);
        _streetAbbreviations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in _options.StreetAbbreviations)
        {
            _streetAbbreviations[TextFolding.FoldToString(pair.Key, false)] = TextFolding.FoldToString(pair.Value, false);
        }

        _streetLookup = _streetAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _blockedPhones = [.. _options.BlockedPhoneNumbers.Where(p => p is not null).Select(p => new string([.. p.Where(char.IsAsciiDigit)])).Where(p => p.Length > 0)];
        _blockedDates = [.. _options.BlockedBirthDates];
        _dateFormats = [.. _options.BirthDateFormats];
        _isoFast = _dateFormats.Contains("yyyy-MM-dd", StringComparer.Ordinal);
        _compactFast = _dateFormats.Contains("yyyyMMdd", StringComparer.Ordinal);
    }

    /// <summary>The phone normaliser in use.</summary>
    public IPhoneNumberNormalizer PhoneNumberNormalizer { get; }

    /// <summary>Folds text as for <see cref="FieldKind.Text"/>, without checking blocked values.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The folded text (possibly empty).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TextFolding.FoldToString(value, compact: false);
    }

    /// <summary>Normalises one value.</summary>
    /// <param name="kind">How to normalise.</param>
    /// <param name="value">The value as given.</param>
    /// <returns>The normalised value, or <see langword="null"/> when the value is missing, unreadable (an invalid e-mail, phone number or date) or blocked.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    public string? Normalize(FieldKind kind, string? value)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined FieldKind.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TryNormalize(kind, value, out ReadOnlySpan<char> result, out string? allocated)
            ? allocated ?? result.ToString()
            : null;
    }

    /// <summary>Normalises a record's value of one field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="record">The record.</param>
    /// <returns>The normalised value, or <see langword="null"/> when missing, unreadable or blocked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public string? Normalize(FieldSelector field, IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Normalize(field.Kind, field.ValueOf(record));
    }

    /// <summary>Normalises a date value to a <see cref="DateOnly"/>.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="date">The date, when readable and not blocked.</param>
    /// <returns><see langword="true"/> when the value is a usable date.</returns>
    public bool TryNormalizeDate(string? value, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(value) && TryParseDate(value.AsSpan().Trim(), out date) && !_blockedDates.Contains(date);
    }

    /// <summary>Normalises into a span (no allocation for ASCII text) or an allocated string; false when missing or blocked.</summary>
    internal bool TryNormalize(FieldKind kind, string value, out ReadOnlySpan<char> result, out string? allocated)
    {
        allocated = null;
        result = default;
        char[] scratch = t_scratch ??= new char[256];
        try
        {
            switch (kind)
            {
                case FieldKind.Text or FieldKind.Name:
                    result = scratch.AsSpan(0, TextFolding.Fold(value, compact: false, ref scratch));
                    return result.Length > 0 && !_blockedTextLookup.Contains(result);
                case FieldKind.Street:
                    result = scratch.AsSpan(0, TextFolding.Fold(value, compact: false, ref scratch));
                    if (result.Length == 0 || _blockedTextLookup.Contains(result))
                    {
                        return false;
                    }

                    result = ExpandAbbreviations(result);
                    return true;
                case FieldKind.Postcode or FieldKind.Identifier:
                    result = scratch.AsSpan(0, TextFolding.Fold(value, compact: true, ref scratch));
                    return result.Length > 0 && !_blockedCompactLookup.Contains(result);
                case FieldKind.Email:
                    allocated = NormalizeEmail(value);
                    return allocated is not null;
                case FieldKind.Phone:
                    allocated = NormalizePhone(value);
                    return allocated is not null;
                case FieldKind.Date:
                    if (TryParseDate(value.AsSpan().Trim(), out DateOnly date) && !_blockedDates.Contains(date))
                    {
                        Span<char> text = scratch;
                        date.TryFormat(text, out int written, "yyyyMMdd", CultureInfo.InvariantCulture);
                        result = text[..written];
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
        finally
        {
            t_scratch = scratch;
        }
    }

    private ReadOnlySpan<char> ExpandAbbreviations(ReadOnlySpan<char> folded)
    {
        if (_streetAbbreviations.Count == 0)
        {
            return folded;
        }

        char[] output = t_scratch2 ??= new char[256];
        TextFolding.EnsureCapacity(ref output, (folded.Length * 4) + 16);
        t_scratch2 = output;
        int n = 0;
        bool changed = false;
        foreach (Range r in folded.Split(' '))
        {
            ReadOnlySpan<char> token = folded[r];
            if (n > 0)
            {
                output[n++] = ' ';
            }

            if (_streetLookup.TryGetValue(token, out string? expansion))
            {
                changed = true;
                TextFolding.EnsureCapacity(ref output, n + expansion.Length + folded.Length + 16);
                t_scratch2 = output;
                expansion.CopyTo(output.AsSpan(n));
                n += expansion.Length;
            }
            else
            {
                TextFolding.EnsureCapacity(ref output, n + token.Length + folded.Length + 16);
                t_scratch2 = output;
                token.CopyTo(output.AsSpan(n));
                n += token.Length;
            }
        }

        return changed ? output.AsSpan(0, n) : folded;
    }

    private string? NormalizeEmail(string value)
    {
        string s = value.Trim();
        if (!System.Text.Ascii.IsValid(s))
        {
            s = s.Normalize(System.Text.NormalizationForm.FormKC);
        }

        s = s.ToLowerInvariant();
        if (s.StartsWith("mailto:", StringComparison.Ordinal))
        {
            s = s[7..];
        }

        s = s.Trim().Trim('<', '>').Trim();
        int at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1 || s.IndexOf('@') != at)
        {
            return null;
        }

        string local = s[..at];
        string domain = s[(at + 1)..].TrimEnd('.');
        if (local.Length > 64 || domain.Length is < 3 or > 253 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (char c in s)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '(' or ')' or '[' or ']' or '\\' or '"' or ':')
            {
                return null;
            }
        }

        if (_domainAliases.TryGetValue(domain, out string? canonical))
        {
            domain = canonical;
        }

        if (_options.EmailRemovePlusTags)
        {
            int plus = local.IndexOf('+', StringComparison.Ordinal);
            if (plus > 0)
            {
                local = local[..plus];
            }
        }

        if (_dotInsensitive.Contains(domain))
        {
            local = local.Replace(".", string.Empty, StringComparison.Ordinal);
        }

        if (local.Length == 0)
        {
            return null;
        }

        string address = local + "@" + domain;
        if (_blockedEmails.Contains(address) || _blockedDomains.Contains(domain) || _blockedLocalParts.Contains(local))
        {
            return null;
        }

        return address;
    }

    private string? NormalizePhone(string value)
    {
        if (!PhoneNumberNormalizer.TryNormalize(value, out string? normalized) || string.IsNullOrEmpty(normalized))
        {
            return null;
        }

        bool international = normalized[0] == '+';
        ReadOnlySpan<char> digits = international ? normalized.AsSpan(1) : normalized.AsSpan();
        if (digits.Length < _options.MinimumPhoneDigits || digits.ContainsAnyExcept(DigitChars))
        {
            return digits.Length < _options.MinimumPhoneDigits ? null : normalized;
        }

        int maxSkip = international ? 3 : 0;
        for (int skip = 0; skip <= maxSkip && skip < digits.Length; skip++)
        {
            ReadOnlySpan<char> rest = digits[skip..];
            if (_options.BlockRepeatedDigitPhoneNumbers && rest.Length >= 5 && !rest.ContainsAnyExcept(rest[0]))
            {
                return null;
            }

            foreach (string blocked in _blockedPhones)
            {
                if (rest.SequenceEqual(blocked) || (rest.Length > 1 && rest[0] == '0' && rest[1..].SequenceEqual(blocked)))
                {
                    return null;
                }
            }
        }

        return normalized;
    }

    private static readonly System.Buffers.SearchValues<char> DigitChars = System.Buffers.SearchValues.Create("0123456789");

    private bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length > 10 && (s[10] == 'T' || s[10] == ' ') && s[4] == '-')
        {
            s = s[..10];
        }

        if (_compactFast && s.Length == 8 && !s.ContainsAnyExcept(DigitChars))
        {
            return TryDate(Digits(s[..4]), Digits(s[4..6]), Digits(s[6..8]), out date);
        }

        if (_isoFast && s.Length == 10 && s[4] == '-' && s[7] == '-' && !s[..4].ContainsAnyExcept(DigitChars) && !s[5..7].ContainsAnyExcept(DigitChars) && !s[8..].ContainsAnyExcept(DigitChars))
        {
            return TryDate(Digits(s[..4]), Digits(s[5..7]), Digits(s[8..10]), out date);
        }

        foreach (string format in _dateFormats)
        {
            if (DateOnly.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date))
            {
                return true;
            }
        }

        return false;
    }

    private static int Digits(ReadOnlySpan<char> s)
    {
        int v = 0;
        foreach (char c in s)
        {
            v = (v * 10) + (c - '0');
        }

        return v;
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
