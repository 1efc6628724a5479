using System.Globalization;
using System.Text;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// A fast CSV writer: fields are formatted into a private buffer in invariant culture and handed to the
/// underlying <see cref="TextWriter"/> in large blocks. Text fields are quoted as RFC 4180 requires (when they
/// hold a comma, a quote or a line break); records end with a line feed.
/// </summary>
internal sealed class CsvOutput : IDisposable
{
    private const int BufferChars = 1 << 16;
    private const int MaxFieldChars = 64;

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly char[] _buffer = new char[BufferChars];
    private readonly char[] _lastDate = new char[10];
    private long _lastDay = -1;
    private int _position;
    private bool _fieldWritten;

    public CsvOutput(TextWriter writer, bool ownsWriter)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Opens <paramref name="path"/> for writing (UTF-8 without a byte-order mark), or wraps <paramref name="stdout"/> when <paramref name="path"/> is null.</summary>
    /// <exception cref="CliInputException">The file cannot be created.</exception>
    public static CsvOutput Create(string? path, TextWriter stdout)
    {
        if (path is null)
        {
            return new CsvOutput(stdout, ownsWriter: false);
        }

        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            return new CsvOutput(new StreamWriter(stream, new UTF8Encoding(false), 1 << 16), ownsWriter: true);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or UnauthorizedAccessException or IOException or ArgumentException or NotSupportedException)
        {
            throw CliInputException.AtOption("--out", $"cannot create '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes a header or any text field, quoting it when needed.</summary>
    public void Text(ReadOnlySpan<char> value)
    {
        Separator();
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            Raw(value);
            return;
        }

        Raw("\"");
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                Raw(value[start..(i + 1)]);
                Raw("\"");
                start = i + 1;
            }
        }

        Raw(value[start..]);
        Raw("\"");
    }

    /// <summary>Writes an integer.</summary>
    public void Number(long value)
    {
        Separator();
        Span<char> slot = Reserve();
        value.TryFormat(slot, out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a double in the shortest form that reads back to the same value (as "R").</summary>
    public void Number(double value)
    {
        Separator();
        Span<char> slot = Reserve();
        value.TryFormat(slot, out int written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Writes a decimal without trailing zeros (29.730 is written 29.73, 5.00 is written 5).</summary>
    public void Number(decimal value)
    {
        Separator();
        Span<char> slot = Reserve();
        value.TryFormat(slot, out int written, default, CultureInfo.InvariantCulture);
        if (slot[..written].Contains('.'))
        {
            while (slot[written - 1] == '0')
            {
                written--;
            }

            if (slot[written - 1] == '.')
            {
                written--;
            }
        }

        _position += written;
    }

    /// <summary>Writes a decimal as formatted by default, keeping its scale (12.50 stays 12.50).</summary>
    public void Money(decimal value)
    {
        Separator();
        Span<char> slot = Reserve();
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[1] == 0 && bits[2] == 0 && bits[3] == (2 << 16))
        {
            // A non-negative amount in cents (what the simulator makes): integer part, point, two digits.
            uint cents = (uint)bits[0];
            (cents / 100).TryFormat(slot, out int written, default, CultureInfo.InvariantCulture);
            slot[written] = '.';
            WriteDigits(slot[(written + 1)..], (int)(cents % 100), 2);
            _position += written + 3;
            return;
        }

        value.TryFormat(slot, out int length, default, CultureInfo.InvariantCulture);
        _position += length;
    }

    /// <summary>Writes the UTC date of <paramref name="value"/> as yyyy-MM-dd.</summary>
    public void Date(DateTimeOffset value)
    {
        Separator();
        Span<char> slot = Reserve();
        long day = value.UtcTicks / TimeSpan.TicksPerDay;
        if (day != _lastDay)
        {
            DateTime utc = value.UtcDateTime;
            WriteDigits(_lastDate, utc.Year, 4);
            _lastDate[4] = '-';
            WriteDigits(_lastDate.AsSpan(5), utc.Month, 2);
            _lastDate[7] = '-';
            WriteDigits(_lastDate.AsSpan(8), utc.Day, 2);
            _lastDay = day;
        }

        _lastDate.CopyTo(slot);
        _position += 10;
    }

    /// <summary>Writes <paramref name="value"/> in UTC as yyyy-MM-ddTHH:mm:ssZ (fractions of a second dropped).</summary>
    public void DateTimeUtc(DateTimeOffset value)
    {
        Date(value);
        Span<char> slot = Reserve();
        DateTime utc = value.UtcDateTime;
        slot[0] = 'T';
        WriteDigits(slot[1..], utc.Hour, 2);
        slot[3] = ':';
        WriteDigits(slot[4..], utc.Minute, 2);
        slot[6] = ':';
        WriteDigits(slot[7..], utc.Second, 2);
        slot[9] = 'Z';
        _position += 10;
    }

    /// <summary>Ends the record.</summary>
    public void EndRecord()
    {
        Raw("\n");
        _fieldWritten = false;
    }

    /// <summary>Hands everything buffered to the underlying writer and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private static void WriteDigits(Span<char> slot, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            slot[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private void Separator()
    {
        if (_fieldWritten)
        {
            Raw(",");
        }

        _fieldWritten = true;
    }

    private Span<char> Reserve()
    {
        if (_position + MaxFieldChars > _buffer.Length)
        {
            FlushBuffer();
        }

        return _buffer.AsSpan(_position, MaxFieldChars);
    }

    private void Raw(ReadOnlySpan<char> text)
    {
        if (_position + text.Length > _buffer.Length)
        {
            FlushBuffer();
            if (text.Length > _buffer.Length)
            {
                _writer.Write(text);
                return;
            }
        }

        text.CopyTo(_buffer.AsSpan(_position));
        _position += text.Length;
    }

    private void FlushBuffer()
    {
        if (_position > 0)
        {
            _writer.Write(_buffer, 0, _position);
            _position = 0;
        }
    }
}
