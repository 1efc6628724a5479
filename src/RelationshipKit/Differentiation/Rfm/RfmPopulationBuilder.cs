using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RelationshipKit.Internal;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The dedicated RFM group-by of <see cref="RfmPopulation.FromTransactions"/>: per customer only what RFM needs (first
/// and last purchase period, distinct purchase periods, total spend), in two passes that keep memory traffic low.
/// </summary>
/// <remarks>
/// <para>Pass 1, in input order, checks every row exactly as <see cref="CustomerSummaryBuilder"/> does (same order of
/// rules, so the same first bad row and message), notes each customer's position at its first row (one bit per
/// customer, which stays in the cache), and appends each row up to the calibration end as a record to the
/// bucket of its customer's position (8 bytes for day and week periods, 16 for transaction periods, whose key is the
/// tick) (2,048 consecutive positions: a few hundred sequential append points instead
/// of a million scattered ones, and no per-row look-up at random). Pass 2 takes one bucket at a time (some 20,000
/// records, in the cache): one sweep sums the amounts and finds the first and last purchase period per customer, a
/// counting sort groups the purchase keys by customer, and each customer's distinct keys are counted (vector compares
/// for the usual few keys, a sort for long runs). The customers with a purchase are then listed in first-seen order.</para>
/// <para>With <see cref="CustomerSummaryOptions.MaxDegreeOfParallelism"/> above 1 and enough rows, pass 1 runs on
/// several threads, each over a contiguous range of rows into buckets of its own, and pass 2 hands the buckets out
/// to the threads one at a time (each bucket folds the rows of every range). The first-seen order is the ranges'
/// first-seen lists in range order, less the customers an earlier range has seen. The threads only ever take the
/// happy path: a row that breaks a rule, an empty customer id or an amount that cannot be summed in hundredths sends
/// the whole log down the one-thread route or the summary route, which report the first bad row exactly. The result
/// is the same, bit for bit, whatever the number of threads.</para>
/// <para>Amounts are summed exactly as integers of hundredths, and a sum below 2^53 hundredths converts to the
/// same <see langword="double"/> as the summary builder's exact <see langword="decimal"/> sum (both are the
/// correctly rounded quotient of an exact integer by an exact power of ten). Any amount with more than two
/// decimals or beyond the 32-bit range of hundredths, or a customer total of 2^53 hundredths or more, makes
/// <see cref="TryBuild"/> return <see langword="null"/>, and the caller takes the summary route.</para>
/// </remarks>
internal static class RfmPopulationBuilder
{

    /// <summary>The fewest rows a worker of the parallel route takes: on fewer, threads cost more than they save.</summary>
    internal const int MinRowsPerWorker = 1 << 17;

    private const int BucketShift = 11;

    /// <summary>How far ahead of a bucket's append position pass 1 prefetches, in records (four cache lines of packed records).</summary>
    private const int PrefetchAhead = 32;
    private const int BucketSize = 1 << BucketShift;
    private const long ExactDoubleLimit = 1L << 53;

    /// <summary>Hundredths per unit of an amount's last decimal, by its scale (0, 1 or 2 decimals).</summary>
    private static ReadOnlySpan<byte> HundredthsPerUnit => [100, 10, 1];

    /// <summary>The largest bitmap of (slot, period) a fold thread uses to count distinct purchase periods (cache-sized):
    /// logs spanning up to 2,048 periods (5.6 years of days, 39 of weeks).</summary>
    private const int MaxBitmapBytes = 512 * 1024;

    /// <summary>Builds the population, or returns <see langword="null"/> when an amount or a sum needs the summary route.</summary>
    public static RfmPopulation? TryBuild(TransactionColumns columns, DateTimeOffset calibrationEnd, CustomerSummaryOptions options, TimeProvider timeProvider)
    {
        var periodizer = new Periodizer(options.Period, options.TimeZoneId);
        (long calibrationKey, _) = SummaryWindow.Resolve(periodizer, calibrationEnd, null);
        var validator = new TransactionValidator(options, timeProvider, new AmountRange(options.MinimumAmount, options.MaximumAmount));
        int customerCount = columns.Customers.Length;
        int workers = WorkerCount(columns.Count, options.MaxDegreeOfParallelism);
        if (workers > 1 && HasEmptyId(columns.Customers))
        {
            workers = 1; // the one-thread route reports the row where an empty id is first used
        }

        bool wide = options.Period == PurchasePeriod.Transaction || calibrationKey >= PackedEntry.KeyLimit;
        return wide
            ? Build<WideEntry>(columns, validator, periodizer, calibrationKey, options, workers)
            : Build<PackedEntry>(columns, validator, periodizer, calibrationKey, options, workers);
    }

    private static RfmPopulation? Build<TEntry>(TransactionColumns columns, in TransactionValidator validator, in Periodizer periodizer, long calibrationKey, CustomerSummaryOptions options, int workers)
        where TEntry : unmanaged, IEntry<TEntry>
    {
        int customerCount = columns.Customers.Length;
        var parts = new Part<TEntry>?[workers];
        int[]? merged = null;
        try
        {
            if (workers == 1)
            {
                Part<TEntry> part = parts[0] = new Part<TEntry>(columns.Count, customerCount);
                if (!Append(part, columns.Customers, customerCount, columns.CustomerIndex, columns.OccurredAt, columns.Amounts, 0, validator, periodizer, calibrationKey, strict: true))
                {
                    return null;
                }
            }
            else if (!AppendInParallel(columns, validator, periodizer, calibrationKey, parts))
            {
                return null; // a row to report or an amount to sum exactly: the summary route does both, in row order
            }

            (int[] firstSeen, int distinct) = MergeFirstSeen(parts!, customerCount, ref merged);
            var fold = new BucketFold<TEntry>(parts!, periodizer, calibrationKey, options.TimeUnit, countRows: options.Period == PurchasePeriod.Transaction, customerCount);
            try
            {
                return fold.Run(workers, columns.Customers, firstSeen, distinct);
            }
            finally
            {
                fold.Dispose();
            }
        }
        finally
        {
            foreach (Part<TEntry>? part in parts)
            {
                part?.Dispose();
            }

            if (merged is not null)
            {
                ArrayPool<int>.Shared.Return(merged);
            }
        }
    }

    /// <summary>The threads to use: at most <paramref name="maxDegreeOfParallelism"/>, each with <see cref="MinRowsPerWorker"/> rows or more.</summary>
    internal static int WorkerCount(int rows, int maxDegreeOfParallelism) =>
        Math.Max(1, Math.Min(maxDegreeOfParallelism, rows / MinRowsPerWorker));

    private static bool HasEmptyId(ReadOnlySpan<CustomerId> customers)
    {
        foreach (CustomerId id in customers)
        {
            if (id.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Pass 1 on several threads, each over a contiguous range of rows into its own buckets. Returns
    /// <see langword="false"/> when any row breaks a rule or has an amount that cannot be summed in hundredths; the
    /// caller then takes the summary route, which reports the first such row exactly as one thread would.
    /// </summary>
    private static unsafe bool AppendInParallel<TEntry>(TransactionColumns columns, in TransactionValidator validator, in Periodizer periodizer, long calibrationKey, Part<TEntry>?[] parts)
        where TEntry : unmanaged, IEntry<TEntry>
    {
        int rows = columns.Count;
        int customerCount = columns.Customers.Length;
        int workers = parts.Length;
        TransactionValidator checks = validator;
        Periodizer periods = periodizer;
        int failed = 0;

        // The caller's columns stay pinned until every worker has finished, so the workers can read them as spans.
        fixed (int* index = columns.CustomerIndex)
        fixed (DateTimeOffset* at = columns.OccurredAt)
        fixed (decimal* amounts = columns.Amounts)
        {
            nint indexBase = (nint)index;
            nint atBase = (nint)at;
            nint amountBase = (nint)amounts;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                int from = (int)((long)rows * w / workers);
                int count = (int)((long)rows * (w + 1) / workers) - from;
                Part<TEntry> part = parts[w] = new Part<TEntry>(count, customerCount);
                bool ok = Append(
                    part,
                    [],
                    customerCount,
                    new ReadOnlySpan<int>((int*)indexBase + from, count),
                    new ReadOnlySpan<DateTimeOffset>((DateTimeOffset*)atBase + from, count),
                    new ReadOnlySpan<decimal>((decimal*)amountBase + from, count),
                    from,
                    checks,
                    periods,
                    calibrationKey,
                    strict: false);
                if (!ok)
                {
                    Volatile.Write(ref failed, 1);
                }
            });
        }

        return failed == 0;
    }

    /// <summary>
    /// Pass 1 over one range of rows, in order: checks each row exactly as <see cref="CustomerSummaryBuilder"/> does
    /// (same order of rules, so the same first bad row and message when <paramref name="strict"/>), notes each
    /// customer's position at its first row in the range (a bit per customer, which stays in the cache), and appends
    /// the rows up to the calibration end to the buckets of their customers' positions. Returns
    /// <see langword="false"/> when an amount cannot be summed in hundredths, or, unless strict (which throws), when a
    /// row breaks a rule.
    /// </summary>
    private static bool Append<TEntry>(
        Part<TEntry> part,
        ReadOnlySpan<CustomerId> customers,
        int customerCount,
        ReadOnlySpan<int> customerIndex,
        ReadOnlySpan<DateTimeOffset> occurredAt,
        ReadOnlySpan<decimal> amounts,
        int firstRow,
        in TransactionValidator validator,
        in Periodizer periodizer,
        long calibrationKey,
        bool strict)
        where TEntry : unmanaged, IEntry<TEntry>
    {
        occurredAt = occurredAt[..customerIndex.Length];
        amounts = amounts[..customerIndex.Length];
        if (!DecimalArithmetic.LayoutKnown)
        {
            return false; // amounts read through another layout: the summary route checks and sums every row
        }

        bool checkIds = strict && HasEmptyId(customers); // else no row can name an empty id
        var limits = new RowLimits(validator);
        int stop = (periodizer.Period, periodizer.IsUtc) switch
        {
            (PurchasePeriod.Day, true) => AppendRows<TEntry, UtcDayKey>(part, customers, customerCount, customerIndex, occurredAt, amounts, limits, periodizer, calibrationKey, checkIds),
            (PurchasePeriod.Week, true) => AppendRows<TEntry, UtcWeekKey>(part, customers, customerCount, customerIndex, occurredAt, amounts, limits, periodizer, calibrationKey, checkIds),
            _ => AppendRows<TEntry, AnyKey>(part, customers, customerCount, customerIndex, occurredAt, amounts, limits, periodizer, calibrationKey, checkIds),
        };
        if (stop < 0)
        {
            return true;
        }

        if (!strict)
        {
            return false;
        }

        // The row that stopped the loop, checked in the builder's order of rules: it throws when it breaks a rule,
        // else (an amount that cannot be summed in hundredths, or a period a packed record cannot hold) the caller
        // takes the summary route.
        int c = customerIndex[stop];
        long row = firstRow + stop;
        if ((uint)c >= (uint)customerCount)
        {
            throw new InvalidTransactionException(
                nameof(Transaction.CustomerId),
                $"Transaction {row}: customer index {c} is outside the {customerCount} customers given.",
                row);
        }

        TransactionValidator.CheckCustomer(customers[c], row); // an empty id stops the loop at its first use only
        long utc = occurredAt[stop].UtcTicks;
        if (utc == 0 || utc > validator.LatestUtcTicks)
        {
            validator.Check(customers[c], occurredAt[stop], amounts[stop], null, row); // throws, naming the rule broken
        }

        if (DecimalArithmetic.TryDecompose(amounts[stop], out bool negative, out int scale, out ulong coefficient) && scale <= 2 && coefficient <= int.MaxValue)
        {
            long hundredths = (long)coefficient * HundredthsPerUnit[scale] * (negative ? -1 : 1);
            if (hundredths < validator.MinimumHundredths || hundredths > validator.MaximumHundredths)
            {
                validator.Check(customers[c], occurredAt[stop], amounts[stop], null, row); // throws, naming the rule broken
            }
        }

        return false;
    }

    /// <summary>
    /// Pass 1's loop over one range of rows, in order: appends each row up to the calibration end to the bucket of its
    /// customer's position, notes each customer's position at its first row in the range (a bit per customer, which
    /// stays in the cache) and the smallest key. Returns −1 when every row was taken, else the index of the first row
    /// that needs a closer look (a broken rule, an empty id at its first use, an amount that cannot be summed in
    /// hundredths, a period a packed record cannot hold), where it stops. Every rule is one comparison here and the
    /// closer look is the caller's, so that the loop keeps its figures in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AppendRows<TEntry, TKey>(
        Part<TEntry> part,
        ReadOnlySpan<CustomerId> customers,
        int customerCount,
        ReadOnlySpan<int> customerIndex,
        ReadOnlySpan<DateTimeOffset> occurredAt,
        ReadOnlySpan<decimal> amounts,
        RowLimits limits,
        in Periodizer periodizer,
        long calibrationKey,
        bool checkIds)
        where TEntry : unmanaged, IEntry<TEntry>
        where TKey : struct, IPeriodKey
    {
        ulong[] seen = part.Seen;
        TEntry[] rows = part.Rows;
        int[] firstSeen = part.FirstSeen;
        ChunkChains chains = part.Chains;
        ChunkChains.Cursor[] cursors = chains.Cursors;
        ReadOnlySpan<byte> hundredthsPerUnit = HundredthsPerUnit;
        ulong latest = (ulong)limits.LatestUtcTicks;
        long lowest = limits.LowestHundredths;
        ulong range = (ulong)(limits.HighestHundredths - limits.LowestHundredths);
        if (limits.HighestHundredths < lowest)
        {
            return customerIndex.IsEmpty ? -1 : 0; // no amount is both in range and summable in 32 bits: the first row decides
        }

        long smallestKey = long.MaxValue;
        int distinct = 0;
        int stop = -1;
        for (int i = 0; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customerCount)
            {
                stop = i;
                break;
            }

            // A customer's first row appends it to the first-seen list, without a branch (new customers come at random).
            ref ulong word = ref seen[c >> 6];
            ulong before = word;
            if (checkIds && ((before >> c) & 1) == 0 && customers[c].IsEmpty)
            {
                stop = i;
                break;
            }

            // The rules of TransactionValidator.Accepts, one comparison each: a timestamp that is set and not in the
            // future (1 ≤ utc ≤ latest, as utc − 1 < latest unsigned), an amount in range (in hundredths h: ceil(100 min) ≤ h ≤ floor(100 max), and
            // within 32 bits).
            long utc = occurredAt[i].UtcTicks;
            ref readonly DecimalArithmetic.Bits amount = ref Unsafe.As<decimal, DecimalArithmetic.Bits>(ref Unsafe.AsRef(in amounts[i]));
            uint scale = (uint)(amount.Flags >> 16) & 0xFF;
            if ((ulong)(utc - 1) >= latest || amount.High != 0 || scale > 2 || amount.Low > int.MaxValue)
            {
                stop = i;
                break;
            }

            long sign = amount.Flags >> 31; // 0 or −1: negates without a branch
            long hundredths = (((long)amount.Low * hundredthsPerUnit[(int)scale]) ^ sign) - sign;
            long key = TKey.Of(utc, periodizer);
            if ((ulong)(hundredths - lowest) > range || !TEntry.TryCreate(Math.Min(key, calibrationKey), calibrationKey, (int)hundredths, c & (BucketSize - 1), out TEntry entry))
            {
                stop = i;
                break;
            }

            word = before | (1UL << c);
            firstSeen[distinct] = c;
            distinct += (int)(((before >> c) & 1) ^ 1);
            if (key > calibrationKey)
            {
                continue; // after the calibration end: the customer is seen, the row is not summed
            }

            ref ChunkChains.Cursor cursor = ref cursors[c >> BucketShift];
            if (cursor.Next == cursor.Limit)
            {
                chains.StartChunk(c >> BucketShift);
            }

            rows[cursor.Next++] = entry;
            smallestKey = Smaller(key, smallestKey);
            CachePrefetch.Element(rows, cursor.Next + PrefetchAhead); // hundreds of append streams defeat the hardware prefetchers
        }

        part.Distinct = distinct;
        part.SmallestKey = smallestKey;
        return stop;
    }

    /// <summary>The row rules of a validator as pass 1 compares them.</summary>
    private readonly struct RowLimits(in TransactionValidator validator)
    {
        /// <summary>The latest timestamp accepted, in UTC ticks.</summary>
        public long LatestUtcTicks { get; } = validator.LatestUtcTicks;

        /// <summary>The smallest amount in hundredths accepted and summable in 32 bits.</summary>
        public long LowestHundredths { get; } = Math.Max(validator.MinimumHundredths, -int.MaxValue);

        /// <summary>The largest amount in hundredths accepted and summable in 32 bits.</summary>
        public long HighestHundredths { get; } = Math.Min(validator.MaximumHundredths, int.MaxValue);
    }

    /// <summary>The period key of a UTC instant, fixed per period kind so that the hot loop divides by a constant.</summary>
    private interface IPeriodKey
    {
        static abstract long Of(long utcTicks, in Periodizer periodizer);
    }

    private readonly struct UtcDayKey : IPeriodKey
    {
        public static long Of(long utcTicks, in Periodizer periodizer) => utcTicks / TimeSpan.TicksPerDay;
    }

    private readonly struct UtcWeekKey : IPeriodKey
    {
        public static long Of(long utcTicks, in Periodizer periodizer) => utcTicks / (7 * TimeSpan.TicksPerDay);
    }

    private readonly struct AnyKey : IPeriodKey
    {
        public static long Of(long utcTicks, in Periodizer periodizer) => periodizer.KeyOfUtcTicks(utcTicks);
    }

    /// <summary>
    /// The customers in the order in which they first appear in the whole log: each range's first-seen list in range
    /// order, less the customers an earlier range has seen already.
    /// </summary>
    private static (int[] Customers, int Count) MergeFirstSeen<TEntry>(Part<TEntry>[] parts, int customerCount, ref int[]? merged)
        where TEntry : unmanaged, IEntry<TEntry>
    {
        if (parts.Length == 1)
        {
            return (parts[0].FirstSeen, parts[0].Distinct);
        }

        merged = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));
        ulong[] union = parts[0].Seen; // becomes the union of the ranges merged so far
        parts[0].FirstSeen.AsSpan(0, parts[0].Distinct).CopyTo(merged);
        int count = parts[0].Distinct;
        int words = (customerCount + 63) >> 6;
        for (int p = 1; p < parts.Length; p++)
        {
            foreach (int c in parts[p].FirstSeen.AsSpan(0, parts[p].Distinct))
            {
                if ((union[c >> 6] & (1UL << c)) == 0)
                {
                    merged[count++] = c;
                }
            }

            ulong[] seen = parts[p].Seen;
            for (int w = 0; w < words; w++)
            {
                union[w] |= seen[w];
            }
        }

        return (merged, count);
    }

    /// <summary>The smaller of two keys, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Smaller(long a, long b)
    {
        long mask = -(long)Unsafe.BitCast<bool, byte>(a < b);
        return b ^ ((a ^ b) & mask);
    }

    /// <summary>The larger of two keys, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Larger(long a, long b)
    {
        long mask = -(long)Unsafe.BitCast<bool, byte>(a > b);
        return b ^ ((a ^ b) & mask);
    }

    /// <summary>The number of distinct values among a customer's keys (reorders long runs).</summary>
    internal static int CountDistinct(Span<long> keys)
    {
        int m = keys.Length;
        if (m <= 1)
        {
            return m;
        }

        if (m > 64 || !Vector256.IsHardwareAccelerated)
        {
            keys.Sort();
            int changes = 1;
            for (int j = 1; j < m; j++)
            {
                changes += keys[j] != keys[j - 1] ? 1 : 0;
            }

            return changes;
        }

        // Key j is new when no earlier key equals it: compare it with keys[0..j) four at a time.
        ref long head = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(keys);
        int distinct = 1;
        for (int j = 1; j < m; j++)
        {
            Vector256<long> key = Vector256.Create(Unsafe.Add(ref head, j));
            Vector256<long> hits = Vector256<long>.Zero;
            int i = 0;
            for (; i + 4 <= j; i += 4)
            {
                hits |= Vector256.Equals(key, Vector256.LoadUnsafe(ref head, (nuint)i));
            }

            bool seen = hits != Vector256<long>.Zero;
            for (; i < j; i++)
            {
                seen |= Unsafe.Add(ref head, i) == Unsafe.Add(ref head, j);
            }

            distinct += seen ? 0 : 1;
        }

        return distinct;
    }

    /// <summary>One row up to the calibration end, as appended to its bucket: its period key, amount in hundredths and customer slot.</summary>
    private interface IEntry<TSelf>
        where TSelf : struct, IEntry<TSelf>
    {
        /// <summary>The customer's slot in its bucket.</summary>
        int Slot { get; }

        int Hundredths { get; }

        /// <summary>Encodes a row (<paramref name="key"/> at most <paramref name="calibrationKey"/>); <see langword="false"/> when this record cannot hold the key.</summary>
        static abstract bool TryCreate(long key, long calibrationKey, int hundredths, int slot, out TSelf entry);

        /// <summary>The period key, given the calibration end's.</summary>
        long KeyOf(long calibrationKey);
    }

    /// <summary>16 bytes: any period key (transaction periods key by the tick).</summary>
    private readonly struct WideEntry : IEntry<WideEntry>
    {
        private readonly long _key;
        private readonly int _hundredths;
        private readonly ushort _slot;

        private WideEntry(long key, int hundredths, int slot)
        {
            _key = key;
            _hundredths = hundredths;
            _slot = (ushort)slot;
        }

        public int Slot => _slot;

        public int Hundredths => _hundredths;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryCreate(long key, long calibrationKey, int hundredths, int slot, out WideEntry entry)
        {
            entry = new WideEntry(key, hundredths, slot);
            return true;
        }

        public long KeyOf(long calibrationKey) => _key;
    }

    /// <summary>
    /// 8 bytes, half the memory traffic of <see cref="WideEntry"/>: the amount in the high 32 bits, then the number of
    /// periods before the calibration end's (21 bits: day and week periods of any log that ends before the year 5700),
    /// then the slot (11 bits).
    /// </summary>
    private readonly struct PackedEntry : IEntry<PackedEntry>
    {
        /// <summary>The first calibration key the packed record cannot serve (keys count from 0001-01-01).</summary>
        public const long KeyLimit = 1L << DeltaBits;

        private const int DeltaBits = 21;
        private readonly ulong _bits;

        private PackedEntry(ulong bits) => _bits = bits;

        public int Slot => (int)(_bits & (BucketSize - 1));

        public int Hundredths => (int)(_bits >> 32);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryCreate(long key, long calibrationKey, int hundredths, int slot, out PackedEntry entry)
        {
            ulong delta = (ulong)(calibrationKey - key);
            entry = new PackedEntry(((ulong)(uint)hundredths << 32) | (delta << BucketShift) | (uint)slot);
            return delta < KeyLimit;
        }

        public long KeyOf(long calibrationKey) => calibrationKey - (long)((_bits >> BucketShift) & (KeyLimit - 1));
    }

    /// <summary>
    /// Pass 1's output for one range of rows: the rows appended bucket by bucket (consecutive customer positions),
    /// each bucket a list of chunks in one pooled arena, and the range's customers in first-seen order.
    /// </summary>
    private sealed class Part<TEntry> : IDisposable
        where TEntry : unmanaged, IEntry<TEntry>
    {
        public Part(int rowCount, int customerCount)
        {
            Chains = new ChunkChains(rowCount, BucketCount(customerCount));
            int words = (customerCount + 63) >> 6;
            Seen = ArrayPool<ulong>.Shared.Rent(Math.Max(words, 1));
            Array.Clear(Seen, 0, words);
            Rows = ArrayPool<TEntry>.Shared.Rent(Chains.RowCapacity);
            FirstSeen = ArrayPool<int>.Shared.Rent(Math.Min(customerCount, rowCount) + 1); // pass 1 writes one past the last new customer
        }

        /// <summary>A bit per customer position: seen in a row of this range yet.</summary>
        public ulong[] Seen { get; }

        public TEntry[] Rows { get; }

        /// <summary>Which chunks of <see cref="Rows"/> belong to which bucket.</summary>
        public ChunkChains Chains { get; }

        /// <summary>The range's customers in the order of their first row in it (<see cref="Distinct"/> of them).</summary>
        public int[] FirstSeen { get; }

        public int Distinct { get; set; }

        /// <summary>The smallest period key appended (<see cref="long.MaxValue"/> when none was).</summary>
        public long SmallestKey { get; set; } = long.MaxValue;

        public ReadOnlySpan<TEntry> RowsOf(int bucket, int chunk)
        {
            (int from, int to) = Chains.RowsOf(bucket, chunk);
            return Rows.AsSpan(from, to - from);
        }

        public int RowCountOf(int bucket)
        {
            int rows = 0;
            for (int chunk = Chains.FirstChunk[bucket]; chunk >= 0; chunk = Chains.NextChunk[chunk])
            {
                (int from, int to) = Chains.RowsOf(bucket, chunk);
                rows += to - from;
            }

            return rows;
        }

        public void Dispose()
        {
            ArrayPool<ulong>.Shared.Return(Seen);
            ArrayPool<TEntry>.Shared.Return(Rows);
            ArrayPool<int>.Shared.Return(FirstSeen);
            Chains.Dispose();
        }
    }

    private static int BucketCount(int customerCount) => (customerCount + BucketSize - 1) >> BucketShift;

    /// <summary>
    /// Pass 2: bucket by bucket (consecutive customer positions, the rows of every range), each customer's figures,
    /// written straight to the customer's first-seen row of the population's columns; buckets are handed out one at a
    /// time to the threads.
    /// </summary>
    /// <summary>One customer slot's running figures in sweep 1 of a bucket's fold.</summary>
    private struct SlotState
    {
        public long Sum;
        public long First;
        public long Last;
        public int Purchases;
        public int Distinct;
    }

    /// <summary>How a fold sweep counts distinct purchase periods: fixed per instantiation, so the hot loop has no test.</summary>
    private interface IDistinctPeriods
    {
        /// <summary>Whether the sweep counts them in the bitmap (else they are grouped and counted after it).</summary>
        static abstract bool InBitmap { get; }
    }

    private readonly struct PeriodsInBitmap : IDistinctPeriods
    {
        public static bool InBitmap => true;
    }

    private readonly struct PeriodsGrouped : IDistinctPeriods
    {
        public static bool InBitmap => false;
    }

    private sealed class BucketFold<TEntry> : IDisposable
        where TEntry : unmanaged, IEntry<TEntry>
    {
        private readonly Part<TEntry>[] _parts;
        private readonly long _calibrationKey;
        private readonly Periodizer _periodizer;
        private readonly long _calibrationStart;
        private readonly double _ticksPerUnit;
        private readonly TimeUnit _unit;
        private readonly bool _countRows;
        private readonly int _customerCount;
        private readonly int _bucketCount;
        private readonly int _maxBucketRows;
        private readonly int _wordsPerSlot;
        private readonly int[] _rank;
        private double[] _recency = [];
        private int[] _periods = [];
        private double[] _total = [];
        private int _nextBucket = -1;
        private int _written;
        private volatile bool _overflow;

        public BucketFold(Part<TEntry>[] parts, in Periodizer periodizer, long calibrationKey, TimeUnit unit, bool countRows, int customerCount)
        {
            _parts = parts;
            _periodizer = periodizer;
            _calibrationKey = calibrationKey;
            _calibrationStart = periodizer.StartOf(calibrationKey);
            _ticksPerUnit = unit.GetTicks();
            _unit = unit;
            _countRows = countRows;
            _customerCount = customerCount;
            _bucketCount = BucketCount(customerCount);
            for (int b = 0; b < _bucketCount; b++)
            {
                int rows = 0;
                foreach (Part<TEntry> part in parts)
                {
                    rows += part.RowCountOf(b);
                }

                _maxBucketRows = Math.Max(_maxBucketRows, rows);
            }

            _rank = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));

            // Distinct purchase periods through a bitmap of (slot, periods before the calibration end) when the log's
            // periods span few enough for a bucket's bitmap to stay in the cache; else by grouping each slot's keys.
            long smallest = long.MaxValue;
            foreach (Part<TEntry> part in parts)
            {
                smallest = Math.Min(smallest, part.SmallestKey);
            }

            long span = smallest == long.MaxValue ? 1 : calibrationKey - smallest + 1;
            if (!countRows && span <= MaxBitmapBytes * 8L / BucketSize)
            {
                _wordsPerSlot = (int)((span + 63) >> 6);
            }
        }

        /// <summary>
        /// Folds every bucket on up to <paramref name="workers"/> threads (the calling thread lists the ids meanwhile,
        /// then joins), and returns the customers with a purchase up to the calibration end in first-seen order; or
        /// <see langword="null"/> when a customer's total needs the summary route.
        /// </summary>
        public RfmPopulation? Run(int workers, ReadOnlySpan<CustomerId> customers, int[] firstSeen, int distinct)
        {
            int helpers = Math.Min(workers, _bucketCount) - 1;
            if (helpers > 0)
            {
                // Each customer's first-seen row; the customers are distinct, so the threads write apart.
                Parallel.For(0, helpers + 1, new ParallelOptions { MaxDegreeOfParallelism = helpers + 1 }, w =>
                {
                    int from = (int)((long)distinct * w / (helpers + 1));
                    int to = (int)((long)distinct * (w + 1) / (helpers + 1));
                    RankRange(firstSeen, from, to);
                });
            }
            else
            {
                RankRange(firstSeen, 0, distinct);
            }

            var ids = new CustomerId[distinct];
            _recency = GC.AllocateUninitializedArray<double>(distinct); // written for every customer with a purchase
            _periods = new int[distinct]; // stays 0 for a customer without a purchase up to the calibration end
            _total = GC.AllocateUninitializedArray<double>(distinct);
            HugePages.Advise(ids);
            HugePages.Advise(_recency);
            HugePages.Advise(_periods);
            HugePages.Advise(_total);
            var tasks = new Task[Math.Max(helpers, 0)];
            for (int t = 0; t < tasks.Length; t++)
            {
                tasks[t] = Task.Run(FoldBuckets);
            }

            for (int k = 0; k < distinct; k++)
            {
                ids[k] = customers[firstSeen[k]];
            }

            FoldBuckets();
            Task.WaitAll(tasks);
            if (_overflow)
            {
                return null;
            }

            return _written == distinct
                ? new RfmPopulation(distinct, _unit, ids, _recency, _periods, _total)
                : WithoutNonBuyers(ids, _written);
        }

        public void Dispose() => ArrayPool<int>.Shared.Return(_rank);

        private void RankRange(int[] firstSeen, int from, int to)
        {
            int[] rank = _rank;
            for (int k = from; k < to; k++)
            {
                rank[firstSeen[k]] = k;
            }
        }

        /// <summary>The customers seen only in rows after the calibration end or only in refunds left out, in order.</summary>
        private RfmPopulation WithoutNonBuyers(CustomerId[] ids, int count)
        {
            var keptIds = new CustomerId[count];
            double[] recency = GC.AllocateUninitializedArray<double>(count);
            int[] periods = GC.AllocateUninitializedArray<int>(count);
            double[] total = GC.AllocateUninitializedArray<double>(count);
            HugePages.Advise(keptIds);
            HugePages.Advise(recency);
            HugePages.Advise(periods);
            HugePages.Advise(total);
            int k = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                if (_periods[i] > 0)
                {
                    keptIds[k] = ids[i];
                    recency[k] = _recency[i];
                    periods[k] = _periods[i];
                    total[k] = _total[i];
                    k++;
                }
            }

            return new RfmPopulation(count, _unit, keptIds, recency, periods, total);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FoldBuckets()
        {
            int[] start = ArrayPool<int>.Shared.Rent(BucketSize + 1);
            SlotState[] states = ArrayPool<SlotState>.Shared.Rent(BucketSize);
            bool bitmap = _wordsPerSlot > 0;
            long[] grouped = ArrayPool<long>.Shared.Rent(bitmap ? 1 : Math.Max(_maxBucketRows, 1));
            ulong[] periods = ArrayPool<ulong>.Shared.Rent(bitmap ? BucketSize * _wordsPerSlot : 1);
            try
            {
                int b;
                int written = 0;
                if (bitmap)
                {
                    Array.Clear(periods, 0, BucketSize * _wordsPerSlot);
                }

                while (!_overflow && (b = Interlocked.Increment(ref _nextBucket)) < _bucketCount)
                {
                    if (!(bitmap ? FoldBucketWithBitmap(b, states, periods, ref written) : FoldBucket(b, start, states, grouped, ref written)))
                    {
                        _overflow = true;
                    }
                }

                Interlocked.Add(ref _written, written);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(start);
                ArrayPool<SlotState>.Shared.Return(states);
                ArrayPool<long>.Shared.Return(grouped);
                ArrayPool<ulong>.Shared.Return(periods);
            }
        }

        /// <summary>
        /// One bucket's customers in one sweep, counting each slot's distinct purchase periods in its row of the
        /// bitmap <paramref name="periods"/> (one bit per period before the calibration end's; all zero on entry, and
        /// cleared again on return); <see langword="false"/> when a total reaches 2^53 hundredths.
        /// </summary>
        private bool FoldBucketWithBitmap(int b, SlotState[] states, ulong[] periods, ref int written)
        {
            int firstPosition = b << BucketShift;
            int slots = Math.Min(BucketSize, _customerCount - firstPosition);
            Span<SlotState> state = states.AsSpan(0, slots);
            Span<ulong> bitmap = periods.AsSpan(0, slots * _wordsPerSlot);
            Sweep<PeriodsInBitmap>(b, state, bitmap);
            bitmap.Clear();
            return WriteCustomers(state, _rank.AsSpan(firstPosition, slots), ref written);
        }

        /// <summary>
        /// The sweep over a bucket's rows: per slot (one 32-byte record) the sum, the purchase count and the first and
        /// last purchase keys (without branches: they change at random); with <typeparamref name="TPeriods"/> counting
        /// in the bitmap, also the distinct keys, a key counting when its bit in the slot's row was not yet set.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Sweep<TPeriods>(int b, Span<SlotState> state, Span<ulong> bitmap)
            where TPeriods : struct, IDistinctPeriods
        {
            long calibrationKey = _calibrationKey;
            int wordsPerSlot = _wordsPerSlot;
            foreach (ref SlotState slotState in state)
            {
                slotState = new SlotState { First = long.MaxValue, Last = long.MinValue };
            }

            foreach (Part<TEntry> part in _parts)
            {
                for (int chunk = part.Chains.FirstChunk[b]; chunk >= 0; chunk = part.Chains.NextChunk[chunk])
                {
                    foreach (TEntry row in part.RowsOf(b, chunk))
                    {
                        int slot = row.Slot;
                        ref SlotState slotState = ref state[slot];
                        int hundredths = row.Hundredths;
                        slotState.Sum += hundredths;
                        if (hundredths >= 0)
                        {
                            slotState.Purchases++;
                            long key = row.KeyOf(calibrationKey);
                            slotState.First = Smaller(key, slotState.First);
                            slotState.Last = Larger(key, slotState.Last);
                            if (TPeriods.InBitmap)
                            {
                                long before = calibrationKey - key;
                                ref ulong word = ref bitmap[(slot * wordsPerSlot) + (int)(before >> 6)];
                                ulong bit = 1UL << (int)before;
                                slotState.Distinct += Unsafe.BitCast<bool, byte>((word & bit) == 0);
                                word |= bit;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Writes each slot with a purchase to its customer's first-seen row; <see langword="false"/> when a total reaches 2^53 hundredths.</summary>
        private bool WriteCustomers(ReadOnlySpan<SlotState> state, ReadOnlySpan<int> rank, ref int written)
        {
            double[] recencyOut = _recency;
            int[] periodsOut = _periods;
            double[] totalOut = _total;
            for (int slot = 0; slot < state.Length; slot++)
            {
                ref readonly SlotState slotState = ref state[slot];
                if (slotState.Purchases == 0)
                {
                    continue; // not seen, or no purchase up to the calibration end: left out, as by the summary builder
                }

                long spend = slotState.Sum;
                if (spend >= ExactDoubleLimit || spend <= -ExactDoubleLimit)
                {
                    return false;
                }

                long first = _periodizer.StartOf(slotState.First);
                double tx = (_periodizer.StartOf(slotState.Last) - first) / _ticksPerUnit;
                double t = (_calibrationStart - first) / _ticksPerUnit;
                int r = rank[slot];
                recencyOut[r] = t - tx;
                periodsOut[r] = slotState.Distinct;
                totalOut[r] = spend / 100.0;
                written++;
            }

            return true;
        }

        /// <summary>
        /// One bucket's customers when the log spans too many periods for the bitmap: after the sweep, each slot's
        /// purchase keys are grouped and their distinct values counted (with the transaction period every purchase
        /// row counts, so no grouping); <see langword="false"/> when a total reaches 2^53 hundredths.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool FoldBucket(int b, int[] start, SlotState[] states, long[] grouped, ref int written)
        {
            long calibrationKey = _calibrationKey;
            int firstPosition = b << BucketShift;
            int slots = Math.Min(BucketSize, _customerCount - firstPosition);
            Span<SlotState> state = states.AsSpan(0, slots);
            ReadOnlySpan<int> rank = _rank.AsSpan(firstPosition, slots);
            Sweep<PeriodsGrouped>(b, state, default);
            if (_countRows)
            {
                foreach (ref SlotState slotState in state)
                {
                    slotState.Distinct = slotState.Purchases;
                }

                return WriteCustomers(state, rank, ref written);
            }

            // Each slot's purchase keys grouped (a counting sort: slotStart[slot + 1] advances from the slot's start
            // to its end).
            Span<int> slotStart = start.AsSpan(0, slots + 1);
            int running = 0;
            for (int slot = 0; slot < slots; slot++)
            {
                slotStart[slot + 1] = running;
                running += state[slot].Purchases;
            }

            Span<int> next = slotStart[1..];
            foreach (Part<TEntry> part in _parts)
            {
                for (int chunk = part.Chains.FirstChunk[b]; chunk >= 0; chunk = part.Chains.NextChunk[chunk])
                {
                    foreach (TEntry row in part.RowsOf(b, chunk))
                    {
                        if (row.Hundredths >= 0)
                        {
                            grouped[next[row.Slot]++] = row.KeyOf(calibrationKey);
                        }
                    }
                }
            }

            slotStart[0] = 0;
            for (int slot = 0; slot < slots; slot++)
            {
                int from = slotStart[slot];
                int purchases = slotStart[slot + 1] - from;
                state[slot].Distinct = purchases == 0 ? 0 : CountDistinct(grouped.AsSpan(from, purchases));
            }

            return WriteCustomers(state, rank, ref written);
        }
    }
}
