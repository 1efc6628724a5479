using System.Buffers;
using RelationshipKit.Internal;

namespace RelationshipKit.Summaries;

/// <summary>
/// Builds <see cref="CustomerSummary"/> values for a whole transaction log at once (batch).
/// </summary>
/// <remarks>
/// <para>The result is identical to feeding the same transactions, in any order, to a
/// <see cref="CustomerSummaryAccumulator"/> with the same options. Customers come out in the order in which
/// they first appear in the input; customers with no purchase up to the calibration end are left out.
/// Transactions after the calibration end (or, with an observation end, after it) only count in the
/// holdout figures (or not at all).</para>
/// <para>Cost: linear in the number of rows (a counting sort by customer; a customer's rows are sorted by
/// time only when they arrive out of order). See docs/BENCHMARKS.md for measured throughput.</para>
/// <para>An instance holds only its options and is thread-safe.</para>
/// </remarks>
public sealed class CustomerSummaryBuilder
{
    private readonly CustomerSummaryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Periodizer _periodizer;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated input; the system clock when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public CustomerSummaryBuilder(CustomerSummaryOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = (options ?? new CustomerSummaryOptions()).Clone();
        _options.ThrowIfInvalid();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _periodizer = new Periodizer(_options.Period, _options.TimeZoneId);
    }

    /// <summary>The period in which purchases merge.</summary>
    public PurchasePeriod Period => _options.Period;

    /// <summary>The unit of the summaries' durations.</summary>
    public TimeUnit TimeUnit => _options.TimeUnit;

    /// <summary>Summarises a sequence of transactions, without holdout figures.</summary>
    /// <param name="transactions">The transactions, in any order.</param>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <returns>One summary per customer with a purchase up to the calibration end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The calibration end is the default value.</exception>
    /// <exception cref="InvalidTransactionException">A transaction breaks a rule of <see cref="CustomerSummaryOptions"/>; nothing is returned.</exception>
    public CustomerSummaryTable Build(IEnumerable<Transaction> transactions, DateTimeOffset calibrationEnd) => Build(transactions, calibrationEnd, null);

    /// <summary>Summarises a transaction log held as columns, without holdout figures.</summary>
    /// <param name="columns">The log.</param>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <returns>One summary per customer with a purchase up to the calibration end, in first-seen order.</returns>
    /// <exception cref="ArgumentException">The calibration end is the default value.</exception>
    /// <exception cref="InvalidTransactionException">A row breaks a rule of <see cref="CustomerSummaryOptions"/>; nothing is returned.</exception>
    public CustomerSummaryTable Build(TransactionColumns columns, DateTimeOffset calibrationEnd) => Build(columns, calibrationEnd, null);

    /// <summary>Summarises a sequence of transactions.</summary>
    /// <param name="transactions">The transactions, in any order.</param>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <param name="observationEnd">The end of the holdout window, in a later period than <paramref name="calibrationEnd"/>; <see langword="null"/> for no holdout figures.</param>
    /// <returns>One summary per customer with a purchase up to the calibration end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The calibration end is the default value, or the observation end is not after it.</exception>
    /// <exception cref="InvalidTransactionException">A transaction breaks a rule of <see cref="CustomerSummaryOptions"/>; nothing is returned.</exception>
    public CustomerSummaryTable Build(IEnumerable<Transaction> transactions, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        int capacity = transactions.TryGetNonEnumeratedCount(out int known) ? known : 1024;
        var index = new Dictionary<CustomerId, int>();
        var customers = new List<CustomerId>();
        var rows = new List<int>(capacity);
        var times = new List<DateTimeOffset>(capacity);
        var amounts = new List<decimal>(capacity);
        List<string?>? orders = null;
        foreach (Transaction t in transactions)
        {
            if (!index.TryGetValue(t.CustomerId, out int c))
            {
                c = customers.Count;
                index.Add(t.CustomerId, c);
                customers.Add(t.CustomerId);
            }

            if (t.OrderId is not null && orders is null)
            {
                orders = new List<string?>(capacity);
                for (int i = 0; i < rows.Count; i++)
                {
                    orders.Add(null);
                }
            }

            rows.Add(c);
            times.Add(t.OccurredAt);
            amounts.Add(t.Amount);
            orders?.Add(t.OrderId);
        }

        var columns = new TransactionColumns(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(customers),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(times),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(amounts),
            orders is null ? default : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(orders));
        return Build(columns, calibrationEnd, observationEnd);
    }

