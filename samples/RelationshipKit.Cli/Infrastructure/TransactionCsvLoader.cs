using System.Runtime.InteropServices;
using RelationshipKit.Summaries;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>The columns of a transactions CSV, as given on the command line.</summary>
/// <param name="Customer">The customer id column.</param>
/// <param name="Date">The date column.</param>
/// <param name="Amount">The amount column.</param>
/// <param name="Order">The order id column, if any.</param>
internal sealed record TransactionColumnNames(string Customer, string Date, string Amount, string? Order = null);

/// <summary>A transaction log read from CSV into columns (<see cref="AsColumns"/>), with what is needed to point at its lines.</summary>
internal sealed class LoadedTransactions : IDisposable
{
    private readonly CsvInput _input;
    private readonly int[] _ordinals; // customer, date, amount, order (-1 when none)
    private readonly int[]? _customerIndex;
    private readonly DateTimeOffset[]? _occurredAt;
    private readonly decimal[]? _amounts;
    private readonly HugePageBuffer? _buffer;
    private readonly nuint _occurredAtOffset;
    private readonly nuint _amountsOffset;
    private readonly string?[]? _orderIds;

    /// <summary>Rows held in arrays.</summary>
    internal LoadedTransactions(CsvInput input, int[] ordinals, List<CustomerId> customers, int[] customerIndex, DateTimeOffset[] occurredAt, decimal[] amounts, string?[]? orderIds, int count)
    {
        _input = input;
        _ordinals = ordinals;
        Customers = customers;
        _customerIndex = customerIndex;
        _occurredAt = occurredAt;
        _amounts = amounts;
        _orderIds = orderIds;
        Count = count;
    }

    /// <summary>Rows held in <paramref name="buffer"/> (which this object then owns): customer positions from byte 0, then the dates and the amounts from the given offsets.</summary>
    internal LoadedTransactions(CsvInput input, int[] ordinals, List<CustomerId> customers, HugePageBuffer buffer, nuint occurredAtOffset, nuint amountsOffset, string?[]? orderIds, int count)
    {
        _input = input;
        _ordinals = ordinals;
        Customers = customers;
        _buffer = buffer;
        _occurredAtOffset = occurredAtOffset;
        _amountsOffset = amountsOffset;
        _orderIds = orderIds;
        Count = count;
    }

    /// <summary>The distinct customers, in first-seen order.</summary>
    public List<CustomerId> Customers { get; }

    /// <summary>The number of rows read.</summary>
    public int Count { get; }

    /// <summary>The rows as library columns (nothing copied; valid until <see cref="Dispose"/>).</summary>
    public TransactionColumns AsColumns() => _buffer is null
        ? new(
            CollectionsMarshal.AsSpan(Customers),
            _customerIndex.AsSpan(0, Count),
            _occurredAt.AsSpan(0, Count),
            _amounts.AsSpan(0, Count),
            _orderIds is null ? default : _orderIds.AsSpan(0, Count))
        : new(
            CollectionsMarshal.AsSpan(Customers),
            _buffer.Slice<int>(0, Count),
            _buffer.Slice<DateTimeOffset>(_occurredAtOffset, Count),
            _buffer.Slice<decimal>(_amountsOffset, Count),
            _orderIds is null ? default : _orderIds.AsSpan(0, Count));

    /// <summary>Frees the native memory of the columns, if any.</summary>
    public void Dispose() => _buffer?.Dispose();

    /// <summary>Turns the library's complaint about row <see cref="InvalidTransactionException.TransactionIndex"/> into one about its line and column.</summary>
    public CliInputException Explain(InvalidTransactionException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        int ordinal = ex.FieldName switch
        {
            nameof(Transaction.CustomerId) => _ordinals[0],
            nameof(Transaction.OccurredAt) => _ordinals[1],
            nameof(Transaction.Amount) => _ordinals[2],
            nameof(Transaction.OrderId) => _ordinals[3],
            _ => -1,
        };
        string reason = StripPrefix(ex.Message);
        if (ex.TransactionIndex < 0)
        {
            return new CliInputException($"{_input.DisplayName}: {reason}", ex);
        }

        long line = ex.TransactionIndex + 2; // the header is line 1
        return ordinal < 0
            ? CliInputException.AtField(_input.DisplayName, line, 0, null, reason, ex)
            : _input.ErrorAt(line, ordinal, reason, ex);
    }

