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
/// rules, so the same first bad row and message), ranks customers at first sighting, and appends each row up to the
/// calibration end as a 16-byte record to its customer's bucket (4,096 consecutive ranks; a few hundred sequential
/// append points instead of a million scattered ones). Pass 2 takes one bucket at a time (some 40,000 records, in the
/// cache): one sweep sums the amounts and finds the first and last purchase period per customer, a counting sort
/// groups the purchase keys by customer, and each customer's distinct keys are counted (vector compares for the
/// usual few keys, a sort for long runs).</para>
/// <para>Amounts are summed exactly as integers of hundredths, and a sum below 2^53 hundredths converts to the
/// same <see langword="double"/> as the summary builder's exact <see langword="decimal"/> sum (both are the
/// correctly rounded quotient of an exact integer by an exact power of ten). Any amount with more than two
/// decimals or beyond the 32-bit range of hundredths, or a customer total of 2^53 hundredths or more, makes
/// <see cref="TryBuild"/> return <see langword="null"/>, and the caller takes the summary route.</para>
/// </remarks>
internal static class RfmPopulationBuilder
{
    private const int BucketShift = 12;
    private const int BucketSize = 1 << BucketShift;
    private const int ChunkShift = 12;
    private const int ChunkRows = 1 << ChunkShift;
    private const long ExactDoubleLimit = 1L << 53;

    /// <summary>Builds the population, or returns <see langword="null"/> when an amount or a sum needs the summary route.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RfmPopulation? TryBuild(TransactionColumns columns, DateTimeOffset calibrationEnd, CustomerSummaryOptions options, TimeProvider timeProvider)
    {
        var periodizer = new Periodizer(options.Period, options.TimeZoneId);
        (long calibrationKey, _) = SummaryWindow.Resolve(periodizer, calibrationEnd, null);
        var validator = new TransactionValidator(options, timeProvider, new AmountRange(options.MinimumAmount, options.MaximumAmount));
        var buckets = new Buckets(columns.Count, columns.Customers.Length);
        try
        {
            int distinct = CheckRankAndAppend(columns, validator, periodizer, calibrationKey, buckets);
            if (distinct < 0)
            {
                return null;
            }

            return Fold(buckets, distinct, periodizer, calibrationKey, options.TimeUnit, countRows: options.Period == PurchasePeriod.Transaction);
        }
        finally
        {
            buckets.Dispose();
        }
    }

