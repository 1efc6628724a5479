namespace RelationshipKit.Samples.Store;

/// <summary>A plain-text table with aligned columns: a header starting with '&gt;' is right-aligned (numbers), else left.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _right;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    public TextTable(params string[] headers)
    {
        _headers = new string[headers.Length];
        _right = new bool[headers.Length];
        for (int i = 0; i < headers.Length; i++)
        {
            _right[i] = headers[i].StartsWith('>');
            _headers[i] = _right[i] ? headers[i][1..] : headers[i];
        }
    }

    /// <summary>The number of rows added.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row (missing cells are blank).</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table, indented by two spaces.</summary>
    public void Write(TextWriter writer)
    {
        int[] width = new int[_headers.Length];
        for (int c = 0; c < width.Length; c++)
        {
            width[c] = _headers[c].Length;
            foreach (string[] row in _rows)
            {
                width[c] = Math.Max(width[c], c < row.Length ? row[c].Length : 0);
            }
        }

        WriteRow(writer, _headers, width);
        writer.Write("  ");
        for (int c = 0; c < width.Length; c++)
        {
            writer.Write(new string('-', width[c]));
            writer.Write(c == width.Length - 1 ? string.Empty : "  ");
        }

        writer.WriteLine();
        foreach (string[] row in _rows)
        {
            WriteRow(writer, row, width);
        }
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] width)
    {
        var line = new System.Text.StringBuilder("  ");
        for (int c = 0; c < width.Length; c++)
        {
            string cell = c < cells.Length ? cells[c] : string.Empty;
            line.Append(_right[c] ? cell.PadLeft(width[c]) : cell.PadRight(width[c]));
            if (c < width.Length - 1)
            {
                line.Append("  ");
            }
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
