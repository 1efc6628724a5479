using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// <para>Cost: linear in the number of rows, on one thread: one pass over the columns that checks the rows and
/// groups them into buckets of customers, then one pass per bucket that groups its rows by customer in the cache
/// and folds them (a customer's rows are sorted by time only when they arrive out of order). Customers numbered
/// in first-seen order, as <see cref="Build(IEnumerable{Transaction}, DateTimeOffset, DateTimeOffset?)"/> numbers
/// them, are grouped without looking them up. Customers whose rows come in time order with non-negative amounts of
/// one scale, as most logs have them, are folded with integer sums. Scratch (about 16 bytes a row and 12 a customer) comes from
/// <see cref="ArrayPool{T}.Shared"/>; the table is the only allocation that grows with the input. See
/// docs/BENCHMARKS.md for measured throughput.</para>
/// <para>An instance holds only its options and is thread-safe.</para>
/// </remarks>
public sealed class CustomerSummaryBuilder
{
    private readonly CustomerSummaryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Periodizer _periodizer;
    private readonly AmountRange _amountRange;
    private readonly ulong[] _formBounds;

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
        _formBounds = FormBounds(_amountRange);
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

        // The transactions become columns in pooled arrays, customers numbered by first sighting (which the columnar
        // build turns into ranks without a look-up). Ids are keyed by their text: the dictionary then hashes with
        // the runtime's fast ordinal string hashing (the default id's text, "", is no valid id's text).
        int capacity = transactions.TryGetNonEnumeratedCount(out int known) ? known : 1024;
        var index = new Dictionary<string, int>();
        CustomerId[] customers = Rent<CustomerId>(Math.Min(capacity, 1024));
        int[] rows = Rent<int>(capacity);
        DateTimeOffset[] times = Rent<DateTimeOffset>(capacity);
        decimal[] amounts = Rent<decimal>(capacity);
        string?[]? orders = null;
        int n = 0;
        try
        {
            foreach (Transaction t in transactions)
            {
                if (n == rows.Length)
                {
                    Grow(ref rows, n);
                    Grow(ref times, n);
                    Grow(ref amounts, n);
                    if (orders is not null)
                    {
                        Grow(ref orders, n);
                    }
                }

                ref int c = ref CollectionsMarshal.GetValueRefOrAddDefault(index, t.CustomerId.Value, out bool seen);
                if (!seen)
                {
                    c = index.Count - 1;
                    if (c == customers.Length)
                    {
                        Grow(ref customers, c);
                    }

                    customers[c] = t.CustomerId;
                }

                if (t.OrderId is not null && orders is null)
                {
                    orders = Rent<string?>(rows.Length);
                    Array.Clear(orders, 0, n);
                }

                rows[n] = c;
                times[n] = t.OccurredAt;
                amounts[n] = t.Amount;
                if (orders is not null)
                {
                    orders[n] = t.OrderId;
                }

                n++;
            }

            var columns = new TransactionColumns(
                customers.AsSpan(0, index.Count),
                rows.AsSpan(0, n),
                times.AsSpan(0, n),
                amounts.AsSpan(0, n),
                orders is null ? default : orders.AsSpan(0, n));
            return Build(columns, calibrationEnd, observationEnd);
        }
        finally
        {
            ArrayPool<CustomerId>.Shared.Return(customers, clearArray: true);
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<DateTimeOffset>.Shared.Return(times);
            ArrayPool<decimal>.Shared.Return(amounts);
            if (orders is not null)
            {
                ArrayPool<string?>.Shared.Return(orders, clearArray: true);
            }
        }
    }

    /// <summary>Replaces a pooled array with one twice as long holding its first <paramref name="used"/> items.</summary>
    private static void Grow<T>(ref T[] array, int used)
    {
        T[] larger = ArrayPool<T>.Shared.Rent(checked(Math.Max(array.Length * 2, 16)));
        array.AsSpan(0, used).CopyTo(larger);
        ArrayPool<T>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        array = larger;
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
        // 1. One pass in input order checks each row (so the first bad row is the one reported, as in row-by-row
        //    checking), ranks its customer at first sighting, and appends the row's time and amount to the
        //    customer's bucket (a list of chunks), keeping input order. Appends go to one place per bucket, not to
        //    one place per customer as in a plain counting sort: a million scattered destinations cost a cache and
        //    TLB miss per row, a few hundred sequential ones almost nothing.
        // 2. Bucket by bucket, a counting sort within the bucket (which stays in the cache) groups its rows by
        //    customer, still in input order, and each customer's rows are folded period by period, in rank order:
        //    with integer sums when its rows are in period order, without order ids, with non-negative amounts of
        //    one scale (FoldSimple), otherwise through SummaryFolder. The figures go straight into the table's
        //    columns, the ids in runs.
        (long calibrationKey, long? observationKey) = SummaryWindow.Resolve(_periodizer, calibrationEnd, observationEnd);
        var validator = new TransactionValidator(_options, _timeProvider, _amountRange);
        var buckets = new BucketedRows(columns.Count, columns.Customers.Length, hasOrders: !columns.OrderIds.IsEmpty);
        try
        {
            int distinct = columns.OrderIds.IsEmpty
                ? CheckRankAndAppend(columns, validator, buckets, _formBounds)
                : CheckRankAndAppend(columns, validator, buckets);

            var writer = new SummaryTableWriter(distinct, _periodizer, _options.TimeUnit, calibrationKey, observationKey);
            var fold = new CustomerFold(_periodizer, calibrationKey, observationKey ?? long.MinValue, buckets.Chains.MaxBucketRows(), columns.Amounts, columns.OrderIds);
            try
            {
                ReadOnlySpan<CustomerId> idByRank = buckets.IdByRank.AsSpan(0, distinct);
                for (int b = 0, firstRank = 0; firstRank < distinct; b++, firstRank += BucketSize)
                {
                    int customersInBucket = Math.Min(BucketSize, distinct - firstRank);
                    fold.Group(buckets, b, customersInBucket);

                    // Ids are copied in runs of customers with a purchase (a bulk copy, one write barrier per run).
                    int idsFrom = firstRank;
                    for (int slot = 0; slot < customersInBucket; slot++)
                    {
                        if (!fold.FoldInto(writer, idByRank[firstRank + slot], slot))
                        {
                            writer.AddIds(idByRank[idsFrom..(firstRank + slot)]);
                            idsFrom = firstRank + slot + 1;
                        }
                    }

                    writer.AddIds(idByRank[idsFrom..(firstRank + customersInBucket)]);
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
            buckets.Dispose();
        }
    }

    // Consecutive ranks per bucket. With about ten rows per customer a bucket holds some 40,000 rows (1 MB), which
    // the cache holds while pass 2 groups it; and a million customers make only some 250 buckets, whose append
    // positions stay cached during pass 1. (Measured on the benchmark log: 2^8 buckets' appends were much slower,
    // 2^12 to 2^14 the fastest; larger buckets make appending cheaper and grouping dearer.) At most 2^16, the range
    // of a slot.
    private const int BucketShift = 12;
    private const int BucketSize = 1 << BucketShift;

    // A slot must fit the 12 bits PackedPurchase keeps for it: this constant does not compile otherwise.
    private const uint SlotRoom = PackedPurchase.MaxSlots - BucketSize;

    /// <summary>
    /// Pass 1, in input order: checks each row as <see cref="TransactionValidator.Check"/> would (the customer id
    /// once per customer, at its first row; a row in full only when the quick test fails, so that the error and
    /// its row are exactly those of row-by-row checking), ranks customers by first sighting, and appends each row
    /// to its customer's bucket with the customer's slot (rank within the bucket).
    /// </summary>
    /// <returns>The number of distinct customers.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Build
    private static int CheckRankAndAppend(TransactionColumns columns, in TransactionValidator validator, BucketedRows buckets)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt[..customerIndex.Length];
        ReadOnlySpan<decimal> amounts = columns.Amounts[..customerIndex.Length];
        ReadOnlySpan<string?> orderIds = columns.OrderIds;
        int[] rankOf = buckets.RankOf;
        CustomerId[] idByRank = buckets.IdByRank;
        PackedPurchase[] rows = buckets.Rows;
        int[]? rowNumbers = buckets.RowNumbers;
        ChunkChains.Cursor[] cursors = buckets.Chains.Cursors;
        int distinct = 0;

        // While every new customer is the next position of the customer column (as a reader that numbers customers
        // at first sighting, or Build(IEnumerable<Transaction>), produces them), a position is its rank, and no rank
        // needs looking up at random. From the first row that breaks this on, every row's rank is looked up (rankOf
        // is kept up to date in both cases).
        bool positionIsRank = true;
        for (int i = 0; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customers.Length)
            {
                throw CustomerOutOfRange(i, c, customers.Length);
            }

            int rank;
            if (positionIsRank && c <= distinct)
            {
                rank = c == distinct ? -1 : c;
            }
            else
            {
                positionIsRank = false;
                rank = rankOf[c] - 1;
            }

            if (rank < 0)
            {
                TransactionValidator.CheckCustomer(customers[c], i);
                rank = distinct++;
                rankOf[c] = rank + 1;
                idByRank[rank] = customers[c];
            }

            ref readonly DateTimeOffset at = ref occurredAt[i];
            ref readonly decimal amount = ref amounts[i];
            string? orderId = orderIds.IsEmpty ? null : orderIds[i];
            if (!validator.Accepts(at, amount, orderId))
            {
                validator.Check(customers[c], at, amount, orderId, i); // throws, naming the rule broken
            }

            ref ChunkChains.Cursor cursor = ref cursors[rank >> BucketShift];
            if (cursor.Next == cursor.Limit)
            {
                buckets.Chains.StartChunk(rank >> BucketShift);
            }

            int place = cursor.Next++;
            rows[place] = new PackedPurchase(at, amount, i, rank & (BucketSize - 1));
            if (rowNumbers is not null)
            {
                rowNumbers[place] = i;
            }
        }

        return distinct;
    }

    /// <summary>
    /// Per amount form (<see cref="PackedPurchase.FormOf"/>: scale and sign), the 32-bit coefficients that the amount
    /// range accepts, as a pair (low, high - low) at 2 form and 2 form + 1, so that one unsigned comparison,
    /// coefficient - low &lt;= high - low, tells whether an amount of that form is in range and fits a
    /// <see cref="PackedPurchase"/>. A form with none (or a scale above 28) gets (2^64 - 1, 0), which no 32-bit
    /// coefficient passes.
    /// </summary>
    private static ulong[] FormBounds(AmountRange range)
    {
        var bounds = new ulong[2 * 64];
        for (int form = 0; form < 64; form++)
        {
            int scale = form & 0x1F;
            (ulong low, ulong high) = scale <= 28 ? range.CoefficientBounds(scale, (form & PackedPurchase.NegativeForm) != 0) : (1, 0);
            high = Math.Min(high, uint.MaxValue);
            (bounds[2 * form], bounds[(2 * form) + 1]) = low <= high ? (low, high - low) : (ulong.MaxValue, 0);
        }

        return bounds;
    }

    /// <summary>
    /// Pass 1 for a log without order ids, with the same checks, errors and rows as the general
    /// <see cref="CheckRankAndAppend(TransactionColumns, in TransactionValidator, BucketedRows)"/>, in a leaner loop:
    /// a row whose time is in range and whose amount fits a <see cref="PackedPurchase"/> in range
    /// (<paramref name="formBounds"/>) is accepted with two comparisons; any other row takes the validator
    /// (<see cref="CheckAndPack"/>), which throws for a bad row. While new customers come in position order, a
    /// position is its rank (first loop); from the first row that breaks this, ranks are looked up (second loop).
    /// </summary>
    /// <returns>The number of distinct customers.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Build
    private static int CheckRankAndAppend(TransactionColumns columns, in TransactionValidator validator, BucketedRows buckets, ulong[] formBounds)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt[..customerIndex.Length];
        ReadOnlySpan<decimal> amounts = columns.Amounts[..customerIndex.Length];
        int[] rankOf = buckets.RankOf;
        CustomerId[] idByRank = buckets.IdByRank;
        PackedPurchase[] rows = buckets.Rows;
        ChunkChains chains = buckets.Chains;
        ReadOnlySpan<ulong> bounds = formBounds;
        long latest = validator.LatestUtcTicks;
        ulong timeLimit = latest > 0 ? (ulong)latest : 0; // 1 <= ticks <= latest as (ulong)(ticks - 1) < timeLimit
        int distinct = 0;
        int i = 0;
        for (; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            int rank;
            if ((uint)c < (uint)distinct)
            {
                rank = c;
            }
            else if (c == distinct && c < customers.Length)
            {
                TransactionValidator.CheckCustomer(customers[c], i);
                rank = distinct++;
                rankOf[c] = rank + 1;
                idByRank[rank] = customers[c];
            }
            else
            {
                break; // an out-of-range customer or one seen out of position order: the second loop takes it
            }

            PackAndAppend(occurredAt[i], amounts[i], customers, c, i, rank, validator, bounds, timeLimit, rows, chains);
        }

        for (; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customers.Length)
            {
                throw CustomerOutOfRange(i, c, customers.Length);
            }

            int rank = rankOf[c] - 1;
            if (rank < 0)
            {
                TransactionValidator.CheckCustomer(customers[c], i);
                rank = distinct++;
                rankOf[c] = rank + 1;
                idByRank[rank] = customers[c];
            }

            PackAndAppend(occurredAt[i], amounts[i], customers, c, i, rank, validator, bounds, timeLimit, rows, chains);
        }

        return distinct;
    }

    /// <summary>
    /// One row of the lean pass 1, for both of its loops: packed with two comparisons when its time and amount are
    /// in range, else through the validator (<see cref="CheckAndPack"/>, which throws for a bad row), and appended to
    /// the bucket of its customer's rank, prefetching that bucket's line ahead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackAndAppend(
        in DateTimeOffset at,
        in decimal amount,
        ReadOnlySpan<CustomerId> customers,
        int c,
        int i,
        int rank,
        in TransactionValidator validator,
        ReadOnlySpan<ulong> bounds,
        ulong timeLimit,
        PackedPurchase[] rows,
        ChunkChains chains)
    {
        long ticks = at.UtcTicks;
        bool fits = DecimalArithmetic.TryGetParts(amount, out int flags, out ulong coefficient);
        int form = PackedPurchase.FormOf(flags);
        PackedPurchase row = fits && (ulong)(ticks - 1) < timeLimit && coefficient - bounds[2 * form] <= bounds[(2 * form) + 1]
            ? new PackedPurchase(ticks, at.TotalOffsetMinutes, form, (uint)coefficient, rank & (BucketSize - 1))
            : CheckAndPack(validator, customers[c], at, amount, i, rank & (BucketSize - 1));
        ref ChunkChains.Cursor cursor = ref chains.Cursors[rank >> BucketShift];
        if (cursor.Next == cursor.Limit)
        {
            chains.StartChunk(rank >> BucketShift);
        }

        int place = cursor.Next++;
        rows[place] = row;
        CachePrefetch.Element(rows, place + PrefetchAhead);
    }

    // How far ahead of a bucket's append position pass 1 prefetches (rows; 16 rows of 16 bytes are four cache lines).
    // The appends of a few hundred buckets are too many streams for the processor's own prefetchers, so without the
    // hint every fourth append waits for its cache line from memory (measured: about 15 % of a build).
    private const int PrefetchAhead = 16;

    /// <summary>A row that the quick test of pass 1 did not pass: checked in full (which throws for a bad row), then packed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PackedPurchase CheckAndPack(in TransactionValidator validator, CustomerId customer, in DateTimeOffset at, in decimal amount, int row, int slot)
    {
        if (!validator.Accepts(at, amount, orderId: null))
        {
            validator.Check(customer, at, amount, orderId: null, row); // throws, naming the rule broken
        }

        return new PackedPurchase(at, amount, row, slot);
    }

    private static InvalidTransactionException CustomerOutOfRange(int row, int customerIndex, int customerCount) =>
        new(
            nameof(Transaction.CustomerId),
            $"Transaction {row}: customer index {customerIndex} is outside the {customerCount} customers given.",
            row);

    private static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(length, 1));

    private static void ReturnIfRented<T>(T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    /// <summary>
    /// The rows of a log, appended bucket by bucket: each bucket is a list of chunks of <see cref="ChunkChains.ChunkRows"/> rows
    /// in one shared arena, in input order. Also the customers' ranks. All arrays are pooled (<see cref="Dispose"/>).
    /// </summary>
    private sealed class BucketedRows : IDisposable
    {
        public BucketedRows(int rowCount, int customerCount, bool hasOrders)
        {
            Chains = new ChunkChains(rowCount, (customerCount + BucketSize - 1) >> BucketShift);
            RankOf = Rent<int>(customerCount);
            Array.Clear(RankOf, 0, customerCount);
            IdByRank = Rent<CustomerId>(customerCount);
            Rows = Rent<PackedPurchase>(Chains.RowCapacity);
            RowNumbers = hasOrders ? Rent<int>(Chains.RowCapacity) : null;
        }

        /// <summary>Per customer (by position in the columns), 1 + its rank; 0 until it is seen.</summary>
        public int[] RankOf { get; }

        /// <summary>The customers in rank (first-seen) order.</summary>
        public CustomerId[] IdByRank { get; }

        /// <summary>The rows' times and amounts, in chunks.</summary>
        public PackedPurchase[] Rows { get; }

        /// <summary>Each row's position in the input; only with order ids.</summary>
        public int[]? RowNumbers { get; }

        /// <summary>Which chunks of <see cref="Rows"/> belong to which bucket.</summary>
        public ChunkChains Chains { get; }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(RankOf);
            ArrayPool<CustomerId>.Shared.Return(IdByRank, clearArray: true);
            ArrayPool<PackedPurchase>.Shared.Return(Rows);
            ReturnIfRented(RowNumbers);
            Chains.Dispose();
        }
    }

    /// <summary>
    /// Pass 2: groups one bucket's rows by customer (<see cref="Group"/>), then folds each customer's rows into a
    /// <see cref="SummaryFolder"/> (<see cref="Fold"/>): period keys, a sort by key only when the rows are out of
    /// order, the merge of each period's rows. Holds pooled scratch sized for the largest bucket.
    /// </summary>
    private ref struct CustomerFold
    {
        /// <summary>The most rows of a customer that <see cref="RankSort"/> sorts (it takes time quadratic in them).</summary>
        private const int RankSortMax = 32;

        private readonly Periodizer _periodizer;
        private readonly long _calibrationKey;
        private readonly long _observationBound;
        private readonly ReadOnlySpan<decimal> _amounts;
        private readonly ReadOnlySpan<string?> _orderIds;
        private readonly OrderLedger? _seenOrders;
        private PackedPurchase[] _grouped; // the bucket's rows by customer slot, input order within a slot
        private int[]? _groupedRow; // their rows in the input, with order ids only
        private int[] _start; // _start[slot]: the slot's first row in _grouped; _start[slot + 1]: its end
        private long[] _keys;
        private int[] _order;
        private int[] _identity;
        private long[] _packed; // scratch of RankSort

        public CustomerFold(
            Periodizer periodizer,
            long calibrationKey,
            long observationBound,
            int maxBucketRows,
            ReadOnlySpan<decimal> amounts,
            ReadOnlySpan<string?> orderIds)
        {
            _periodizer = periodizer;
            _calibrationKey = calibrationKey;
            _observationBound = observationBound;
            _amounts = amounts;
            _orderIds = orderIds;
            _seenOrders = orderIds.IsEmpty ? null : new OrderLedger();
            _grouped = Rent<PackedPurchase>(maxBucketRows);
            _groupedRow = orderIds.IsEmpty ? null : Rent<int>(maxBucketRows);
            _start = Rent<int>(BucketSize + 1);
            _keys = Rent<long>(maxBucketRows);
            _order = Rent<int>(maxBucketRows);
            _identity = Rent<int>(maxBucketRows);
            _packed = Rent<long>(RankSortMax + 4);
            for (int j = 0; j < maxBucketRows; j++)
            {
                _identity[j] = j;
            }
        }

        /// <summary>
        /// Groups the rows of <paramref name="bucket"/> by customer slot, keeping input order within a slot: a
        /// counting sort into scratch that stays in the cache.
        /// </summary>
        public readonly void Group(BucketedRows buckets, int bucket, int slots)
        {
            // Count each slot's rows into _start[slot + 1], then turn the counts into starts: _start[slot + 1] is
            // then where slot's rows start, and advances to its end (= the next slot's start) while rows are placed.
            Span<int> start = _start.AsSpan(0, slots + 1);
            start.Clear();
            for (int chunk = buckets.Chains.FirstChunk[bucket]; chunk >= 0; chunk = buckets.Chains.NextChunk[chunk])
            {
                (int from, int to) = buckets.Chains.RowsOf(bucket, chunk);
                foreach (PackedPurchase row in buckets.Rows.AsSpan(from, to - from))
                {
                    start[row.Slot + 1]++;
                }
            }

            int sum = 0;
            for (int j = 0; j <= slots; j++)
            {
                (start[j], sum) = (sum, sum + start[j]);
            }

            Span<int> next = start[1..];
            for (int chunk = buckets.Chains.FirstChunk[bucket]; chunk >= 0; chunk = buckets.Chains.NextChunk[chunk])
            {
                (int from, int to) = buckets.Chains.RowsOf(bucket, chunk);
                ReadOnlySpan<PackedPurchase> rows = buckets.Rows.AsSpan(from, to - from);
                if (_groupedRow is null)
                {
                    for (int p = 0; p < rows.Length; p++)
                    {
                        _grouped[next[rows[p].Slot]++] = rows[p];
                    }
                }
                else
                {
                    ReadOnlySpan<int> rowNumbers = buckets.RowNumbers.AsSpan(from, to - from);
                    for (int p = 0; p < rows.Length; p++)
                    {
                        int at = next[rows[p].Slot]++;
                        _grouped[at] = rows[p];
                        _groupedRow[at] = rowNumbers[p];
                    }
                }
            }
        }

        /// <summary>
        /// Folds the customer in <paramref name="slot"/> of the bucket last grouped and, when it has a purchase up to the
        /// calibration end, adds its figures (not its id) to <paramref name="writer"/>.
        /// </summary>
        /// <returns>Whether the customer was added.</returns>
        public readonly bool FoldInto(SummaryTableWriter writer, CustomerId customer, int slot)
        {
            int begin = _start[slot];
            ReadOnlySpan<PackedPurchase> purchases = _grouped.AsSpan(begin, _start[slot + 1] - begin);
            int m = purchases.Length;
            Span<long> keys = _keys.AsSpan(0, m);
            bool sorted = true;
            long anyBits = 0;
            int form = purchases[0].AmountForm;
            int otherForms = 0;
            for (int j = 0; j < m; j++)
            {
                keys[j] = _periodizer.KeyOfUtcTicks(purchases[j].UtcTicks);
                sorted &= j == 0 || keys[j] >= keys[j - 1];
                anyBits |= keys[j];
                otherForms |= purchases[j].AmountForm ^ form;
            }

            if (sorted && otherForms == 0 && (form & (PackedPurchase.NegativeForm | PackedPurchase.InColumnForm)) == 0 && _seenOrders is null)
            {
                return FoldSimple(writer, purchases, keys, form);
            }

            SummaryFolder folder = Fold(customer, begin, purchases, keys, sorted, anyBits);
            if (!folder.HasPurchase)
            {
                return false;
            }

            writer.Add(folder);
            return true;
        }

        /// <summary>
        /// The fold of a customer whose rows are in period order, without order ids, with amounts of one scale, none
        /// negative, each with a 32-bit coefficient: every sum the general fold makes is then, bit for bit, the sum of
        /// the coefficients at that scale (<see cref="DecimalArithmetic.Add"/> of 0m and an amount is the amount, and
        /// of two amounts of one sign and scale the sum of their coefficients, which here stays below 2^63), and
        /// every period has purchases. So the figures are integer sums; the means divide them as
        /// <see cref="SummaryFolder"/> does.
        /// </summary>
        private readonly bool FoldSimple(SummaryTableWriter writer, ReadOnlySpan<PackedPurchase> purchases, ReadOnlySpan<long> keys, int form)
        {
            int m = purchases.Length;
            long calibrationKey = _calibrationKey;
            if (keys[0] > calibrationKey)
            {
                return false; // no purchase up to the calibration end (and so none in the holdout window either)
            }

            // Calibration periods: the first period's end, the last one's bounds, the sums of the first and the rest.
            long firstKey = keys[0];
            int r = 1;
            ulong firstSum = purchases[0].Coefficient;
            for (; r < m && keys[r] == firstKey; r++)
            {
                firstSum += purchases[r].Coefficient;
            }

            int firstEnd = r;
            int lastBegin = 0;
            int periods = 1;
            ulong repeatSum = 0;
            for (; r < m && keys[r] <= calibrationKey; r++)
            {
                if (keys[r] != keys[r - 1])
                {
                    periods++;
                    lastBegin = r;
                }

                repeatSum += purchases[r].Coefficient;
            }

            int calibrationEnd = r;
            int holdoutPeriods = 0;
            ulong holdoutSum = 0;
            for (; r < m && keys[r] <= _observationBound; r++)
            {
                holdoutPeriods += keys[r] != keys[r - 1] ? 1 : 0;
                holdoutSum += purchases[r].Coefficient;
            }

            // The earliest time of the first period and the latest of the last (by instant, then offset, as
            // SummaryFolder.Earlier and Later break ties).
            int earliest = 0;
            for (int j = 1; j < firstEnd; j++)
            {
                if (purchases[j].UtcTicks < purchases[earliest].UtcTicks
                    || (purchases[j].UtcTicks == purchases[earliest].UtcTicks && purchases[j].BiasedOffset < purchases[earliest].BiasedOffset))
                {
                    earliest = j;
                }
            }

            int latest = lastBegin;
            for (int j = lastBegin + 1; j < calibrationEnd; j++)
            {
                if (purchases[j].UtcTicks > purchases[latest].UtcTicks
                    || (purchases[j].UtcTicks == purchases[latest].UtcTicks && purchases[j].BiasedOffset > purchases[latest].BiasedOffset))
                {
                    latest = j;
                }
            }

            int flags = PackedPurchase.DecimalFlags(form);
            int repeats = periods - 1;
            writer.Add(
                repeats,
                firstKey,
                keys[calibrationEnd - 1],
                repeats == 0 ? 0m : DecimalArithmetic.Divide(flags, repeatSum, repeats),
                purchases[earliest].At,
                purchases[latest].At,
                calibrationEnd,
                DecimalArithmetic.Compose(flags, firstSum + repeatSum),
                holdoutPeriods,
                holdoutPeriods == 0 ? 0m : DecimalArithmetic.Divide(flags, holdoutSum, holdoutPeriods));
            return true;
        }

        /// <summary>The general fold of a customer's rows (<paramref name="keys"/> their period keys), starting at <paramref name="begin"/> in the grouped bucket.</summary>
        private readonly SummaryFolder Fold(CustomerId customer, int begin, ReadOnlySpan<PackedPurchase> purchases, Span<long> keys, bool sorted, long anyBits)
        {
            int m = purchases.Length;

            // order[j]: the position in `purchases` of the j-th row by key. Sorting the keys with their positions
            // puts periods in order; the sort is unstable, which cannot change a result, since a period's rows are
            // merged by exact decimal addition and by order-free earliest and latest times.
            ReadOnlySpan<int> order;
            if (sorted)
            {
                order = _identity.AsSpan(0, m);
            }
            else if (m <= RankSortMax && (ulong)anyBits < 1UL << 47 && Vector256.IsHardwareAccelerated)
            {
                order = RankSort(keys, _order.AsSpan(0, m), _packed);
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
                    ref readonly PackedPurchase purchase = ref purchases[p];
                    decimal amount = purchase.AmountOf(_amounts);
                    if (_seenOrders is not null && _orderIds[_groupedRow![begin + p]] is { } orderId
                        && !_seenOrders.FirstSighting(customer, orderId, purchase.At, amount, _groupedRow[begin + p]))
                    {
                        continue;
                    }

                    spend = DecimalArithmetic.Add(spend, amount);
                    if (!decimal.IsNegative(amount) || amount == 0m) // amount >= 0m (−0 included); the comparison only for refunds
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

        /// <summary>
        /// Sorts a customer's few period keys (each below 2^47, so that key and position pack into one positive
        /// 64-bit number) with their positions, without a branch on the data: each packed key's rank is the number of
        /// packed keys below it, counted four at a time (the packed keys are distinct, so the ranks are a
        /// permutation). A log that is not grouped by customer in time order sends nearly every customer here, and
        /// a general sort of ten keys mispredicts a branch at almost every insertion.
        /// </summary>
        private static ReadOnlySpan<int> RankSort(Span<long> keys, Span<int> order, long[] packedScratch)
        {
            int m = keys.Length;
            int rounded = (m + 3) & ~3;
            Span<long> packed = packedScratch.AsSpan(0, rounded);
            for (int j = 0; j < m; j++)
            {
                packed[j] = (keys[j] << 16) | (uint)j;
            }

            packed[m..].Fill(long.MaxValue); // above every packed key: counts for none

            ref long first = ref MemoryMarshal.GetReference(packed);
            for (int j = 0; j < m; j++)
            {
                Vector256<long> value = Vector256.Create(packed[j]);
                Vector256<long> below = Vector256<long>.Zero;
                for (int l = 0; l < rounded; l += 4)
                {
                    below -= Vector256.LessThan(Vector256.LoadUnsafe(ref first, (nuint)l), value).AsInt64();
                }

                order[(int)Vector256.Sum(below)] = j;
            }

            for (int r = 0; r < m; r++)
            {
                keys[r] = packed[order[r]] >> 16;
            }

            return order;
        }

        public void Dispose()
        {
            ArrayPool<long>.Shared.Return(_packed);
            _packed = [];
            ArrayPool<PackedPurchase>.Shared.Return(_grouped);
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
