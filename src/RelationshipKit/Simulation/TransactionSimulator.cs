using System.Buffers;
using System.Globalization;
using RelationshipKit.Internal;

namespace RelationshipKit.Simulation;

/// <summary>
/// Generates a synthetic customer base and its transaction log from a BG/NBD buying process with
/// Gamma-Gamma spend (see <see cref="TransactionSimulatorOptions"/> for the model and its parameters).
/// </summary>
/// <remarks>
/// <para>For each customer in turn: lambda ~ Gamma(r, alpha), p ~ Beta(a, b), nu ~ Gamma(q, gamma); the first
/// purchase falls uniformly in the acquisition window; repeat purchases follow at exponential(lambda)
/// intervals until <see cref="TransactionSimulatorOptions.End"/>, and after each repeat purchase the customer
/// drops out with probability p. Every purchase is worth a Gamma(p, nu) draw, rounded to cents (at least 0.01,
/// at most <see cref="TransactionSimulatorOptions.MaximumAmount"/>). Times are truncated to whole seconds.</para>
/// <para>Random numbers come from xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64, implemented
/// in this library so that the stream of a seed never changes between .NET versions. Gamma variates use
/// Marsaglia and Tsang (2000, ACM TOMS 26(3)) with their boost for shapes below 1; normals use Marsaglia's polar
/// method; Beta(a, b) is X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). The transforms call <c>Math.Log</c>,
/// <c>Math.Exp</c> and <c>Math.Sqrt</c>, which .NET delegates to the platform's C runtime, so a
/// value may in rare cases differ in its last bit between operating systems; after rounding to cents and
/// seconds such a difference almost never shows.</para>
/// <para>Cost: linear in the number of purchases, with 16 bytes of scratch per purchase plus the result
/// (44 bytes per purchase and 56 per customer); <see cref="SimulatedTransactionOrder.ByTime"/> adds a radix
/// sort. Ten million purchases take a few seconds on one core.</para>
/// <para>An instance holds only its options and is thread-safe; each call of <see cref="Simulate"/> starts
/// the random stream afresh from the seed.</para>
/// </remarks>
public sealed class TransactionSimulator
{
    private readonly TransactionSimulatorOptions _options;

    /// <summary>Creates a simulator.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public TransactionSimulator(TransactionSimulatorOptions? options = null)
    {
        _options = (options ?? new TransactionSimulatorOptions()).Clone();
        _options.ThrowIfInvalid();
    }

    /// <summary>The number of customers each call simulates.</summary>
    public int CustomerCount => _options.CustomerCount;

    /// <summary>The seed of the random stream.</summary>
    public ulong Seed => _options.Seed;

