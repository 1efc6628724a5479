using System.Text;
using Sylvan.Data.Csv;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// A forward-only reader over an RFC 4180 CSV file with a header line, built on Sylvan's <see cref="CsvDataReader"/>
/// with a large buffer. Fields are read as spans (no string per field); every error names the file, the line and
/// the column. Line numbers count records, the header being line 1; they equal physical lines unless a quoted
/// field spans several lines.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private const int BufferChars = 1 << 20;

    private readonly CsvDataReader _reader;
    private readonly string[] _header;
    private long _line = 1;

    private CsvInput(string displayName, CsvDataReader reader, Stream? stream)
    {
        DisplayName = displayName;
        _reader = reader;
        Stream = stream;
        _header = new string[reader.FieldCount];
        for (int i = 0; i < _header.Length; i++)
        {
            _header[i] = reader.GetName(i);
        }
    }

    /// <summary>The file name used in messages.</summary>
    public string DisplayName { get; }

    /// <summary>The underlying stream when reading a file (for size and position), else <see langword="null"/>.</summary>
    public Stream? Stream { get; }

    /// <summary>The current line: 1 for the header, then 2, 3, ... for the records.</summary>
    public long Line => _line;

    /// <summary>The column names of the header.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>Opens <paramref name="path"/>; a missing file or an empty one is bad input.</summary>
    /// <exception cref="CliInputException">The file does not exist, cannot be read, or has no header.</exception>
    public static CsvInput Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"{path}: cannot open the file: {ex.Message}", ex);
        }

        try
        {
            return Open(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), path, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV from <paramref name="text"/> (which the returned reader owns).</summary>
    /// <exception cref="CliInputException">The text has no header.</exception>
    public static CsvInput Open(TextReader text, string displayName, Stream? stream = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = ',',
            Quote = '"',
            BufferSize = BufferChars,
            OwnsReader = true,
            HeaderComparer = StringComparer.Ordinal,
        };
        CsvDataReader reader;
        try
        {
            reader = CsvDataReader.Create(text, options);
        }
        catch (CsvMissingHeadersException ex)
        {
            text.Dispose();
            throw CliInputException.AtField(displayName, 1, 0, null, "the file is empty: a header line naming the columns is required.", ex);
        }
        catch (CsvFormatException ex)
        {
            text.Dispose();
            throw CliInputException.AtField(displayName, 1, 0, null, $"the header is not valid CSV: {ex.Message}", ex);
        }

        if (reader.FieldCount == 0 || (reader.FieldCount == 1 && reader.GetName(0).Length == 0))
        {
            reader.Dispose();
            throw CliInputException.AtField(displayName, 1, 0, null, "the file is empty: a header line naming the columns is required.");
        }

        return new CsvInput(displayName, reader, stream);
    }

    /// <summary>The 0-based position of the column named <paramref name="name"/> (exact, case-sensitive match).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="option">The command-line option that named the column, for the message.</param>
    /// <exception cref="CliInputException">The header has no such column, or has it twice.</exception>
    public int ColumnOf(string name, string option)
    {
        int found = -1;
        for (int i = 0; i < _header.Length; i++)
        {
            if (string.Equals(_header[i], name, StringComparison.Ordinal))
            {
                if (found >= 0)
                {
                    throw new CliInputException($"{DisplayName}: line 1, column {i + 1}: the column '{name}' ({option}) appears twice in the header.");
                }

                found = i;
            }
        }

        if (found < 0)
        {
            string hint = string.Empty;
            for (int i = 0; i < _header.Length; i++)
            {
                if (string.Equals(_header[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    hint = $" (column {i + 1} is '{_header[i]}'; names are case- and space-sensitive)";
                    break;
                }
            }

            throw new CliInputException(
                $"{DisplayName}: line 1, column '{name}' ({option}): the header has no such column{hint}; it has {string.Join(", ", _header.Select(h => $"'{h}'"))}.");
        }

        return found;
    }

    /// <summary>Moves to the next record.</summary>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    /// <exception cref="CliInputException">The record is not valid CSV (for example an unterminated quote).</exception>
    public bool Read()
    {
        try
        {
            if (!_reader.Read())
            {
                return false;
            }
        }
        catch (CsvRecordTooLargeException ex)
        {
            throw CliInputException.AtField(DisplayName, _line + 1, 0, null, $"the record is longer than {BufferChars:N0} characters (an unterminated quote?).", ex);
        }
        catch (CsvFormatException ex)
        {
            throw CliInputException.AtField(DisplayName, _line + 1, 0, null, $"not valid CSV: {ex.Message}", ex);
        }

        _line++;
        return true;
    }

    /// <summary>The field at <paramref name="ordinal"/> of the current record, unquoted.</summary>
    /// <exception cref="CliInputException">The record has fewer fields than that.</exception>
    public ReadOnlySpan<char> Field(int ordinal)
    {
        if (ordinal >= _reader.RowFieldCount)
        {
            throw Error(ordinal, $"the line has {_reader.RowFieldCount} field(s) but the header has {_header.Length}.");
        }

        return _reader.GetFieldSpan(ordinal);
    }

    /// <summary>The length in characters of the current record as it stands in the file (without its line break).</summary>
    public int RecordLength => _reader.GetRawRecordSpan().Length;

    /// <summary>An error at a field of the current line.</summary>
    public CliInputException Error(int ordinal, string reason, Exception? inner = null) =>
        CliInputException.AtField(DisplayName, _line, ordinal + 1, _header[ordinal], reason, inner);

    /// <summary>An error at a field of an earlier line.</summary>
    public CliInputException ErrorAt(long line, int ordinal, string reason, Exception? inner = null) =>
        CliInputException.AtField(DisplayName, line, ordinal + 1, _header[ordinal], reason, inner);

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
