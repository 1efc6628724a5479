using System.Globalization;
using System.Text;

namespace RelationshipKit.Identification;

/// <summary>
/// Culture-invariant folding of text for comparison: NFKC, lower case, Turkish dotted and dotless i to i,
/// diacritics removed, a few letters that do not decompose spelled out (ß to ss, æ to ae, ø to o, ł to l, þ to th),
/// apostrophes dropped, other punctuation and white space collapsed to one space (or dropped in compact mode).
/// ASCII input takes a fast path with no allocation.
/// </summary>
internal static class TextFolding
{
    /// <summary>Folds <paramref name="input"/> into <paramref name="scratch"/> (grown when needed) and returns the folded length.</summary>
    public static int Fold(ReadOnlySpan<char> input, bool compact, ref char[] scratch)
    {
        EnsureCapacity(ref scratch, input.Length + 16);
        if (System.Text.Ascii.IsValid(input))
        {
            return FoldAscii(input, compact, scratch);
        }

        string s = input.ToString();
        if (!s.IsNormalized(NormalizationForm.FormKC))
        {
            s = s.Normalize(NormalizationForm.FormKC);
        }

        s = s.Normalize(NormalizationForm.FormD);
        EnsureCapacity(ref scratch, (s.Length * 2) + 16);
        Span<char> output = scratch;
        int n = 0;
        bool pendingSpace = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            UnicodeCategory cat = CharUnicodeInfo.GetUnicodeCategory(c);
            switch (cat)
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                    continue;
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                    or UnicodeCategory.Surrogate:
                    if (c is '\u02BC' or '\u02BB')
                    {
                        continue; // modifier-letter apostrophes
                    }

                    if (pendingSpace && n > 0 && !compact)
                    {
                        output[n++] = ' ';
                    }

                    pendingSpace = false;
                    if (cat == UnicodeCategory.DecimalDigitNumber)
                    {
                        output[n++] = (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c));
                        continue;
                    }

                    char lower = char.ToLowerInvariant(c);
                    switch (lower)
                    {
                        case 'ß': output[n++] = 's'; output[n++] = 's'; break;
                        case 'æ': output[n++] = 'a'; output[n++] = 'e'; break;
                        case 'œ': output[n++] = 'o'; output[n++] = 'e'; break;
                        case 'þ': output[n++] = 't'; output[n++] = 'h'; break;
                        case 'ø': output[n++] = 'o'; break;
                        case 'đ' or 'ð': output[n++] = 'd'; break;
                        case 'ł' or 'ŀ': output[n++] = 'l'; break;
                        case 'ħ': output[n++] = 'h'; break;
                        case 'ı': output[n++] = 'i'; break;
                        case 'ſ': output[n++] = 's'; break;
                        case 'ς': output[n++] = 'σ'; break;
                        default: output[n++] = lower; break;
                    }

                    break;
                default:
                    if (IsApostrophe(c))
                    {
                        continue;
                    }

                    pendingSpace = true;
                    break;
            }
        }

        return n;
    }

    private static int FoldAscii(ReadOnlySpan<char> input, bool compact, Span<char> output)
    {
        int n = 0;
        bool pendingSpace = false;
        foreach (char c in input)
        {
            char o;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                o = c;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                o = (char)(c + 32);
            }
            else if (c is '\'' or '`')
            {
                continue;
            }
            else
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && n > 0 && !compact)
            {
                output[n++] = ' ';
            }

            pendingSpace = false;
            output[n++] = o;
        }

        return n;
    }

    public static string FoldToString(ReadOnlySpan<char> input, bool compact)
    {
        char[] scratch = new char[input.Length + 16];
        int n = Fold(input, compact, ref scratch);
        return new string(scratch, 0, n);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '`' or '\u2018' or '\u2019' or '\u00B4' or '\u02B9' or '\u02BC';

    internal static void EnsureCapacity(ref char[] scratch, int length)
    {
        if (scratch.Length < length)
        {
            scratch = new char[Math.Max(length, scratch.Length * 2)];
        }
    }
}
