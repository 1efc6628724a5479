using System.Buffers;
using System.Runtime.CompilerServices;
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
/// customer, which stays in the cache), and appends each row up to the calibration end as a 16-byte record to the
/// bucket of its customer's position (2,048 consecutive positions: a few hundred sequential append points instead
/// of a million scattered ones, and no per-row look-up at random). Pass 2 takes one bucket at a time (some 20,000
/// records, in the cache): one sweep sums the amounts and finds the first and last purchase period per customer, a
/// counting sort groups the purchase keys by customer, and each customer's distinct keys are counted (vector compares
/// for the usual few keys, a sort for long runs). The customers with a purchase are then listed in first-seen order.</para>
/// <para>Amounts are summed exactly as integers of hundredths, and a sum below 2^53 hundredths converts to the
/// same <see langword="double"/> as the summary builder's exact <see langword="decimal"/> sum (both are the
/// correctly rounded quotient of an exact integer by an exact power of ten). Any amount with more than two
/// decimals or beyond the 32-bit range of hundredths, or a customer total of 2^53 hundredths or more, makes
/// <see cref="TryBuild"/> return <see langword="null"/>, and the caller takes the summary route.</para>
/// </remarks>
internal static class RfmPopulationBuilder
{
    private const int BucketShift = 11;
    private const int BucketSize = 1 << BucketShift;
    private const long ExactDoubleLimit = 1L << 53;

