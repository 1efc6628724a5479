using System.Globalization;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>Reads amounts from spans without allocating.</summary>
internal static class NumberParsing
{
    /// <summary>
    /// Reads a decimal number in invariant culture: an optional sign, digits with an optional decimal point, and
    /// optionally an exponent (<c>1.5e3</c>); no thousands separators; surrounding spaces are ignored.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        ReadOnlySpan<char> s = text.Trim(' ');
        if (TryParseSimple(s, out value))
        {
            return true;
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return decimal.TryParse(s, Styles, CultureInfo.InvariantCulture, out value);
    }

    // Fast path: [+-]digits[.digits] with at most 18 significant digits.
    private static bool TryParseSimple(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0m;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0;
        int scale = 0;
        bool point = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (digits == 18)
                {
                    return false; // leave long numbers to the framework
                }

                mantissa = (mantissa * 10) + digit;
                if (mantissa != 0)
                {
                    digits++;
                }

                if (point)
                {
                    scale++;
                }
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        bool anyDigit = s.Length - (negative || (s.Length > 0 && s[0] == '+') ? 1 : 0) - (point ? 1 : 0) > 0;
        if (!anyDigit || scale > 28)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)scale);
        return true;
    }
}
