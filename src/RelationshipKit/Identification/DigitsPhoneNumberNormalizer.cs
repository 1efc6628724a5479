using System.Diagnostics.CodeAnalysis;

namespace RelationshipKit.Identification;

/// <summary>
/// The core's phone normaliser: keeps the digits. A leading <c>+</c> or <c>00</c> marks an international
/// number (<c>+</c> and the digits, i.e. E.164). A national number with one leading trunk zero becomes E.164 when
/// a default calling code is configured (<c>01632 960961</c> with <c>44</c> gives <c>+441632960961</c>);
/// otherwise it stays digits only, which still compares consistently within one country. A trunk zero written
/// in brackets after the country code (<c>+44 (0)20</c>) is dropped.
/// </summary>
/// <remarks>For numbering-plan aware parsing use RelationshipKit.PhoneNumbers. Immutable and thread-safe.</remarks>
public sealed class DigitsPhoneNumberNormalizer : IPhoneNumberNormalizer
{
    private readonly string? _callingCode;

    /// <summary>Creates the normaliser.</summary>
    /// <param name="defaultCallingCode">The country calling code for national numbers (1 to 3 digits, e.g. <c>44</c>), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The calling code is not 1 to 3 digits.</exception>
    public DigitsPhoneNumberNormalizer(string? defaultCallingCode = null)
    {
        if (defaultCallingCode is not null && !IsCallingCode(defaultCallingCode))
        {
            throw new ArgumentException($"A calling code is 1 to 3 digits without '+'; '{defaultCallingCode}' is not.", nameof(defaultCallingCode));
        }

        _callingCode = defaultCallingCode;
    }

    /// <summary>The calling code used for national numbers, or <see langword="null"/>.</summary>
    public string? DefaultCallingCode => _callingCode;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public bool TryNormalize(string value, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(value);

        // "+44 (0)20 ..." writes the national trunk zero in brackets; it is not dialled internationally.
        if (value.Contains("(0)", StringComparison.Ordinal))
        {
            value = value.Replace("(0)", string.Empty, StringComparison.Ordinal);
        }

        Span<char> digits = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        int n = 0;
        bool plus = false;
        bool seenDigit = false;
        foreach (char c in value)
        {
            if (c is >= '0' and <= '9')
            {
                digits[n++] = c;
                seenDigit = true;
            }
            else if (char.IsDigit(c))
            {
                digits[n++] = (char)('0' + (int)char.GetNumericValue(c));
                seenDigit = true;
            }
            else if (c == '+' && !seenDigit)
            {
                plus = true;
            }
            else if (char.IsLetter(c))
            {
                // "ext" and the like end the number.
                if (seenDigit)
                {
                    break;
                }
            }
        }

        ReadOnlySpan<char> d = digits[..n];
        if (d.Length == 0)
        {
            normalized = null;
            return false;
        }

        if (!plus && d.StartsWith("00"))
        {
            plus = true;
            d = d[2..];
        }

        if (plus)
        {
            normalized = d.Length == 0 ? null : "+" + d.ToString();
            return normalized is not null;
        }

        if (_callingCode is not null && d.Length > 1 && d[0] == '0' && d[1] != '0')
        {
            normalized = "+" + _callingCode + d[1..].ToString();
            return true;
        }

        normalized = d.ToString();
        return true;
    }

    internal static bool IsCallingCode(string code) => code.Length is >= 1 and <= 3 && code.All(char.IsAsciiDigit) && code[0] != '0';
}