    /// <summary>Summarises a transaction log held as columns (the fast path).</summary>
    /// <param name="columns">The log.</param>
    /// <param name="calibrationEnd">The end of the calibration period; the period that contains it is included.</param>
    /// <param name="observationEnd">The end of the holdout window, in a later period than <paramref name="calibrationEnd"/>; <see langword="null"/> for no holdout figures.</param>
    /// <returns>One summary per customer with a purchase up to the calibration end, in first-seen order.</returns>
    /// <exception cref="ArgumentException">The calibration end is the default value, or the observation end is not after it.</exception>
    /// <exception cref="InvalidTransactionException">A row breaks a rule of <see cref="CustomerSummaryOptions"/> or refers to a customer outside <see cref="TransactionColumns.Customers"/>; nothing is returned.</exception>
    public CustomerSummaryTable Build(TransactionColumns columns, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd)
    {
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        var validator = new TransactionValidator(_options, _timeProvider);
        int n = columns.Count;
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt;
        ReadOnlySpan<decimal> amounts = columns.Amounts;
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        bool hasOrders = !orderIds.IsEmpty;
        int customerCount = customers.Length;

        long[] keys = ArrayPool<long>.Shared.Rent(Math.Max(n, 1));
        int[] perm = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        int[] start = ArrayPool<int>.Shared.Rent(customerCount + 1);
        int[] seenOrder = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));
        try
        {
            Array.Clear(start, 0, customerCount + 1);
            int distinct = 0;

            // Pass 1: validate, compute period keys, count rows per customer, remember first-seen order.
            for (int i = 0; i < n; i++)
            {
                int c = customerIndex[i];
                if ((uint)c >= (uint)customerCount)
                {
                    throw new InvalidTransactionException(
                        nameof(Transaction.CustomerId),
                        $"Transaction {i}: customer index {c} is outside the {customerCount} customers given.",
                        i);
                }

                DateTimeOffset at = occurredAt[i];
                validator.Check(customers[c], at, amounts[i], hasOrders ? orderIds[i] : null, i);
                keys[i] = _periodizer.KeyOf(at);
                if (start[c + 1]++ == 0)
                {
                    seenOrder[distinct++] = c;
                }
            }

            // Prefix sums: start[c] is the first slot of customer c.
            for (int c = 0; c < customerCount; c++)
            {
                start[c + 1] += start[c];
            }

            // Pass 2: stable scatter of row numbers by customer (start[c] advances to the end of c's slots).
            for (int i = 0; i < n; i++)
            {
                perm[start[customerIndex[i]]++] = i;
            }

            var writer = new SummaryTableWriter(distinct, _periodizer, _options.TimeUnit, calibrationKey, observationKey);
            OrderLedger? seenOrders = hasOrders ? new() : null;
            long observationBound = observationKey ?? long.MinValue;
            long[]? sortKeys = null;
            try
            {
                for (int s = 0; s < distinct; s++)
                {
                    int c = seenOrder[s];
                    int end = start[c];
                    int begin = c == 0 ? 0 : start[c - 1];
                    Span<int> rows = perm.AsSpan(begin, end - begin);
                    if (!IsSorted(rows, keys))
                    {
                        if (sortKeys is null || sortKeys.Length < rows.Length)
                        {
                            if (sortKeys is not null)
                            {
                                ArrayPool<long>.Shared.Return(sortKeys);
                            }

                            sortKeys = ArrayPool<long>.Shared.Rent(rows.Length);
                        }

                        Span<long> k = sortKeys.AsSpan(0, rows.Length);
                        for (int j = 0; j < rows.Length; j++)
                        {
                            k[j] = keys[rows[j]];
                        }

                        k.Sort(rows);
                    }

                    seenOrders?.Clear();
                    var folder = new SummaryFolder(calibrationKey, observationBound);
                    int r = 0;
                    while (r < rows.Length)
                    {
                        long key = keys[rows[r]];
                        decimal spend = 0m;
                        int purchases = 0;
                        DateTimeOffset firstAt = default;
                        DateTimeOffset lastAt = default;
                        for (; r < rows.Length && keys[rows[r]] == key; r++)
                        {
                            int row = rows[r];
                            decimal amount = amounts[row];
                            if (seenOrders is not null && orderIds[row] is { } orderId
                                && !seenOrders.FirstSighting(customers[c], orderId, occurredAt[row], amount, row))
                            {
                                continue;
                            }

                            spend += amount;
                            if (amount >= 0m)
                            {
                                DateTimeOffset at = occurredAt[row];
                                firstAt = purchases == 0 ? at : SummaryFolder.Earlier(firstAt, at);
                                lastAt = purchases == 0 ? at : SummaryFolder.Later(lastAt, at);
                                purchases++;
                            }
                        }

                        folder.Add(key, spend, purchases, firstAt, lastAt);
                    }

                    if (folder.HasPurchase)
                    {
                        writer.Add(customers[c], folder);
                    }
                }
            }
            finally
            {
                if (sortKeys is not null)
                {
                    ArrayPool<long>.Shared.Return(sortKeys);
                }
            }

            return writer.ToTable();
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(perm);
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<int>.Shared.Return(seenOrder);
        }
    }

    private static bool IsSorted(ReadOnlySpan<int> rows, long[] keys)
    {
        for (int j = 1; j < rows.Length; j++)
        {
            if (keys[rows[j]] < keys[rows[j - 1]])
            {
                return false;
            }
        }

        return true;
    }
}