    /// <summary>Builds the population, or returns <see langword="null"/> when an amount or a sum needs the summary route.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RfmPopulation? TryBuild(TransactionColumns columns, DateTimeOffset calibrationEnd, CustomerSummaryOptions options, TimeProvider timeProvider)
    {
        var periodizer = new Periodizer(options.Period, options.TimeZoneId);
        (long calibrationKey, _) = SummaryWindow.Resolve(periodizer, calibrationEnd, null);
        var validator = new TransactionValidator(options, timeProvider, new AmountRange(options.MinimumAmount, options.MaximumAmount));
        int customerCount = columns.Customers.Length;
        var buckets = new Buckets(columns.Count, customerCount);
        int[] firstSeen = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));
        try
        {
            int distinct = CheckAndAppend(columns, validator, periodizer, calibrationKey, buckets, firstSeen);
            if (distinct < 0)
            {
                return null;
            }

            return Fold(columns.Customers, buckets, firstSeen.AsSpan(0, distinct), periodizer, calibrationKey, options.TimeUnit, countRows: options.Period == PurchasePeriod.Transaction);
        }
        finally
        {
            buckets.Dispose();
            ArrayPool<int>.Shared.Return(firstSeen);
        }
    }

    /// <summary>
    /// Pass 1, in input order: checks each row, notes each customer's position at its first row (a bit per customer,
    /// in the cache, instead of a rank looked up at random), and appends the rows up to the calibration end to the
    /// buckets of their customers' positions. Returns the number of distinct customers, or -1 when an amount cannot be encoded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CheckAndAppend(TransactionColumns columns, in TransactionValidator validator, in Periodizer periodizer, long calibrationKey, Buckets buckets, int[] firstSeen)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt[..customerIndex.Length];
        ReadOnlySpan<decimal> amounts = columns.Amounts[..customerIndex.Length];
        ulong[] seen = buckets.Seen;
        Entry[] rows = buckets.Rows;
        ChunkChains.Cursor[] cursors = buckets.Chains.Cursors;
        int distinct = 0;
        for (int i = 0; i < customerIndex.Length; i++)
        {
            int c = customerIndex[i];
            if ((uint)c >= (uint)customers.Length)
            {
                throw new InvalidTransactionException(
                    nameof(Transaction.CustomerId),
                    $"Transaction {i}: customer index {c} is outside the {customers.Length} customers given.",
                    i);
            }

            ref ulong word = ref seen[c >> 6];
            ulong bit = 1UL << c;
            if ((word & bit) == 0)
            {
                word |= bit;
                TransactionValidator.CheckCustomer(customers[c], i);
                firstSeen[distinct++] = c;
            }

            ref readonly DateTimeOffset at = ref occurredAt[i];
            ref readonly decimal amount = ref amounts[i];
            if (!validator.Accepts(at, amount, null))
            {
                validator.Check(customers[c], at, amount, null, i); // throws, naming the rule broken
            }

            if (!TryHundredths(amount, out int hundredths))
            {
                return -1;
            }

            long key = periodizer.KeyOf(at);
            if (key > calibrationKey)
            {
                continue;
            }

            ref ChunkChains.Cursor cursor = ref cursors[c >> BucketShift];
            if (cursor.Next == cursor.Limit)
            {
                buckets.Chains.StartChunk(c >> BucketShift);
            }

            rows[cursor.Next++] = new Entry(key, hundredths, (ushort)(c & (BucketSize - 1)));
        }

        return distinct;
    }

    /// <summary>The amount in hundredths when it has at most two decimals and fits 32 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryHundredths(in decimal amount, out int hundredths)
    {
        hundredths = 0;
        if (!DecimalArithmetic.TryDecompose(amount, out bool negative, out int scale, out ulong coefficient) || scale > 2)
        {
            return false;
        }

        ulong scaled = scale == 2 ? coefficient : coefficient * (scale == 1 ? 10UL : 100UL);
        if (coefficient > int.MaxValue || scaled > int.MaxValue)
        {
            return false;
        }

        hundredths = negative ? -(int)scaled : (int)scaled;
        return true;
    }

    /// <summary>
    /// Pass 2: bucket by bucket (consecutive customer positions), each customer's figures, into columns by position;
    /// then the customers with a purchase, in first-seen order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RfmPopulation? Fold(
        ReadOnlySpan<CustomerId> customers,
        Buckets buckets,
        ReadOnlySpan<int> firstSeen,
        in Periodizer periodizer,
        long calibrationKey,
        TimeUnit unit,
        bool countRows)
    {
        double ticksPerUnit = unit.GetTicks();
        long calibrationStart = periodizer.StartOf(calibrationKey);
        int customerCount = customers.Length;
        int[] start = ArrayPool<int>.Shared.Rent(BucketSize + 1);
        long[] sums = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] firstKeys = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] lastKeys = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] grouped = ArrayPool<long>.Shared.Rent(Math.Max(buckets.Chains.MaxBucketRows(), 1));
        int[] periodsAt = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));
        double[] recencyAt = ArrayPool<double>.Shared.Rent(Math.Max(customerCount, 1));
        double[] totalAt = ArrayPool<double>.Shared.Rent(Math.Max(customerCount, 1));
        try
        {
            for (int b = 0, firstPosition = 0; firstPosition < customerCount; b++, firstPosition += BucketSize)
            {
                int slots = Math.Min(BucketSize, customerCount - firstPosition);
                Span<int> slotStart = start.AsSpan(0, slots + 1);
                Span<long> sum = sums.AsSpan(0, slots);
                Span<long> firstKey = firstKeys.AsSpan(0, slots);
                Span<long> lastKey = lastKeys.AsSpan(0, slots);
                Span<int> periods = periodsAt.AsSpan(firstPosition, slots);
                if (buckets.Chains.FirstChunk[b] < 0)
                {
                    periods.Clear(); // no row up to the calibration end
                    continue;
                }

                slotStart.Clear();
                sum.Clear();
                firstKey.Fill(long.MaxValue);
                lastKey.Fill(long.MinValue);

                // Sweep 1: sums, first and last purchase keys, purchase counts (into slotStart[slot + 1]).
                for (int chunk = buckets.Chains.FirstChunk[b]; chunk >= 0; chunk = buckets.Chains.NextChunk[chunk])
                {
                    foreach (Entry row in buckets.RowsOf(b, chunk))
                    {
                        int slot = row.Slot;
                        sum[slot] += row.Hundredths;
                        if (row.Hundredths >= 0)
                        {
                            slotStart[slot + 1]++;
                            firstKey[slot] = Math.Min(firstKey[slot], row.Key);
                            lastKey[slot] = Math.Max(lastKey[slot], row.Key);
                        }
                    }
                }

                int running = 0;
                for (int s = 0; s <= slots; s++)
                {
                    (slotStart[s], running) = (running, running + slotStart[s]);
                }

                if (countRows)
                {
                    // Every purchase row counts: no grouping. slotStart[slot + 1] is the slot's start; shift it to the
                    // layout the grouping leaves (slotStart[slot] its start, slotStart[slot + 1] its end).
                    slotStart[1..].CopyTo(slotStart);
                    slotStart[slots] = running;
                }
                else
                {
                    // Sweep 2: purchase keys grouped by slot (slotStart[slot + 1] advances to the slot's end).
                    Span<int> next = slotStart[1..];
                    for (int chunk = buckets.Chains.FirstChunk[b]; chunk >= 0; chunk = buckets.Chains.NextChunk[chunk])
                    {
                        foreach (Entry row in buckets.RowsOf(b, chunk))
                        {
                            if (row.Hundredths >= 0)
                            {
                                grouped[next[row.Slot]++] = row.Key;
                            }
                        }
                    }
                }

                Span<double> recency = recencyAt.AsSpan(firstPosition, slots);
                Span<double> total = totalAt.AsSpan(firstPosition, slots);
                for (int slot = 0; slot < slots; slot++)
                {
                    int from = slotStart[slot];
                    int purchases = slotStart[slot + 1] - from;
                    if (purchases == 0)
                    {
                        periods[slot] = 0; // no purchase up to the calibration end: left out, as by the summary builder
                        continue;
                    }

                    long spend = sum[slot];
                    if (spend >= ExactDoubleLimit || spend <= -ExactDoubleLimit)
                    {
                        return null;
                    }

                    long first = periodizer.StartOf(firstKey[slot]);
                    double tx = (periodizer.StartOf(lastKey[slot]) - first) / ticksPerUnit;
                    double t = (calibrationStart - first) / ticksPerUnit;
                    recency[slot] = t - tx;
                    periods[slot] = countRows ? purchases : CountDistinct(grouped.AsSpan(from, purchases));
                    total[slot] = spend / 100.0;
                }
            }

            int count = 0;
            foreach (int c in firstSeen)
            {
                count += periodsAt[c] > 0 ? 1 : 0;
            }

            var ids = new CustomerId[count];
            double[] recencyOut = GC.AllocateUninitializedArray<double>(count); // every row is written below
            int[] periodsOut = GC.AllocateUninitializedArray<int>(count);
            double[] totalOut = GC.AllocateUninitializedArray<double>(count);
            int k = 0;
            foreach (int c in firstSeen)
            {
                if (periodsAt[c] > 0)
                {
                    ids[k] = customers[c];
                    recencyOut[k] = recencyAt[c];
                    periodsOut[k] = periodsAt[c];
                    totalOut[k] = totalAt[c];
                    k++;
                }
            }

            return new RfmPopulation(count, unit, ids, recencyOut, periodsOut, totalOut);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<long>.Shared.Return(sums);
            ArrayPool<long>.Shared.Return(firstKeys);
            ArrayPool<long>.Shared.Return(lastKeys);
            ArrayPool<long>.Shared.Return(grouped);
            ArrayPool<int>.Shared.Return(periodsAt);
            ArrayPool<double>.Shared.Return(recencyAt);
            ArrayPool<double>.Shared.Return(totalAt);
        }
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

    /// <summary>One row up to the calibration end, as appended to its bucket: 16 bytes.</summary>
    private readonly struct Entry(long key, int hundredths, ushort slot)
    {
        public readonly long Key = key;
        public readonly int Hundredths = hundredths;
        public readonly ushort Slot = slot;
    }

    /// <summary>The rows appended bucket by bucket (consecutive customer positions), each bucket a list of chunks in one pooled arena.</summary>
    private sealed class Buckets : IDisposable
    {
        public Buckets(int rowCount, int customerCount)
        {
            Chains = new ChunkChains(rowCount, (customerCount + BucketSize - 1) >> BucketShift);
            int words = (customerCount + 63) >> 6;
            Seen = ArrayPool<ulong>.Shared.Rent(Math.Max(words, 1));
            Array.Clear(Seen, 0, words);
            Rows = ArrayPool<Entry>.Shared.Rent(Chains.RowCapacity);
        }

        /// <summary>A bit per customer position: seen in a row yet.</summary>
        public ulong[] Seen { get; }

        public Entry[] Rows { get; }

        /// <summary>Which chunks of <see cref="Rows"/> belong to which bucket.</summary>
        public ChunkChains Chains { get; }

        public ReadOnlySpan<Entry> RowsOf(int bucket, int chunk)
        {
            (int from, int to) = Chains.RowsOf(bucket, chunk);
            return Rows.AsSpan(from, to - from);
        }

        public void Dispose()
        {
            ArrayPool<ulong>.Shared.Return(Seen);
            ArrayPool<Entry>.Shared.Return(Rows);
            Chains.Dispose();
        }
    }
}