    /// <summary>Pass 1. Returns the number of distinct customers, or -1 when an amount cannot be encoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CheckRankAndAppend(TransactionColumns columns, in TransactionValidator validator, in Periodizer periodizer, long calibrationKey, Buckets buckets)
    {
        ReadOnlySpan<CustomerId> customers = columns.Customers;
        ReadOnlySpan<int> customerIndex = columns.CustomerIndex;
        ReadOnlySpan<DateTimeOffset> occurredAt = columns.OccurredAt[..customerIndex.Length];
        ReadOnlySpan<decimal> amounts = columns.Amounts[..customerIndex.Length];
        int[] rankOf = buckets.RankOf;
        CustomerId[] idByRank = buckets.IdByRank;
        Entry[] rows = buckets.Rows;
        Buckets.Cursor[] cursors = buckets.Cursors;
        int distinct = 0;
        bool positionIsRank = true;
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

            ref Buckets.Cursor cursor = ref cursors[rank >> BucketShift];
            if (cursor.Next == cursor.Limit)
            {
                buckets.StartChunk(rank >> BucketShift);
            }

            rows[cursor.Next++] = new Entry(key, hundredths, (ushort)(rank & (BucketSize - 1)));
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

    /// <summary>Pass 2: bucket by bucket, the customers' figures, in rank order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RfmPopulation? Fold(Buckets buckets, int distinct, in Periodizer periodizer, long calibrationKey, TimeUnit unit, bool countRows)
    {
        double ticksPerUnit = unit.GetTicks();
        long calibrationStart = periodizer.StartOf(calibrationKey);
        var ids = new CustomerId[distinct];
        var recency = new double[distinct];
        var periods = new int[distinct];
        var total = new double[distinct];
        int count = 0;

        int[] start = ArrayPool<int>.Shared.Rent(BucketSize + 1);
        long[] sums = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] firstKeys = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] lastKeys = ArrayPool<long>.Shared.Rent(BucketSize);
        long[] grouped = ArrayPool<long>.Shared.Rent(Math.Max(buckets.MaxBucketRows(), 1));
        try
        {
            for (int b = 0, firstRank = 0; firstRank < distinct; b++, firstRank += BucketSize)
            {
                int slots = Math.Min(BucketSize, distinct - firstRank);
                Span<int> slotStart = start.AsSpan(0, slots + 1);
                Span<long> sum = sums.AsSpan(0, slots);
                Span<long> firstKey = firstKeys.AsSpan(0, slots);
                Span<long> lastKey = lastKeys.AsSpan(0, slots);
                slotStart.Clear();
                sum.Clear();
                firstKey.Fill(long.MaxValue);
                lastKey.Fill(long.MinValue);

                // Sweep 1: sums, first and last purchase keys, purchase counts (into slotStart[slot + 1]).
                for (int chunk = buckets.FirstChunk[b]; chunk >= 0; chunk = buckets.NextChunk[chunk])
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

                // Sweep 2: purchase keys grouped by slot (slotStart[slot + 1] advances to the slot's end). Not needed
                // when every purchase row counts (the transaction period).
                Span<int> next = slotStart[1..];
                for (int chunk = countRows ? -1 : buckets.FirstChunk[b]; chunk >= 0; chunk = buckets.NextChunk[chunk])
                {
                    foreach (Entry row in buckets.RowsOf(b, chunk))
                    {
                        if (row.Hundredths >= 0)
                        {
                            grouped[next[row.Slot]++] = row.Key;
                        }
                    }
                }

                if (countRows)
                {
                    // Without sweep 2, slotStart[slot + 1] is still the slot's start: shift it to the layout sweep 2
                    // leaves (slotStart[slot] its start, slotStart[slot + 1] its end).
                    slotStart[1..].CopyTo(slotStart);
                    slotStart[slots] = running;
                }

                for (int slot = 0; slot < slots; slot++)
                {
                    int from = slotStart[slot];
                    int purchases = slotStart[slot + 1] - from;
                    if (purchases == 0)
                    {
                        continue; // no purchase up to the calibration end: left out, as by the summary builder
                    }

                    long spend = sum[slot];
                    if (spend >= ExactDoubleLimit || spend <= -ExactDoubleLimit)
                    {
                        return null;
                    }

                    long first = periodizer.StartOf(firstKey[slot]);
                    double tx = (periodizer.StartOf(lastKey[slot]) - first) / ticksPerUnit;
                    double t = (calibrationStart - first) / ticksPerUnit;
                    ids[count] = buckets.IdByRank[firstRank + slot];
                    recency[count] = t - tx;
                    periods[count] = countRows ? purchases : CountDistinct(grouped.AsSpan(from, purchases));
                    total[count] = spend / 100.0;
                    count++;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<long>.Shared.Return(sums);
            ArrayPool<long>.Shared.Return(firstKeys);
            ArrayPool<long>.Shared.Return(lastKeys);
            ArrayPool<long>.Shared.Return(grouped);
        }

        return new RfmPopulation(count, unit, ids, recency, periods, total);
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

    /// <summary>The rows appended bucket by bucket, each bucket a list of chunks in one pooled arena; the customers' ranks.</summary>
    private sealed class Buckets : IDisposable
    {
        private readonly int _maxBuckets;
        private int _chunksUsed;

        public Buckets(int rowCount, int customerCount)
        {
            _maxBuckets = Math.Max((customerCount + BucketSize - 1) >> BucketShift, 1);
            int maxChunks = checked((rowCount >> ChunkShift) + 1 + _maxBuckets);
            RankOf = ArrayPool<int>.Shared.Rent(Math.Max(customerCount, 1));
            Array.Clear(RankOf, 0, customerCount);
            IdByRank = ArrayPool<CustomerId>.Shared.Rent(Math.Max(customerCount, 1));
            Rows = ArrayPool<Entry>.Shared.Rent(checked(maxChunks << ChunkShift));
            NextChunk = ArrayPool<int>.Shared.Rent(maxChunks);
            FirstChunk = ArrayPool<int>.Shared.Rent(_maxBuckets);
            LastChunk = ArrayPool<int>.Shared.Rent(_maxBuckets);
            Cursors = ArrayPool<Cursor>.Shared.Rent(_maxBuckets);
            Array.Fill(FirstChunk, -1, 0, _maxBuckets);
            Array.Clear(Cursors, 0, _maxBuckets);
        }

        public int[] RankOf { get; }

        public CustomerId[] IdByRank { get; }

        public Entry[] Rows { get; }

        public int[] NextChunk { get; }

        public int[] FirstChunk { get; }

        public int[] LastChunk { get; }

        public Cursor[] Cursors { get; }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void StartChunk(int bucket)
        {
            int chunk = _chunksUsed++;
            NextChunk[chunk] = -1;
            if (FirstChunk[bucket] < 0)
            {
                FirstChunk[bucket] = chunk;
            }
            else
            {
                NextChunk[LastChunk[bucket]] = chunk;
            }

            LastChunk[bucket] = chunk;
            Cursors[bucket] = new Cursor { Next = chunk << ChunkShift, Limit = (chunk << ChunkShift) + ChunkRows };
        }

        public ReadOnlySpan<Entry> RowsOf(int bucket, int chunk)
        {
            int from = chunk << ChunkShift;
            int to = NextChunk[chunk] < 0 ? Cursors[bucket].Next : from + ChunkRows;
            return Rows.AsSpan(from, to - from);
        }

        public int MaxBucketRows()
        {
            int max = 0;
            for (int b = 0; b < _maxBuckets; b++)
            {
                int rows = 0;
                for (int chunk = FirstChunk[b]; chunk >= 0; chunk = NextChunk[chunk])
                {
                    rows += RowsOf(b, chunk).Length;
                }

                max = Math.Max(max, rows);
            }

            return max;
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(RankOf);
            ArrayPool<CustomerId>.Shared.Return(IdByRank, clearArray: true);
            ArrayPool<Entry>.Shared.Return(Rows);
            ArrayPool<int>.Shared.Return(NextChunk);
            ArrayPool<int>.Shared.Return(FirstChunk);
            ArrayPool<int>.Shared.Return(LastChunk);
            ArrayPool<Cursor>.Shared.Return(Cursors);
        }

        public struct Cursor
        {
            public int Next;
            public int Limit;
        }
    }
}
