using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using RelationshipKit.Summaries;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// The fast route of <see cref="TransactionCsvLoader"/>: reads a transactions CSV file whole into (huge-page) memory
/// as UTF-8 bytes and parses it on several threads, each its own byte range (split at line breaks) into its slice of the
/// columns, and merges them in file order. It reads well-formed files only: RFC 4180 records (quoted fields with
/// <c>""</c> escapes and line breaks, LF or CRLF line ends, a UTF-8 byte-order mark) whose fields the general route
/// would accept. At the first row it is not sure of (a field that would be an error, a blank line, a lone CR, a
/// quote inside an unquoted field, a quoted line break that straddles two ranges, text that is not valid UTF-8, ...)
/// it gives up, and the general route reads the file from the start, so that results and error messages (the
/// first bad row in file order, with its line and column) are exactly those of the general route.
/// </summary>
internal static unsafe class FastTransactionCsvReader
{
    /// <summary>A range gets at least this many bytes; smaller files are read by one thread.</summary>
    internal const long MinBytesPerWorker = 1 << 20;

    /// <summary>Records longer than this are left to the general route (which has its own limit).</summary>
    private const int MaxRecordBytes = 1 << 18;

    /// <summary>Columns read must be among the first this many.</summary>
    private const int MaxColumn = 1024;

    /// <summary>Customers per chunk of the merge's parallel work.</summary>
    private const int MergeChunk = 1 << 16;

    /// <summary>Spans over the file bytes are at most this long; a range is parsed block by block.</summary>
    private const int BlockBytes = 1 << 30;

