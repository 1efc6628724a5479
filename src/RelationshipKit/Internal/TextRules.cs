namespace RelationshipKit.Internal;

/// <summary>Checks for the free-text fields of interactions: no NUL, no lone surrogates, bounded length.</summary>
internal static class TextRules
{
    /// <summary>Returns null when the text is acceptable, else the reason.</summary>
    public static string? Check(string text, int maxLength, bool allowControl)
    {
        if (text.Length > maxLength)
        {
            return $"is {text.Length} characters long; the limit is {maxLength}";
        }

        ReadOnlySpan<char> span = text;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (c < ' ' || c == '\u007f')
            {
                if (c == '\0')
                {
                    return $"contains a NUL character at position {i}";
                }

                if (!allowControl)
                {
                    return $"contains a control character (U+{(int)c:X4}) at position {i}";
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
                {
                    return $"contains an unpaired surrogate (invalid UTF-16) at position {i}";
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return $"contains an unpaired surrogate (invalid UTF-16) at position {i}";
            }
        }

        return null;
    }
}
