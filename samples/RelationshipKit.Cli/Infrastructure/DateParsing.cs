using System.Globalization;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// Reads the dates the CLI accepts, from spans and without allocating: <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c> (both
/// taken as UTC midnight) and ISO 8601 date-times with a UTC offset (<c>2024-03-01T10:15:00+01:00</c>,
/// <c>2024-03-01T09:15:00.5Z</c>; a space may replace the <c>T</c>). A date-time without an offset is rejected
/// rather than read in the machine's time zone.
/// </summary>
internal static class DateParsing
{
    /// <summary>The accepted formats, for error messages and help.</summary>
    public const string Formats = "yyyy-MM-dd, yyyyMMdd or ISO 8601 with a UTC offset (2024-03-01T10:15:00+01:00 or ...Z)";

    /// <summary>Reads <paramref name="text"/>; surrounding spaces are ignored.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant; date-only values are midnight UTC.</param>
    /// <param name="dateOnly">Whether the text was a date without a time.</param>
    /// <returns>Whether the text is a valid date in one of the accepted formats.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value, out bool dateOnly)
    {
        ReadOnlySpan<char> s = text.Trim(' ');
        value = default;
        dateOnly = false;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            dateOnly = true;
            return TryDigits(s[..4], out int y) && TryDigits(s.Slice(5, 2), out int m) && TryDigits(s.Slice(8, 2), out int d)
                && TryDate(y, m, d, out value);
        }

        if (s.Length == 8)
        {
            dateOnly = true;
            return TryDigits(s[..4], out int y) && TryDigits(s.Slice(4, 2), out int m) && TryDigits(s.Slice(6, 2), out int d)
                && TryDate(y, m, d, out value);
        }

        if (s.Length >= 16 && s[4] == '-' && s[7] == '-' && s[10] is 'T' or 't' or ' ' && s[13] == ':')
        {
            if (TryParseDateTime(s, out value))
            {
                return true;
            }
        }

        // Rarer ISO 8601 spellings: let the framework try, but only when an offset is stated.
        return HasOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (!TryDigits(s[..4], out int y) || !TryDigits(s.Slice(5, 2), out int mo) || !TryDigits(s.Slice(8, 2), out int d)
            || !TryDigits(s.Slice(11, 2), out int h) || !TryDigits(s.Slice(14, 2), out int mi))
        {
            return false;
        }

        int i = 16;
        int sec = 0;
        long fraction = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (i + 3 > s.Length || !TryDigits(s.Slice(i + 1, 2), out sec))
            {
                return false;
            }

            i += 3;
            if (i < s.Length && s[i] is '.' or ',')
            {
                i++;
                int digits = 0;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (s[i] - '0');
                    }

                    digits++;
                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    fraction *= 10;
                }
            }
        }

        if (i >= s.Length)
        {
            return false; // no offset
        }

        int offsetMinutes;
        if (s[i] is 'Z' or 'z')
        {
            offsetMinutes = 0;
            i++;
        }
        else if (s[i] is '+' or '-')
        {
            int sign = s[i] == '-' ? -1 : 1;
            ReadOnlySpan<char> o = s[(i + 1)..];
            int oh;
            int om = 0;
            if (o.Length == 2 && TryDigits(o, out oh))
            {
            }
            else if (o.Length == 4 && TryDigits(o[..2], out oh) && TryDigits(o[2..], out om))
            {
            }
            else if (o.Length == 5 && o[2] == ':' && TryDigits(o[..2], out oh) && TryDigits(o[3..], out om))
            {
            }
            else
            {
                return false;
            }

            if (oh > 14 || om > 59 || (oh == 14 && om > 0))
            {
                return false;
            }

            offsetMinutes = sign * ((oh * 60) + om);
            i = s.Length;
        }
        else
        {
            return false;
        }

        if (i != s.Length || h > 23 || mi > 59 || sec > 59 || !TryDate(y, mo, d, out DateTimeOffset date))
        {
            return false;
        }

        long local = date.Ticks + (h * TimeSpan.TicksPerHour) + (mi * TimeSpan.TicksPerMinute) + (sec * TimeSpan.TicksPerSecond) + fraction;
        long utc = local - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool HasOffset(ReadOnlySpan<char> s)
    {
        int t = s.IndexOfAny('T', 't', ' ');
        if (t < 0)
        {
            return false;
        }

        ReadOnlySpan<char> time = s[(t + 1)..];
        return time.Length > 0 && (time[^1] is 'Z' or 'z' || time.IndexOfAny('+', '-') >= 0);
    }

    private static bool TryDate(int year, int month, int day, out DateTimeOffset value)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        int v = 0;
        foreach (char c in s)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                value = 0;
                return false;
            }

            v = (v * 10) + (int)digit;
        }

        value = v;
        return true;
    }
}