    /// <summary>Reads <paramref name="input"/> (whose header the caller has checked) through the fast route.</summary>
    /// <param name="input">The open input; its stream must be a seekable file for this route.</param>
    /// <param name="ordinals">The customer, date, amount and order columns (-1 for no order column).</param>
    /// <param name="progress">Progress on stderr.</param>
    /// <param name="workers">The number of threads (1 or more); small files use fewer.</param>
    /// <param name="whyNot">When the route gives up: why (for <c>RELKIT_TIMINGS</c> and tests).</param>
    /// <returns>The rows, or <see langword="null"/> when the general route must read the file.</returns>
    /// <param name="minBytesPerWorker">A range gets at least this many bytes (tests lower it to split small files).</param>
    public static LoadedTransactions? TryLoad(CsvInput input, int[] ordinals, Progress progress, int workers, out string? whyNot, long minBytesPerWorker = MinBytesPerWorker)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ordinals);
        ArgumentNullException.ThrowIfNull(progress);
        if (ordinals.Max() >= MaxColumn)
        {
            whyNot = $"a column beyond the {MaxColumn:N0}th"; // fields are located on the stack
            return null;
        }

        if (input.Stream is not FileStream { CanSeek: true } file)
        {
            whyNot = "the input is not a seekable file";
            return null;
        }

        long length;
        try
        {
            length = file.Length;
        }
        catch (IOException ex)
        {
            whyNot = ex.Message;
            return null;
        }

        if (length == 0)
        {
            whyNot = "the file is empty";
            return null;
        }

        // The file is read into memory rather than mapped: a mapped file that another process truncates while it is
        // parsed would kill this process with SIGBUS, while a short read is just a reason to take the general route.
        HugePageBuffer bytes;
        try
        {
            bytes = HugePageBuffer.Allocate(length);
        }
        catch (OutOfMemoryException)
        {
            whyNot = "not enough memory to hold the file";
            return null;
        }

        using (bytes)
        {
            long read;
            try
            {
                read = ReadAll(file.SafeFileHandle, bytes.Pointer, length);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                whyNot = $"cannot read the file: {ex.Message}";
                return null;
            }

            if (read != length)
            {
                whyNot = "the file changed size while it was read";
                return null;
            }

            return Load(input, bytes.Pointer, length, ordinals, progress, workers, Math.Max(1, minBytesPerWorker), out whyNot);
        }
    }

    /// <summary>Reads up to <paramref name="length"/> bytes from the start of the file; returns how many there were.</summary>
    private static long ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte* destination, long length)
    {
        long done = 0;
        while (done < length)
        {
            int n = RandomAccess.Read(handle, new Span<byte>(destination + done, (int)Math.Min(length - done, BlockBytes)), done);
            if (n == 0)
            {
                break; // the file ended early
            }

            done += n;
        }

        return done;
    }

    private static LoadedTransactions? Load(CsvInput input, byte* file, long length, int[] ordinals, Progress progress, int workers, long minBytesPerWorker, out string? whyNot)
    {
        long start = 0;
        if (length >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF)
        {
            start = 3;
        }
        else if (length >= 2 && ((file[0] == 0xFE && file[1] == 0xFF) || (file[0] == 0xFF && file[1] == 0xFE)))
        {
            whyNot = "the file has a UTF-16 or UTF-32 byte-order mark";
            return null;
        }
        else if (length >= 4 && file[0] == 0 && file[1] == 0 && file[2] == 0xFE && file[3] == 0xFF)
        {
            whyNot = "the file has a UTF-32 byte-order mark";
            return null;
        }

        // The header: read it again with this route's tokenizer; it must give exactly the general route's names.
        var headerSpan = new ReadOnlySpan<byte>(file + start, (int)Math.Min(length - start, MaxRecordBytes));
        bool headerToEnd = length - start <= MaxRecordBytes;
        long dataStart = start + ReadHeader(headerSpan, headerToEnd, input.Header, out whyNot);
        if (whyNot is not null)
        {
            return null;
        }

        // Ranges: split at line breaks; a range starts at a record only if the range before it ends exactly there,
        // which each worker checks (a quoted line break could fool the split).
        long dataLength = length - dataStart;
        int count = (int)Math.Clamp(dataLength / minBytesPerWorker, 1, Math.Max(1, workers));
        long[] bounds = new long[count + 1];
        bounds[0] = dataStart;
        bounds[count] = length;
        for (int k = 1; k < count; k++)
        {
            long at = Math.Max(dataStart + (dataLength * k / count), bounds[k - 1]);
            long newline = IndexOfNewline(file, at, length);
            bounds[k] = newline < 0 ? length : newline + 1;
        }

        long[] lines = new long[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, k => lines[k] = CountNewlines(file, bounds[k], bounds[k + 1]));
        progress.Time("map and count lines");
        long capacity = 1;
        var offsets = new int[count];
        for (int k = 0; k < count; k++)
        {
            offsets[k] = (int)Math.Min(capacity - 1, int.MaxValue);
            capacity += lines[k];
        }

        if (capacity > Array.MaxLength)
        {
            whyNot = $"more than {Array.MaxLength:N0} lines";
            return null;
        }

        int rowsCapacity = (int)capacity;
        nuint occurredAtOffset = ((nuint)rowsCapacity * sizeof(int) + 63) & ~(nuint)63;
        nuint amountsOffset = occurredAtOffset + ((nuint)rowsCapacity * (nuint)sizeof(DateTimeOffset));
        HugePageBuffer buffer = HugePageBuffer.Allocate((long)amountsOffset + ((long)rowsCapacity * sizeof(decimal)));
        try
        {
            LoadedTransactions? loaded = Parse(input, file, length, ordinals, progress, workers, bounds, lines, offsets, buffer, occurredAtOffset, amountsOffset, rowsCapacity, out whyNot);
            if (loaded is not null)
            {
                buffer = null!; // owned by the result
            }

            return loaded;
        }
        finally
        {
            buffer?.Dispose();
        }
    }

    private static LoadedTransactions? Parse(
        CsvInput input,
        byte* file,
        long length,
        int[] ordinals,
        Progress progress,
        int workers,
        long[] bounds,
        long[] lines,
        int[] offsets,
        HugePageBuffer buffer,
        nuint occurredAtOffset,
        nuint amountsOffset,
        int rowsCapacity,
        out string? whyNot)
    {
        int count = offsets.Length;
        var columns = new ColumnPointers(
            (int*)buffer.Pointer,
            (DateTimeOffset*)(buffer.Pointer + occurredAtOffset),
            (decimal*)(buffer.Pointer + amountsOffset),
            ordinals[3] >= 0 ? new string?[rowsCapacity] : null,
            rowsCapacity);
        string?[]? orderIds = columns.OrderIds;

        var state = new SharedState();
        var parsers = new RangeParser[count];
        for (int k = 0; k < count; k++)
        {
            parsers[k] = new RangeParser(state, file, bounds[k], bounds[k + 1], bounds[k + 1] == length, ordinals, offsets[k], columns, (int)Math.Min(lines[k] + 1, 1 << 20));
        }

        Task[] others = new Task[count - 1];
        for (int k = 1; k < count; k++)
        {
            RangeParser parser = parsers[k];
            others[k - 1] = Task.Factory.StartNew(parser.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        parsers[0].Progress = progress;
        parsers[0].ProgressScale = count;
        parsers[0].Run();
        Task.WaitAll(others);
        progress.Done();
        progress.Time($"parse ({count} ranges)");
        foreach (RangeParser parser in parsers)
        {
            if (parser.WhyNot is not null)
            {
                whyNot = parser.WhyNot;
                return null;
            }
        }

        if (state.Failed)
        {
            whyNot = "a range gave up";
            return null;
        }

        // Merge: positions of the first range are global positions; each later range maps its first-seen customers
        // into the first range's table in its own first-seen order, which is the file's first-seen order.
        Utf8KeyIndex global = parsers[0].Keys;
        int[][] maps = new int[count][];
        for (int k = 1; k < count; k++)
        {
            Utf8KeyIndex local = parsers[k].Keys;
            int[] map = new int[local.Count];
            for (int p = 0; p < map.Length; p++)
            {
                map[p] = global.GetOrAdd(local.KeyAt(p), out _);
            }

            maps[k] = map;
        }

        // Strings for the customers and the remapping of the later ranges' rows, in chunks on all threads.
        var ids = new CustomerId[global.Count];
        var work = new List<(int Range, int From, int To)>();
        for (int from = 0; from < ids.Length; from += MergeChunk)
        {
            work.Add((-1, from, Math.Min(ids.Length, from + MergeChunk)));
        }

        for (int k = 1; k < count; k++)
        {
            for (int from = 0; from < parsers[k].Rows; from += 16 * MergeChunk)
            {
                work.Add((k, from, Math.Min(parsers[k].Rows, from + (16 * MergeChunk))));
            }
        }

        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, w =>
        {
            (int range, int from, int to) = work[w];
            if (range < 0)
            {
                for (int p = from; p < to; p++)
                {
                    ids[p] = new CustomerId(Encoding.UTF8.GetString(global.KeyAt(p)));
                }
            }
            else
            {
                Remap(new Span<int>(columns.CustomerIndex + parsers[range].RowOffset + from, to - from), maps[range]);
            }
        });
        var customers = new List<CustomerId>(ids);

        // Close the gaps a range leaves when it has fewer records than lines (quoted line breaks).
        int rows = 0;
        foreach (RangeParser parser in parsers)
        {
            if (parser.RowOffset != rows)
            {
                int from = parser.RowOffset;
                int n = parser.Rows;
                new Span<int>(columns.CustomerIndex + from, n).CopyTo(new Span<int>(columns.CustomerIndex + rows, n));
                new Span<DateTimeOffset>(columns.OccurredAt + from, n).CopyTo(new Span<DateTimeOffset>(columns.OccurredAt + rows, n));
                new Span<decimal>(columns.Amounts + from, n).CopyTo(new Span<decimal>(columns.Amounts + rows, n));
                if (orderIds is not null)
                {
                    Array.Copy(orderIds, from, orderIds, rows, n);
                }
            }

            rows += parser.Rows;
        }

        progress.Time("merge");
        whyNot = null;
        return new LoadedTransactions(input, ordinals, customers, buffer, occurredAtOffset, amountsOffset, orderIds, rows);
    }

    private static void Remap(Span<int> rows, int[] map)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = map[rows[i]];
        }
    }

    private static long IndexOfNewline(byte* file, long from, long to)
    {
        for (long at = from; at < to; at += BlockBytes)
        {
            int n = (int)Math.Min(to - at, BlockBytes);
            int i = new ReadOnlySpan<byte>(file + at, n).IndexOf((byte)'\n');
            if (i >= 0)
            {
                return at + i;
            }
        }

        return -1;
    }

    private static long CountNewlines(byte* file, long from, long to)
    {
        long count = 0;
        for (long at = from; at < to; at += BlockBytes)
        {
            int n = (int)Math.Min(to - at, BlockBytes);
            count += new ReadOnlySpan<byte>(file + at, n).Count((byte)'\n');
        }

        return count;
    }

    /// <summary>Reads the header record; returns its length with its line break, or sets <paramref name="whyNot"/>.</summary>
    private static int ReadHeader(ReadOnlySpan<byte> s, bool toEnd, IReadOnlyList<string> expected, out string? whyNot)
    {
        var names = new List<string>();
        int pos = 0;
        while (true)
        {
            FieldEnd end = Tokenizer.ReadField(s, ref pos, toEnd, out int fieldStart, out int fieldLength, out bool escaped);
            if (end is FieldEnd.Bad or FieldEnd.Incomplete)
            {
                whyNot = "the header is not plain CSV";
                return 0;
            }

            ReadOnlySpan<byte> raw = s.Slice(fieldStart, fieldLength);
            byte[]? scratch = escaped ? new byte[fieldLength] : null;
            ReadOnlySpan<byte> value = escaped ? Tokenizer.Unescape(raw, scratch) : raw;
            if (!Utf8.IsValid(value))
            {
                whyNot = "the header is not valid UTF-8";
                return 0;
            }

            names.Add(Encoding.UTF8.GetString(value));
            if (end == FieldEnd.Record)
            {
                break;
            }
        }

        if (!names.SequenceEqual(expected, StringComparer.Ordinal))
        {
            whyNot = "the header reads differently";
            return 0;
        }

        whyNot = null;
        return pos;
    }

    private enum FieldEnd
    {
        Comma,
        Record,
        Incomplete,
        Bad,
    }

    /// <summary>Where the ranges write their rows (native memory owned by the caller; row indexes below <see cref="Capacity"/>).</summary>
    private sealed class ColumnPointers(int* customerIndex, DateTimeOffset* occurredAt, decimal* amounts, string?[]? orderIds, int capacity)
    {
        public int* CustomerIndex { get; } = customerIndex;

        public DateTimeOffset* OccurredAt { get; } = occurredAt;

        public decimal* Amounts { get; } = amounts;

        public string?[]? OrderIds { get; } = orderIds;

        public int Capacity { get; } = capacity;
    }

    /// <summary>Set when any range gives up, so that the others stop early.</summary>
    private sealed class SharedState
    {
        private volatile bool _failed;

        public bool Failed => _failed;

        public void Fail() => _failed = true;
    }

    private static class Tokenizer
    {
        /// <summary>
        /// Reads the field at <paramref name="pos"/>: an unquoted run, or a quoted field (whose content, between the
        /// quotes, is returned with <paramref name="escaped"/> set when it holds <c>""</c>). Moves
        /// <paramref name="pos"/> past the comma or line break that ends it. <see cref="FieldEnd.Incomplete"/>: the
        /// span ends inside the record (and <paramref name="toEnd"/> is false, or the quote is unterminated).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static FieldEnd ReadField(ReadOnlySpan<byte> s, ref int pos, bool toEnd, out int start, out int length, out bool escaped)
        {
            int p = pos;
            escaped = false;
            int end;
            if (p < s.Length && s[p] == (byte)'"')
            {
                start = p + 1;
                p++;
                while (true)
                {
                    int q = s[p..].IndexOf((byte)'"');
                    if (q < 0)
                    {
                        length = 0;
                        return FieldEnd.Incomplete;
                    }

                    p += q + 1;
                    if (p < s.Length && s[p] == (byte)'"')
                    {
                        escaped = true;
                        p++;
                        continue;
                    }

                    if (p == s.Length && !toEnd)
                    {
                        length = 0;
                        return FieldEnd.Incomplete; // the next byte could be a second quote
                    }

                    break;
                }

                end = p - 1;
            }
            else
            {
                start = p;
                while (p < s.Length)
                {
                    byte b = s[p];
                    if (b > (byte)',' || (b != (byte)',' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'"'))
                    {
                        p++;
                        continue;
                    }

                    break;
                }

                end = p;
            }

            length = end - start;
            if (p == s.Length)
            {
                pos = p;
                return toEnd ? FieldEnd.Record : FieldEnd.Incomplete;
            }

            byte t = s[p];
            if (t == (byte)',')
            {
                pos = p + 1;
                return FieldEnd.Comma;
            }

            if (t == (byte)'\n')
            {
                pos = p + 1;
                return FieldEnd.Record;
            }

            if (t == (byte)'\r')
            {
                if (p + 1 < s.Length)
                {
                    if (s[p + 1] == (byte)'\n')
                    {
                        pos = p + 2;
                        return FieldEnd.Record;
                    }

                    return FieldEnd.Bad; // a lone CR
                }

                return toEnd ? FieldEnd.Bad : FieldEnd.Incomplete;
            }

            return FieldEnd.Bad; // a quote inside an unquoted field, or text after a closing quote
        }

        /// <summary>The content of a quoted field with each <c>""</c> turned into <c>"</c>.</summary>
        public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> raw, Span<byte> scratch)
        {
            int n = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                scratch[n++] = raw[i];
                if (raw[i] == (byte)'"')
                {
                    i++; // skip the second quote of the pair
                }
            }

            return scratch[..n];
        }
    }

    /// <summary>Parses one byte range into its slice of the columns, with its own customer table.</summary>
    private sealed class RangeParser
    {
        private const int BatchSize = 16;

        private readonly SharedState _state;
        private readonly byte* _file;
        private readonly long _from;
        private readonly long _to;
        private readonly bool _toEndOfFile;
        private readonly int _customerColumn;
        private readonly int _dateColumn;
        private readonly int _amountColumn;
        private readonly int _orderColumn;
        private readonly int _needed;
        private readonly int _capacity;
        private readonly int* _customerIndex;
        private readonly DateTimeOffset* _occurredAt;
        private readonly decimal* _amounts;
        private readonly string?[]? _orderIds;
        private readonly byte[] _lastDate = new byte[64];
        private readonly byte[][] _scratch = new byte[4][];

        // Customer ids waiting to be looked up: their slots are prefetched as rows are read, then resolved in row order.
        private readonly int[] _batchStart = new int[BatchSize];
        private readonly int[] _batchLength = new int[BatchSize];
        private readonly ulong[] _batchHead = new ulong[BatchSize];
        private readonly uint[] _batchHash = new uint[BatchSize];
        private readonly bool[] _batchDirect = new bool[BatchSize];
        private int _batchCount;
        private int _lastDateLength = -1;
        private DateTimeOffset _lastDateValue;

        public RangeParser(
            SharedState state,
            byte* file,
            long from,
            long to,
            bool toEndOfFile,
            int[] ordinals,
            int rowOffset,
            ColumnPointers columns,
            int expectedKeys)
        {
            _state = state;
            _file = file;
            _from = from;
            _to = to;
            _toEndOfFile = toEndOfFile;
            _customerColumn = ordinals[0];
            _dateColumn = ordinals[1];
            _amountColumn = ordinals[2];
            _orderColumn = ordinals[3];
            _needed = Math.Max(Math.Max(_customerColumn, _dateColumn), Math.Max(_amountColumn, _orderColumn)) + 1;
            RowOffset = rowOffset;
            _capacity = columns.Capacity;
            _customerIndex = columns.CustomerIndex;
            _occurredAt = columns.OccurredAt;
            _amounts = columns.Amounts;
            _orderIds = columns.OrderIds;
            // Customer numbers below the number of lines are kept in a direct array (at most 4 bytes a line).
            Keys = new Utf8KeyIndex(Math.Min(expectedKeys, 1 << 18), (int)Math.Min(Math.Max(to - from, 0) / 4, 1 << 26));
        }

        public Utf8KeyIndex Keys { get; }

        public int RowOffset { get; }

        public int Rows { get; private set; }

        public string? WhyNot { get; private set; }

        public Progress? Progress { get; set; }

        public int ProgressScale { get; set; } = 1;

        public void Run()
        {
            try
            {
                long at = _from;
                while (at < _to)
                {
                    int n = (int)Math.Min(_to - at, BlockBytes);
                    bool last = at + n == _to;
                    var block = new ReadOnlySpan<byte>(_file + at, n);
                    int consumed = ParseBlock(block, last && _toEndOfFile, last);
                    ResolveBatch(block);
                    if (WhyNot is not null)
                    {
                        _state.Fail();
                        return;
                    }

                    if (consumed == 0)
                    {
                        GiveUp("a record longer than a block");
                        _state.Fail();
                        return;
                    }

                    at += consumed;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever it is, the general route will meet it again and report it properly.
                GiveUp($"{ex.GetType().Name}: {ex.Message}");
                _state.Fail();
            }
        }

        private void GiveUp(string why) => WhyNot ??= why;

        /// <summary>Parses the complete records of <paramref name="s"/>; returns the bytes consumed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int ParseBlock(ReadOnlySpan<byte> s, bool toEndOfFile, bool lastBlock)
        {
            Span<int> starts = stackalloc int[_needed];
            Span<int> lengths = stackalloc int[_needed];
            Span<bool> escapes = stackalloc bool[_needed];
            int pos = 0;
            int row = RowOffset + Rows;
            while (pos < s.Length)
            {
                int recordStart = pos;
                int field = 0;
                FieldEnd end;
                do
                {
                    end = Tokenizer.ReadField(s, ref pos, toEndOfFile, out int start, out int length, out bool escaped);
                    if (end is FieldEnd.Incomplete or FieldEnd.Bad)
                    {
                        break;
                    }

                    if (field < _needed)
                    {
                        starts[field] = start;
                        lengths[field] = length;
                        escapes[field] = escaped;
                    }

                    field++;
                }
                while (end == FieldEnd.Comma);

                if (end == FieldEnd.Incomplete)
                {
                    if (lastBlock)
                    {
                        GiveUp(toEndOfFile ? "an unterminated quote or a lone CR at the end" : "a quoted line break across two ranges");
                    }
                    else if (s.Length - recordStart > MaxRecordBytes)
                    {
                        GiveUp("a very long record");
                    }

                    return recordStart;
                }

                if (end == FieldEnd.Bad)
                {
                    GiveUp($"not plain CSV at byte {_from + recordStart:N0}");
                    return recordStart;
                }

                if (pos - recordStart > MaxRecordBytes)
                {
                    GiveUp("a very long record");
                    return recordStart;
                }

                if (field < _needed || (field == 1 && lengths[0] == 0))
                {
                    GiveUp($"a short or blank line at byte {_from + recordStart:N0}");
                    return recordStart;
                }

                if (row >= _capacity)
                {
                    GiveUp("more records than lines");
                    return recordStart;
                }

                if (!Store(s, row, starts, lengths, escapes))
                {
                    return recordStart;
                }

                row++;
                Rows++;
                if ((Rows & 0xFFFF) == 0)
                {
                    if (_state.Failed)
                    {
                        GiveUp("another range gave up");
                        return recordStart;
                    }

                    Progress?.Report("reading", (long)Rows * ProgressScale, "rows");
                }
            }

            return pos;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Store(ReadOnlySpan<byte> s, int row, Span<int> starts, Span<int> lengths, Span<bool> escapes)
        {
            // Customer id.
            int c = _customerColumn;
            ReadOnlySpan<byte> id = Value(s, starts[c], lengths[c], escapes[c], 0);
            if (!IsPlainId(id))
            {
                GiveUp($"an unusual customer id in row {row + 1:N0}");
                return false;
            }

            // Date.
            ReadOnlySpan<byte> date = Value(s, starts[_dateColumn], lengths[_dateColumn], escapes[_dateColumn], 1);
            DateTimeOffset at;
            if (date.Length == _lastDateLength && date.SequenceEqual(_lastDate.AsSpan(0, _lastDateLength)))
            {
                at = _lastDateValue;
            }
            else
            {
                Span<char> chars = stackalloc char[64];
                if (date.Length > chars.Length
                    || System.Text.Ascii.ToUtf16(date, chars, out int written) != System.Buffers.OperationStatus.Done
                    || !DateParsing.TryParse(chars[..written], out at, out _))
                {
                    GiveUp($"an unusual date in row {row + 1:N0}");
                    return false;
                }

                date.CopyTo(_lastDate);
                _lastDateLength = date.Length;
                _lastDateValue = at;
            }

            // Amount.
            ReadOnlySpan<byte> amountText = Value(s, starts[_amountColumn], lengths[_amountColumn], escapes[_amountColumn], 2);
            if (!NumberParsing.TryParseDecimalAscii(amountText, out decimal amount))
            {
                GiveUp($"an unusual amount in row {row + 1:N0}");
                return false;
            }

            // Order id.
            if (_orderColumn >= 0)
            {
                ReadOnlySpan<byte> order = Value(s, starts[_orderColumn], lengths[_orderColumn], escapes[_orderColumn], 3);
                if (!Utf8.IsValid(order))
                {
                    GiveUp($"an order id that is not valid UTF-8 in row {row + 1:N0}");
                    return false;
                }

                string text = Encoding.UTF8.GetString(order);
                _orderIds![row] = string.IsNullOrWhiteSpace(text) ? null : text;
            }

            _occurredAt[row] = at;
            _amounts[row] = amount;
            if (escapes[c])
            {
                // Unescaped into scratch: look it up now, after the rows waiting before it (first-seen order).
                ResolveBatch(s);
                _customerIndex[row] = Keys.GetOrAdd(id, out _);
            }
            else
            {
                int k = _batchCount++;
                _batchStart[k] = starts[c];
                _batchLength[k] = id.Length;
                if (Keys.IsDirect(id, out uint number))
                {
                    _batchHead[k] = number;
                    _batchHash[k] = uint.MaxValue;
                    _batchDirect[k] = true;
                    Keys.PrefetchDirect(number);
                }
                else
                {
                    ulong head = starts[c] + 8 <= s.Length
                        ? Utf8KeyIndex.HeadOfWide(ref Unsafe.AsRef(in s[starts[c]]), id.Length)
                        : Utf8KeyIndex.HeadOf(id);
                    uint hash = Utf8KeyIndex.HashOf(head, id);
                    _batchHead[k] = head;
                    _batchHash[k] = hash;
                    _batchDirect[k] = false;
                    Keys.Prefetch(hash);
                }

                _customerIndex[row] = -1;
                if (_batchCount == BatchSize)
                {
                    ResolveBatch(s, row);
                }
            }

            return true;
        }

        /// <summary>Looks up the waiting ids (in row order) and fills in their rows, the last of which is <paramref name="lastRow"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ResolveBatch(ReadOnlySpan<byte> s, int lastRow)
        {
            int first = lastRow - _batchCount + 1;
            for (int k = 0; k < _batchCount; k++)
            {
                ReadOnlySpan<byte> id = s.Slice(_batchStart[k], _batchLength[k]);
                _customerIndex[first + k] = _batchDirect[k]
                    ? Keys.GetOrAddDirect(id, (uint)_batchHead[k], out _)
                    : Keys.GetOrAdd(id, _batchHead[k], _batchHash[k], out _);
            }

            _batchCount = 0;
        }

        private void ResolveBatch(ReadOnlySpan<byte> s)
        {
            if (_batchCount > 0)
            {
                ResolveBatch(s, RowOffset + Rows - 1);
            }
        }

        private ReadOnlySpan<byte> Value(ReadOnlySpan<byte> s, int start, int length, bool escaped, int slot)
        {
            ReadOnlySpan<byte> raw = s.Slice(start, length);
            if (!escaped)
            {
                return raw;
            }

            byte[] scratch = _scratch[slot] ??= new byte[MaxRecordBytes];
            return Tokenizer.Unescape(raw, scratch);
        }

        /// <summary>
        /// Whether the general route would take <paramref name="id"/> as it is: at most
        /// <see cref="CustomerId.MaxLength"/> characters, not all white space, valid UTF-8. Doubtful ids (say, only
        /// control characters) also return <see langword="false"/>, leaving the verdict to the general route.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool IsPlainId(ReadOnlySpan<byte> id)
        {
            if (id.Length == 0 || id.Length > CustomerId.MaxLength)
            {
                return false;
            }

            bool visible = false;
            foreach (byte b in id)
            {
                if (b >= 0x80)
                {
                    if (!Utf8.IsValid(id))
                    {
                        return false;
                    }

                    string text = Encoding.UTF8.GetString(id);
                    return !string.IsNullOrWhiteSpace(text);
                }

                visible |= b > (byte)' ';
            }

            return visible;
        }
    }
}
