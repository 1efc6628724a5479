namespace RelationshipKit.Internal;

/// <summary>Writes CSV fields (RFC 4180): a field with a comma, a quote or a line break is quoted, quotes doubled.</summary>
internal static class Csv
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\"\r\n");

    public static void WriteField(TextWriter writer, ReadOnlySpan<char> field)
    {
        if (field.IndexOfAny(Special) < 0)
        {
            writer.Write(field);
            return;
        }

        writer.Write('"');
        foreach (char c in field)
        {
            if (c == '"')
            {
                writer.Write('"');
            }

            writer.Write(c);
        }

        writer.Write('"');
    }
}
