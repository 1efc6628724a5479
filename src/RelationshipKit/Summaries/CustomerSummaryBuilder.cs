using System.Buffers;
using System.Runtime.CompilerServices;
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
    // AggressiveOptimization: this method and the passes it calls run once per build, each over millions of rows.
    // Tiered compilation would run them as on-stack-replaced tier-0 code, which was measurably slower; these are
    // compiled fully optimised at once instead (they gain nothing from profile-guided tiers).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CustomerSummaryTable Build(TransactionColumns columns, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd)
    {
        // How it works. Customers are ranked by first sighting (rank order is the output order) and taken in
        // buckets of BucketSize consecutive ranks. All scratch is pooled; nothing is allocated per customer or row.
        // 1. One pass over the customer column ranks each customer at its first row and counts each bucket's rows.
        // 2. One pass in input order checks each row (so the first bad row is the one reported) and copies its time
        //    and amount into its customer's bucket, keeping input order within a bucket. Writes go to one place
        //    per bucket, not to one place per customer as in a plain counting sort: a million scattered
        //    destinations cost a cache and TLB miss per row, a few hundred sequential ones almost nothing.
        // 3. Bucket by bucket, a counting sort within the bucket (which stays in the cache) groups the rows by
        //    customer, still in input order, and each customer's rows are folded period by period, in rank order.
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        var validator = new TransactionValidator(_options, _timeProvider, _amountRange);
        int n = columns.Count;
        int customerCount = columns.Customers.Length;
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        int maxBuckets = (customerCount + BucketSize - 1) >> BucketShift;

        int[] rankOf = Rent<int>(customerCount);
        CustomerId[] idByRank = Rent<CustomerId>(customerCount);
        int[] rankOfRow = Rent<int>(n);
        int[] bucketStart = Rent<int>(maxBuckets + 1);
        Purchase[]? partitioned = null;
        ushort[]? slotOfRow = null;
        int[]? rowOfRow = null;
        try
        {
            Array.Clear(rankOf, 0, customerCount);
            Array.Clear(bucketStart, 0, maxBuckets + 1);
            (int distinct, int rankedRows) = Rank(columns, rankOf, idByRank, rankOfRow, bucketStart);

            // bucketStart[b]: where bucket b's rows start once rows are in bucket order.
            int bucketCount = (distinct + BucketSize - 1) >> BucketShift;
            int maxBucketRows = 0;
            for (int b = 0; b < bucketCount; b++)
            {
                maxBucketRows = Math.Max(maxBucketRows, bucketStart[b + 1]);
                bucketStart[b + 1] += bucketStart[b];
            }

            partitioned = Rent<Purchase>(rankedRows);
            slotOfRow = Rent<ushort>(rankedRows);
            rowOfRow = orderIds.IsEmpty ? null : Rent<int>(rankedRows);
            CheckAndPartition(columns, validator, rankOfRow.AsSpan(0, rankedRows), bucketStart.AsSpan(0, bucketCount), partitioned, slotOfRow, rowOfRow);
            if (rankedRows < n)
            {
                throw CustomerError(columns, rankedRows); // the first bad row has a bad customer
            }

            var writer = new SummaryTableWriter(distinct, _periodizer, _options.TimeUnit, calibrationKey, observationKey);
            var fold = new CustomerFold(_periodizer, calibrationKey, observationKey ?? long.MinValue, maxBucketRows, orderIds);
            try
            {
                for (int b = 0; b < bucketCount; b++)
                {
                    int firstRank = b << BucketShift;
                    int customersInBucket = Math.Min(BucketSize, distinct - firstRank);
                    int begin = bucketStart[b];
                    int length = bucketStart[b + 1] - begin;
                    fold.Group(
                        customersInBucket,
                        partitioned.AsSpan(begin, length),
                        slotOfRow.AsSpan(begin, length),
                        rowOfRow is null ? default : rowOfRow.AsSpan(begin, length));
                    for (int slot = 0; slot < customersInBucket; slot++)
                    {
                        CustomerId customer = idByRank[firstRank + slot];
                        SummaryFolder folder = fold.Fold(customer, slot);
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
            ArrayPool<int>.Shared.Return(rankOf);
            ArrayPool<CustomerId>.Shared.Return(idByRank, clearArray: true);
            ArrayPool<int>.Shared.Return(rankOfRow);
            ArrayPool<int>.Shared.Return(bucketStart);
            ReturnIfRented(partitioned);
            ReturnIfRented(slotOfRow);
            ReturnIfRented(rowOfRow);
        }
    }

    // Consecutive ranks per bucket. With about ten rows per customer a bucket holds some 40,000 rows (1.4 MB), which
    // the cache holds while pass 3 groups it; and a million customers make only some 250 buckets, whose write
    // positions stay cached during pass 2. (Measured on the benchmark log: 2^10 to 2^14 are all close; fewer, larger
    // buckets make pass 2 cheaper and pass 3 dearer.) At most 2^16, the range of a slot.
    private const int BucketShift = 12;
    private const int BucketSize = 1 << BucketShift;

    /// <summary>
    /// Pass 1, over the customer column in input order: ranks customers by first sighting, counts each bucket's rows.
    /// It stops at the first row whose customer is bad (an index outside the customers given, or an empty id), which
    /// pass 2 reports unless it finds an earlier bad row.
    /// </summary>
    /// <param name="columns">The log.</param>
    /// <param name="rankOf">Per customer, 1 + its rank; 0 (as given) for a customer not seen yet.</param>
    /// <param name="idByRank">Filled with the customers in first-seen order.</param>
    /// <param name="rankOfRow">Filled with each row's customer's rank, so that pass 2 reads ranks in order instead of
    /// looking each row's customer up again at random (which had been the slowest step of that pass).</param>
    /// <param name="bucketRows">Bucket b's row count is added to element b + 1.</param>
    /// <returns>The number of distinct customers, and the number of rows ranked (all of them, or up to the first with a bad customer).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Build
    private static (int Distinct, int RankedRows) Rank(TransactionColumns columns, int[] rankOf, CustomerId[] idByRank, int[] rankOfRow, int[] bucketRows)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        Span<int> ranks = rankOfRow.AsSpan(0, customerIndex.Length);
        int distinct = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customers.Length)
            {
                return (distinct, i);
            }

            int rank = rankOf[c] - 1;
            if (rank < 0)
            {
                if (customers[c].IsEmpty)
                {
                    return (distinct, i);
                }

                rank = distinct++;
                rankOf[c] = rank + 1;
                idByRank[rank] = customers[c];
            }

            ranks[i] = rank;
            bucketRows[(rank >> BucketShift) + 1]++;
        }

        return (distinct, ranks.Length);
    }

    /// <summary>The error for row <paramref name="row"/>, whose customer index is out of range or whose customer id is empty.</summary>
    private static InvalidTransactionException CustomerError(TransactionColumns columns, int row)
    {
        int c = columns.CustomerIndex[row];
        if ((uint)c >= (uint)columns.Customers.Length)
        {
            return new InvalidTransactionException(
                nameof(Transaction.CustomerId),
                $"Transaction {row}: customer index {c} is outside the {columns.Customers.Length} customers given.",
                row);
        }

        return TransactionValidator.EmptyCustomer(row);
    }

    /// <summary>
    /// Pass 2, in input order, over the rows pass 1 ranked: checks each row and copies its time and amount (and, with
    /// order ids, its row number) to the next free place of its customer's bucket, with the customer's slot (rank
    /// within the bucket). A row is checked in full only when the quick test fails, so the error is exactly the one
    /// a row-by-row <see cref="TransactionValidator.Check"/> reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Build
    private static void CheckAndPartition(
        TransactionColumns columns,
        in TransactionValidator validator,
        ReadOnlySpan<int> ranks,
        ReadOnlySpan<int> bucketStart,
        Purchase[] partitioned,
        ushort[] slotOfRow,
        int[]? rowOfRow)
    {
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt[..ranks.Length];
        ReadOnlySpan<decimal> amounts = columns.Amounts[..ranks.Length];
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        int[] next = Rent<int>(bucketStart.Length);
        try
        {
            bucketStart.CopyTo(next);
            for (int i = 0; i < ranks.Length; i++)
            {
                ref readonly DateTimeOffset at = ref occurredAt[i];
                ref readonly decimal amount = ref amounts[i];
                string? orderId = orderIds.IsEmpty ? null : orderIds[i];
                if (!validator.Accepts(at, amount, orderId))
                {
                    validator.Check(columns.Customers[columns.CustomerIndex[i]], at, amount, orderId, i); // throws, naming the rule broken
                }

                int rank = ranks[i];
                int place = next[rank >> BucketShift]++;
                partitioned[place] = new Purchase(at, amount);
                slotOfRow[place] = (ushort)(rank & (BucketSize - 1));
                if (rowOfRow is not null)
                {
                    rowOfRow[place] = i;
                }
            }
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

    /// <summary>One row's time and amount (32 bytes: half a cache line).</summary>
    private readonly struct Purchase(DateTimeOffset at, decimal amount)
    {
        public readonly DateTimeOffset At = at;
        public readonly decimal Amount = amount;
    }

    /// <summary>
    /// Pass 3: groups one bucket's rows by customer (<see cref="Group"/>), then folds each customer's rows into a
    /// <see cref="SummaryFolder"/> (<see cref="Fold"/>): period keys, a sort by key only when the rows are out of
    /// order, the merge of each period's rows. Holds pooled scratch sized for the largest bucket.
    /// </summary>
    private ref struct CustomerFold
    {
        private readonly Periodizer _periodizer;
        private readonly long _calibrationKey;
        private readonly long _observationBound;
        private readonly ReadOnlySpan<string?> _orderIds;
        private readonly OrderLedger? _seenOrders;
        private Purchase[] _grouped; // the bucket's rows by customer slot, input order within a slot
        private int[]? _groupedRow; // their rows in the input, with order ids only
        private int[] _start; // _start[slot]: the slot's first row in _grouped; _start[slot + 1]: its end
        private long[] _keys;
        private int[] _order;
        private int[] _identity;

        public CustomerFold(Periodizer periodizer, long calibrationKey, long observationBound, int maxBucketRows, ReadOnlySpan<string?> orderIds)
        {
            _periodizer = periodizer;
            _calibrationKey = calibrationKey;
            _observationBound = observationBound;
            _orderIds = orderIds;
            _seenOrders = orderIds.IsEmpty ? null : new OrderLedger();
            _grouped = Rent<Purchase>(maxBucketRows);
            _groupedRow = orderIds.IsEmpty ? null : Rent<int>(maxBucketRows);
            _start = Rent<int>(BucketSize + 1);
            _keys = Rent<long>(maxBucketRows);
            _order = Rent<int>(maxBucketRows);
            _identity = Rent<int>(maxBucketRows);
            for (int j = 0; j < maxBucketRows; j++)
            {
                _identity[j] = j;
            }
        }

        /// <summary>Groups a bucket's rows by slot, keeping input order within a slot (a counting sort in the cache).</summary>
        public readonly void Group(int slots, ReadOnlySpan<Purchase> purchases, ReadOnlySpan<ushort> slotOfRow, ReadOnlySpan<int> rowOfRow)
        {
            // Count each slot's rows into _start[slot + 1], then turn the counts into starts: _start[slot + 1] is
            // then where slot's rows start, and advances to its end (= the next slot's start) while rows are placed.
            Span<int> start = _start.AsSpan(0, slots + 1);
            start.Clear();
            foreach (ushort slot in slotOfRow)
            {
                start[slot + 1]++;
            }

            int sum = 0;
            for (int j = 0; j <= slots; j++)
            {
                (start[j], sum) = (sum, sum + start[j]);
            }

            Span<Purchase> grouped = _grouped.AsSpan(0, purchases.Length);
            Span<int> next = start[1..];
            if (_groupedRow is null)
            {
                for (int p = 0; p < purchases.Length; p++)
                {
                    grouped[next[slotOfRow[p]]++] = purchases[p];
                }
            }
            else
            {
                for (int p = 0; p < purchases.Length; p++)
                {
                    int at = next[slotOfRow[p]]++;
                    grouped[at] = purchases[p];
                    _groupedRow[at] = rowOfRow[p];
                }
            }
        }

        /// <summary>Folds the customer in <paramref name="slot"/> of the bucket last grouped.</summary>
        public readonly SummaryFolder Fold(CustomerId customer, int slot)
        {
            int begin = _start[slot];
            ReadOnlySpan<Purchase> purchases = _grouped.AsSpan(begin, _start[slot + 1] - begin);
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
            ArrayPool<int>.Shared.Return(_start);
            ArrayPool<long>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_order);
            ArrayPool<int>.Shared.Return(_identity);
            _grouped = [];
            _groupedRow = null;
            _start = [];
            _keys = [];
            _order = [];
            _identity = [];
        }
    }
}