    // The library's message reads "Transaction N: reason (Parameter 'X')"; the CLI states the line instead.
    private static string StripPrefix(string message)
    {
        string text = CliInputException.WithoutParameterNote(message);
        if (text.StartsWith("Transaction ", StringComparison.Ordinal))
        {
            int colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                text = text[(colon + 2)..];
            }
        }

        return text;
    }
}

/// <summary>Which way <see cref="TransactionCsvLoader.Load"/> reads a file.</summary>
internal enum TransactionLoadRoute
{
    /// <summary>The fast route (<see cref="FastTransactionCsvReader"/>) when the input is a file, else or when it gives up the general route.</summary>
    Auto,

    /// <summary>Only the general route: Sylvan's reader, one thread.</summary>
    General,
}

/// <summary>
/// Reads a transactions CSV into columns, fast: first through <see cref="FastTransactionCsvReader"/> (UTF-8 bytes
/// from a memory map, parsed on all cores), and, when that route gives up (any row it is not sure of) or the input
/// is not a file, through the general route: Sylvan's reader with spans instead of strings and one string per
/// distinct customer. Both give the same rows; errors always come from the general route.
/// </summary>
internal static class TransactionCsvLoader
{
    private const int InitialRows = 1 << 16;
    private const int SampleRows = 1 << 14;

    /// <summary>Reads every record of <paramref name="input"/>.</summary>
    /// <exception cref="CliInputException">A column is missing, or a field cannot be read; the message gives line and column.</exception>
    public static LoadedTransactions Load(CsvInput input, TransactionColumnNames names, Progress progress, TransactionLoadRoute route = TransactionLoadRoute.Auto)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(progress);
        int customerColumn = input.ColumnOf(names.Customer, "--customer-column");
        int dateColumn = input.ColumnOf(names.Date, "--date-column");
        int amountColumn = input.ColumnOf(names.Amount, "--amount-column");
        int orderColumn = names.Order is null ? -1 : input.ColumnOf(names.Order, "--order-column");
        int[] ordinals = [customerColumn, dateColumn, amountColumn, orderColumn];
        if (route == TransactionLoadRoute.Auto)
        {
            // Each thread keeps its own customer table, so more threads cost memory: eight are plenty for a CSV file.
            int threads = Math.Clamp(Environment.ProcessorCount, 1, 8);
            LoadedTransactions? fast = FastTransactionCsvReader.TryLoad(input, ordinals, progress, threads, out string? whyNot);
            if (fast is not null)
            {
                return fast;
            }

            progress.Note($"fast route not taken ({whyNot}); reading with the general route");
        }

