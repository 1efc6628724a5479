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
    private readonly AmountRange _amountRange;

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
        _amountRange = new AmountRange(_options.MinimumAmount, _options.MaximumAmount);
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
        // How it works (all scratch is pooled; nothing is allocated per customer or per row):
        // 1. One pass in input order checks every row (so the first bad row is the one reported), counts each
        //    customer's rows and ranks customers by first sighting. Rank order is the output order.
        // 2. One pass in input order copies each row's time and amount into the bucket of its customer's rank
        //    (1,024 customers to a bucket), keeping input order within a bucket. Writes go to one place per bucket,
        //    not to one place per customer as a plain counting sort's do: a million scattered destinations cost
        //    a cache and TLB miss per row, a thousand sequential ones almost nothing.
        // 3. Bucket by bucket, in rank order, a counting sort within the bucket (which fits in the cache) groups
        //    the rows by customer, still in input order, and each customer's rows are folded period by period.
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        var validator = new TransactionValidator(_options, _timeProvider, _amountRange);
        int n = columns.Count;
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        bool hasOrders = !orderIds.IsEmpty;

        Tally[] tallies = Rent<Tally>(customers.Length);
        int[] byRank = Rent<int>(customers.Length);
        int[]? rankStart = null;
        Purchase[]? partitioned = null;
        ushort[]? slotInBucket = null;
        int[]? partitionedRow = null;
        try
        {
            Array.Clear(tallies, 0, customers.Length);
            int distinct = CheckAndCount(columns, validator, tallies, byRank);

            // rankStart[s]: where the rows of the customer of rank s start when rows are in rank order.
            rankStart = Rent<int>(distinct + 1);
            int maxRows = 0;
            rankStart[0] = 0;
            for (int s = 0; s < distinct; s++)
            {
                int rows = tallies[byRank[s]].Rows;
                maxRows = Math.Max(maxRows, rows);
                rankStart[s + 1] = rankStart[s] + rows;
            }

            partitioned = Rent<Purchase>(n);
            slotInBucket = Rent<ushort>(n);
            partitionedRow = hasOrders ? Rent<int>(n) : null;
            int maxBucketRows = Partition(columns, tallies, rankStart, distinct, partitioned, slotInBucket, partitionedRow);

            var writer = new SummaryTableWriter(distinct, _periodizer, _options.TimeUnit, calibrationKey, observationKey);
            var fold = new CustomerFold(_periodizer, calibrationKey, observationKey ?? long.MinValue, maxRows, maxBucketRows, orderIds);
            try
            {
                for (int firstRank = 0; firstRank < distinct; firstRank += BucketSize)
                {
                    int lastRank = Math.Min(firstRank + BucketSize, distinct);
                    int bucketBegin = rankStart[firstRank];
                    int bucketEnd = rankStart[lastRank];
                    fold.Group(
                        rankStart.AsSpan(firstRank, lastRank - firstRank + 1),
                        partitioned.AsSpan(bucketBegin, bucketEnd - bucketBegin),
                        slotInBucket.AsSpan(bucketBegin, bucketEnd - bucketBegin),
                        partitionedRow is null ? default : partitionedRow.AsSpan(bucketBegin, bucketEnd - bucketBegin));
                    for (int s = firstRank; s < lastRank; s++)
                    {
                        CustomerId customer = customers[byRank[s]];
                        SummaryFolder folder = fold.Fold(customer, rankStart[s] - bucketBegin, rankStart[s + 1] - bucketBegin);
                        if (folder.HasPurchase)
                        {
                            writer.Add(customer, folder);
                        }
                    }
                }
            }
            finally
            {
                fold.Dispose();
            }

            return writer.ToTable();
        }
        finally
        {
            ArrayPool<Tally>.Shared.Return(tallies);
            ArrayPool<int>.Shared.Return(byRank);
            ReturnIfRented(rankStart);
            ReturnIfRented(partitioned);
            ReturnIfRented(slotInBucket);
            ReturnIfRented(partitionedRow);
        }
    }

    // Customers per bucket of the partition pass: a bucket's rows (about ten per customer in a typical log) then
    // fit in the second-level cache, and there are few enough buckets for their write positions to stay cached.
    private const int BucketShift = 10;
    private const int BucketSize = 1 << BucketShift;

    /// <summary>
    /// Pass 1, in input order: checks every row, counts each customer's rows, ranks customers by first sighting.
    /// A customer id is checked once, at its first row; a row is checked in full only when the quick test fails, so
    /// that the error (and its row) is exactly the one a row-by-row <see cref="TransactionValidator.Check"/> reports.
    /// </summary>
    /// <returns>The number of distinct customers; <paramref name="byRank"/> holds them in first-seen order.</returns>
    private static int CheckAndCount(TransactionColumns columns, in TransactionValidator validator, Tally[] tallies, int[] byRank)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt;
        ReadOnlySpan<decimal> amounts = columns.Amounts;
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        bool hasOrders = !orderIds.IsEmpty;
        int customerCount = customers.Length;
        int distinct = 0;
        for (int i = 0; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customerCount)
            {
                throw new InvalidTransactionException(
                    nameof(Transaction.CustomerId),
                    $"Transaction {i}: customer index {c} is outside the {customerCount} customers given.",
                    i);
            }

            ref Tally tally = ref tallies[c];
            if (tally.Rows++ == 0)
            {
                TransactionValidator.CheckCustomer(customers[c], i);
                tally.Rank = distinct;
                byRank[distinct++] = c;
            }

            string? orderId = hasOrders ? orderIds[i] : null;
            if (!validator.Accepts(occurredAt[i], amounts[i], orderId))
            {
                validator.Check(customers[c], occurredAt[i], amounts[i], orderId, i); // throws, naming the rule broken
            }
        }

        return distinct;
    }

    /// <summary>
    /// Pass 2, in input order: copies each row's time and amount (and, with order ids, its row number) into the
    /// bucket of its customer's rank, and records the customer's slot within the bucket.
    /// </summary>
    /// <returns>The largest number of rows in one bucket.</returns>
    private static int Partition(
        TransactionColumns columns,
        Tally[] tallies,
        int[] rankStart,
        int distinct,
        Purchase[] partitioned,
        ushort[] slotInBucket,
        int[]? partitionedRow)
    {
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt;
        ReadOnlySpan<decimal> amounts = columns.Amounts;
        int bucketCount = (distinct + BucketSize - 1) >> BucketShift;
        int[] next = Rent<int>(bucketCount);
        try
        {
            int maxBucketRows = 0;
            for (int b = 0; b < bucketCount; b++)
            {
                next[b] = rankStart[b << BucketShift];
                int end = rankStart[Math.Min((b + 1) << BucketShift, distinct)];
                maxBucketRows = Math.Max(maxBucketRows, end - next[b]);
            }

            for (int i = 0; i < customerIndex.Length; i++)
            {
                int rank = tallies[customerIndex[i]].Rank;
                int at = next[rank >> BucketShift]++;
                partitioned[at] = new Purchase(occurredAt[i], amounts[i]);
                slotInBucket[at] = (ushort)(rank & (BucketSize - 1));
                if (partitionedRow is not null)
                {
                    partitionedRow[at] = i;
                }
            }

            return maxBucketRows;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(next);
        }
    }

    private static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(length, 1));

    private static void ReturnIfRented<T>(T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    /// <summary>A customer's row count and first-seen rank.</summary>
    private struct Tally
    {
        public int Rows;
        public int Rank;
    }

    /// <summary>One row's time and amount (32 bytes: half a cache line).</summary>
    private readonly struct Purchase(DateTimeOffset at, decimal amount)
    {
        public readonly DateTimeOffset At = at;
        public readonly decimal Amount = amount;
    }

    /// <summary>
    /// Pass 3: groups one bucket's rows by customer (<see cref="Group"/>), then folds each customer's rows into a
    /// <see cref="SummaryFolder"/> (<see cref="Fold"/>): period keys, a sort by key only when the rows are out of
    /// order, the merge of each period's rows. Holds pooled scratch sized for the largest bucket and customer.
    /// </summary>
    private ref struct CustomerFold
    {
        private readonly Periodizer _periodizer;
        private readonly long _calibrationKey;
        private readonly long _observationBound;
        private readonly ReadOnlySpan<string?> _orderIds;
        private readonly OrderLedger? _seenOrders;
        private Purchase[] _grouped;
        private int[]? _groupedRow;
        private int[] _next;
        private long[] _keys;
        private int[] _order;
        private int[] _identity;

        public CustomerFold(Periodizer periodizer, long calibrationKey, long observationBound, int maxRows, int maxBucketRows, ReadOnlySpan<string?> orderIds)
        {
            _periodizer = periodizer;
            _calibrationKey = calibrationKey;
            _observationBound = observationBound;
            _orderIds = orderIds;
            _seenOrders = orderIds.IsEmpty ? null : new OrderLedger();
            _grouped = Rent<Purchase>(maxBucketRows);
            _groupedRow = orderIds.IsEmpty ? null : Rent<int>(maxBucketRows);
            _next = Rent<int>(BucketSize);
            _keys = Rent<long>(maxRows);
            _order = Rent<int>(maxRows);
            _identity = Rent<int>(maxRows);
            for (int j = 0; j < maxRows; j++)
            {
                _identity[j] = j;
            }
        }

        /// <summary>
        /// Groups a bucket's rows by customer, keeping input order within a customer (a counting sort in the cache).
        /// <paramref name="rankStart"/> holds the bucket's customers' starts, and its end, in partition positions.
        /// </summary>
        public readonly void Group(ReadOnlySpan<int> rankStart, ReadOnlySpan<Purchase> purchases, ReadOnlySpan<ushort> slots, ReadOnlySpan<int> rows)
        {
            int bucketBegin = rankStart[0];
            Span<int> next = _next.AsSpan(0, rankStart.Length - 1);
            for (int j = 0; j < next.Length; j++)
            {
                next[j] = rankStart[j] - bucketBegin;
            }

            Span<Purchase> grouped = _grouped.AsSpan(0, purchases.Length);
            if (_groupedRow is null)
            {
                for (int p = 0; p < purchases.Length; p++)
                {
                    grouped[next[slots[p]]++] = purchases[p];
                }
            }
            else
            {
                for (int p = 0; p < purchases.Length; p++)
                {
                    int at = next[slots[p]]++;
                    grouped[at] = purchases[p];
                    _groupedRow[at] = rows[p];
                }
            }
        }

        /// <summary>Folds the customer whose rows are at [<paramref name="begin"/>, <paramref name="end"/>) of the grouped bucket.</summary>
        public readonly SummaryFolder Fold(CustomerId customer, int begin, int end)
        {
            ReadOnlySpan<Purchase> purchases = _grouped.AsSpan(begin, end - begin);
            int m = purchases.Length;
            Span<long> keys = _keys.AsSpan(0, m);
            bool sorted = true;
            for (int j = 0; j < m; j++)
            {
                keys[j] = _periodizer.KeyOf(purchases[j].At);
                sorted &= j == 0 || keys[j] >= keys[j - 1];
            }

            // order[j]: the position in `purchases` of the j-th row by key. Sorting the keys with their positions
            // puts periods in order; the sort is unstable, which cannot change a result, since a period's rows are
            // merged by exact decimal addition and by order-free earliest and latest times.
            ReadOnlySpan<int> order;
            if (sorted)
            {
                order = _identity.AsSpan(0, m);
            }
            else
            {
                Span<int> permutation = _order.AsSpan(0, m);
                _identity.AsSpan(0, m).CopyTo(permutation);
                keys.Sort(permutation);
                order = permutation;
            }

            _seenOrders?.Clear();
            var folder = new SummaryFolder(_calibrationKey, _observationBound);
            int r = 0;
            while (r < m)
            {
                long key = keys[r];
                decimal spend = 0m;
                int count = 0;
                DateTimeOffset firstAt = default;
                DateTimeOffset lastAt = default;
                for (; r < m && keys[r] == key; r++)
                {
                    int p = order[r];
                    ref readonly Purchase purchase = ref purchases[p];
                    decimal amount = purchase.Amount;
                    if (_seenOrders is not null && _orderIds[_groupedRow![begin + p]] is { } orderId
                        && !_seenOrders.FirstSighting(customer, orderId, purchase.At, amount, _groupedRow[begin + p]))
                    {
                        continue;
                    }

                    spend = DecimalArithmetic.Add(spend, amount);
                    if (amount >= 0m)
                    {
                        DateTimeOffset at = purchase.At;
                        firstAt = count == 0 ? at : SummaryFolder.Earlier(firstAt, at);
                        lastAt = count == 0 ? at : SummaryFolder.Later(lastAt, at);
                        count++;
                    }
                }

                folder.Add(key, spend, count, firstAt, lastAt);
            }

            return folder;
        }

        public void Dispose()
        {
            ArrayPool<Purchase>.Shared.Return(_grouped);
            ReturnIfRented(_groupedRow);
            ArrayPool<int>.Shared.Return(_next);
            ArrayPool<long>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_order);
            ArrayPool<int>.Shared.Return(_identity);
            _grouped = [];
            _groupedRow = null;
            _next = [];
            _keys = [];
            _order = [];
            _identity = [];
        }
    }
}
