using System.Globalization;
using System.Numerics;
using System.Text;

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

    /// <summary>
    /// <see cref="TryParseDecimal(ReadOnlySpan{char}, out decimal)"/> for ASCII text given as UTF-8 bytes, with the
    /// same result whenever it returns <see langword="true"/>. It returns <see langword="false"/> for text the char
    /// overload rejects, and also, undecided, for text that is not ASCII or is longer than 64 bytes: callers that
    /// must tell the two apart read such text with the char overload.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDecimalAscii(ReadOnlySpan<byte> utf8, out decimal value)
    {
        if (utf8.Length > 0 && utf8[0] != (byte)' ' && utf8[^1] != (byte)' ' && TryParseSimple(utf8, out value))
        {
            return true;
        }

        Span<char> chars = stackalloc char[64];
        if (utf8.Length > chars.Length || Ascii.ToUtf16(utf8, chars, out int written) != System.Buffers.OperationStatus.Done)
        {
            value = 0m;
            return false;
        }

        return TryParseDecimal(chars[..written], out value);
    }

    // Fast path: [+-]digits[.digits] with at most 18 significant digits (UTF-16 chars or UTF-8 bytes).
    private static bool TryParseSimple<T>(ReadOnlySpan<T> s, out decimal value)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        value = 0m;
        int i = 0;
        bool negative = false;
        uint first = s.Length > 0 ? uint.CreateTruncating(s[0]) : 0;
        if (first is '-' or '+')
        {
            negative = first == '-';
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0;
        int scale = 0;
        bool point = false;
        for (; i < s.Length; i++)
        {
            uint c = uint.CreateTruncating(s[i]);
            uint digit = c - '0';
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

        bool anyDigit = s.Length - (negative || first == '+' ? 1 : 0) - (point ? 1 : 0) > 0;
        if (!anyDigit || scale > 28)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)scale);
        return true;
    }
}