        return LoadGeneral(input, ordinals, progress);
    }

    private static LoadedTransactions LoadGeneral(CsvInput input, int[] ordinals, Progress progress)
    {
        int customerColumn = ordinals[0];
        int dateColumn = ordinals[1];
        int amountColumn = ordinals[2];
        int orderColumn = ordinals[3];

        var keys = new CustomerKeyIndex();
        var customers = new List<CustomerId>();
        var customerIndex = new GrowableColumn<int>(InitialRows);
        var occurredAt = new GrowableColumn<DateTimeOffset>(InitialRows);
        var amounts = new GrowableColumn<decimal>(InitialRows);
        GrowableColumn<string?> orderIds = orderColumn >= 0 ? new(InitialRows) : default;

        // Customer ids are resolved in batches: each row's id is copied and its hash slot prefetched as the row is
        // read, and the batch is looked up once it is full, so that the cache misses of its rows overlap.
        var batch = new IdBatch();
        Span<char> lastDate = stackalloc char[40];
        int lastDateLength = -1;
        DateTimeOffset lastDateValue = default;
        long sampledChars = 0;
        int rows = 0;
        while (input.Read())
        {
            ReadOnlySpan<char> id = input.Field(customerColumn);
            if (id.Length > CustomerId.MaxLength)
            {
                throw input.Error(customerColumn, $"the customer id has {id.Length} characters; at most {CustomerId.MaxLength} are allowed.");
            }

            if (id.IsWhiteSpace())
            {
                throw input.Error(customerColumn, "the customer id is empty.");
            }

            ReadOnlySpan<char> date = input.Field(dateColumn);
            DateTimeOffset at;
            if (date.Length == lastDateLength && date.SequenceEqual(lastDate[..lastDateLength]))
            {
                at = lastDateValue;
            }
            else
            {
                if (!DateParsing.TryParse(date, out at, out _))
                {
                    throw input.Error(dateColumn, $"cannot read '{Shorten(date)}' as a date; expected {DateParsing.Formats}.");
                }

                if (date.Length <= lastDate.Length)
                {
                    date.CopyTo(lastDate);
                    lastDateLength = date.Length;
                    lastDateValue = at;
                }
            }

            ReadOnlySpan<char> amountText = input.Field(amountColumn);
            if (!NumberParsing.TryParseDecimal(amountText, out decimal amount))
            {
                throw input.Error(amountColumn, $"cannot read '{Shorten(amountText)}' as an amount; expected a number such as 12.34 or -5 (a refund).");
            }

            batch.Add(keys, id);
            customerIndex.Add(-1);
            occurredAt.Add(at);
            amounts.Add(amount);
            if (orderColumn >= 0)
            {
                ReadOnlySpan<char> order = input.Field(orderColumn);
                orderIds.Add(order.IsWhiteSpace() ? null : order.ToString());
            }

            rows++;
            if (batch.IsFull)
            {
                batch.Resolve(keys, customers, ref customerIndex, rows);
            }

            if (rows <= SampleRows)
            {
                sampledChars += input.RecordLength + 1;
                if (rows == SampleRows && input.Stream is { CanSeek: true } stream)
                {
                    // Size the columns once from the file length and the mean record length seen so far.
                    long estimate = (long)(stream.Length / ((double)sampledChars / rows) * 1.1) + 1024;
                    customerIndex.EnsureCapacity(estimate);
                    occurredAt.EnsureCapacity(estimate);
                    amounts.EnsureCapacity(estimate);
                }
            }

            if ((rows & 0xFFFF) == 0)
            {
                progress.Report("reading", rows, "rows");
            }
        }

        batch.Resolve(keys, customers, ref customerIndex, rows);
        progress.Done();
        progress.Time("general route");
        return new LoadedTransactions(
            input,
            ordinals,
            customers,
            customerIndex.Array,
            occurredAt.Array,
            amounts.Array,
            orderColumn >= 0 ? orderIds.Array : null,
            rows);
    }

    /// <summary>Up to <see cref="Size"/> customer ids waiting to be looked up, with their hashes.</summary>
    private sealed class IdBatch
    {
        public const int Size = 16;

        private readonly char[] _chars = new char[Size * CustomerId.MaxLength];
        private readonly int[] _lengths = new int[Size];
        private readonly uint[] _hashes = new uint[Size];
        private int _count;

        public bool IsFull => _count == Size;

        public void Add(CustomerKeyIndex keys, ReadOnlySpan<char> id)
        {
            id.CopyTo(_chars.AsSpan(_count * CustomerId.MaxLength));
            _lengths[_count] = id.Length;
            uint hash = CustomerKeyIndex.HashOf(id);
            _hashes[_count] = hash;
            keys.Prefetch(hash);
            _count++;
        }

        /// <summary>Looks the batch up in row order (so new customers get positions in first-seen order) and fills the last rows' customer positions.</summary>
        public void Resolve(CustomerKeyIndex keys, List<CustomerId> customers, ref GrowableColumn<int> customerIndex, int rows)
        {
            int first = rows - _count;
            for (int k = 0; k < _count; k++)
            {
                ReadOnlySpan<char> id = _chars.AsSpan(k * CustomerId.MaxLength, _lengths[k]);
                int c = keys.GetOrAdd(id, _hashes[k], out bool added);
                if (added)
                {
                    customers.Add(new CustomerId(id.ToString()));
                }

                customerIndex.Set(first + k, c);
            }

            _count = 0;
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
}