    /// <summary>Simulates the customer base.</summary>
    /// <returns>The transaction log and each customer's true parameters; the same for every call.</returns>
    /// <exception cref="InvalidOperationException">The simulation would produce more purchases than an array can hold.</exception>
    public SimulatedTransactions Simulate()
    {
        TransactionSimulatorOptions o = _options;
        int n = o.CustomerCount;
        double ticksPerUnit = o.TimeUnit.GetTicks();
        long horizonTicks = (o.End - o.Start).Ticks;
        long maxSecond = horizonTicks / TimeSpan.TicksPerSecond;
        double horizon = horizonTicks / ticksPerUnit;
        double window = o.AcquisitionWindow.Ticks / ticksPerUnit;
        double secondsPerUnit = ticksPerUnit / TimeSpan.TicksPerSecond;
        long maxCents = (long)(o.MaximumAmount * 100m);
        long startTicks = o.Start.UtcTicks;

        var lambda = new double[n];
        var dropout = new double[n];
        var nu = new double[n];
        var firstAt = new DateTimeOffset[n];
        var dropoutAt = new DateTimeOffset[n];
        var rows = new RowBuffer(Math.Min((long)n * 4, Array.MaxLength));
        var random = new RandomVariates(o.Seed);
        double r = o.R;
        double alpha = o.Alpha;
        double a = o.A;
        double b = o.B;
        double p = o.P;
        double q = o.Q;
        double gamma = o.Gamma;
        try
        {
            for (int c = 0; c < n; c++)
            {
                double rate = random.Gamma(r) / alpha;
                double drop = random.Beta(a, b);
                double spendRate = random.Gamma(q) / gamma;
                lambda[c] = rate;
                dropout[c] = drop;
                nu[c] = spendRate;

                double t = random.Uniform() * window;
                long second = Math.Min((long)(t * secondsPerUnit), maxSecond);
                firstAt[c] = new DateTimeOffset(startTicks + (second * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                rows.Add(c, second, Cents(ref random, p, spendRate, maxCents));
                dropoutAt[c] = DateTimeOffset.MaxValue;
                if (rate <= 0.0)
                {
                    continue; // A rate that underflowed to zero never buys again.
                }

                while (true)
                {
                    t += random.StandardExponential() / rate;
                    if (t > horizon)
                    {
                        break;
                    }

                    second = Math.Min((long)(t * secondsPerUnit), maxSecond);
                    rows.Add(c, second, Cents(ref random, p, spendRate, maxCents));
                    if (random.Uniform() < drop)
                    {
                        dropoutAt[c] = new DateTimeOffset(startTicks + (second * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                        break;
                    }
                }
            }

            var customers = new CustomerId[n];
            for (int c = 0; c < n; c++)
            {
                customers[c] = new CustomerId((c + 1).ToString(CultureInfo.InvariantCulture));
            }

            int count = rows.Count;
            var customerIndex = new int[count];
            var occurredAt = new DateTimeOffset[count];
            var amounts = new decimal[count];
            int[]? order = o.Order == SimulatedTransactionOrder.ByTime ? RadixOrder(rows.Seconds, maxSecond) : null;
            ReadOnlySpan<int> rowCustomers = rows.Customers;
            ReadOnlySpan<long> rowSeconds = rows.Seconds;
            ReadOnlySpan<int> rowCents = rows.Cents;
            for (int i = 0; i < count; i++)
            {
                int k = order is null ? i : order[i];
                customerIndex[i] = rowCustomers[k];
                occurredAt[i] = new DateTimeOffset(startTicks + (rowSeconds[k] * TimeSpan.TicksPerSecond), TimeSpan.Zero);
                amounts[i] = new decimal(rowCents[k], 0, 0, false, 2);
            }

            if (order is not null)
            {
                ArrayPool<int>.Shared.Return(order);
            }

            return new SimulatedTransactions(o, customers, customerIndex, occurredAt, amounts, lambda, dropout, nu, firstAt, dropoutAt);
        }
        finally
        {
            rows.Dispose();
        }
    }

    private static int Cents(ref RandomVariates random, double p, double nu, long maxCents)
    {
        double value = random.Gamma(p) / nu;
        double cents = Math.Round(value * 100.0);
        return cents < 1.0 ? 1 : cents >= maxCents ? (int)maxCents : (int)cents;
    }

    /// <summary>A stable LSD radix sort of row numbers by second (at most 16 bits per pass); the result is rented.</summary>
    private static int[] RadixOrder(ReadOnlySpan<long> seconds, long maxSecond)
    {
        int n = seconds.Length;
        int bits = Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)maxSecond));
        int passes = (bits + 15) / 16;
        int width = (bits + passes - 1) / passes;
        int buckets = 1 << width;
        long mask = buckets - 1;
        int[] order = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        int[] scratch = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        int[] counts = ArrayPool<int>.Shared.Rent(buckets + 1);
        try
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            for (int pass = 0; pass < passes; pass++)
            {
                int shift = pass * width;
                Array.Clear(counts, 0, buckets + 1);
                for (int i = 0; i < n; i++)
                {
                    counts[(int)((seconds[order[i]] >> shift) & mask) + 1]++;
                }

                for (int d = 0; d < buckets; d++)
                {
                    counts[d + 1] += counts[d];
                }

                for (int i = 0; i < n; i++)
                {
                    int row = order[i];
                    scratch[counts[(int)((seconds[row] >> shift) & mask)]++] = row;
                }

                (order, scratch) = (scratch, order);
            }

            return order;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Growable row columns in pooled arrays.</summary>
    private struct RowBuffer : IDisposable
    {
        private int[] _customers;
        private long[] _seconds;
        private int[] _cents;

        public RowBuffer(long capacity)
        {
            int size = (int)Math.Max(capacity, 16);
            _customers = ArrayPool<int>.Shared.Rent(size);
            _seconds = ArrayPool<long>.Shared.Rent(size);
            _cents = ArrayPool<int>.Shared.Rent(size);
            Count = 0;
        }

        public int Count { get; private set; }

        public readonly ReadOnlySpan<int> Customers => _customers.AsSpan(0, Count);

        public readonly ReadOnlySpan<long> Seconds => _seconds.AsSpan(0, Count);

        public readonly ReadOnlySpan<int> Cents => _cents.AsSpan(0, Count);

        public void Add(int customer, long second, int cents)
        {
            if (Count == _customers.Length)
            {
                Grow();
            }

            _customers[Count] = customer;
            _seconds[Count] = second;
            _cents[Count] = cents;
            Count++;
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_customers);
            ArrayPool<long>.Shared.Return(_seconds);
            ArrayPool<int>.Shared.Return(_cents);
            _customers = [];
            _seconds = [];
            _cents = [];
        }

        private void Grow()
        {
            if (Count >= Array.MaxLength)
            {
                throw new InvalidOperationException($"The simulation produced more than {Array.MaxLength} purchases; simulate fewer customers or a shorter period.");
            }

            int size = (int)Math.Min((long)Count * 2, Array.MaxLength);
            _customers = Resize(_customers, size, Count);
            _seconds = Resize(_seconds, size, Count);
            _cents = Resize(_cents, size, Count);
        }

        private static T[] Resize<T>(T[] old, int size, int count)
        {
            T[] grown = ArrayPool<T>.Shared.Rent(size);
            Array.Copy(old, grown, count);
            ArrayPool<T>.Shared.Return(old);
            return grown;
        }
    }
}
