using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// A synthetic transaction log held as columns, generated deterministically from a seed.
/// </summary>
/// <remarks>
/// <para>Each customer makes a first purchase on a uniformly random day of 2024, then the log gets
/// (<see cref="TransactionsPerCustomer"/> - 1) x customers repeat purchases, each by a uniformly random customer on a
/// uniformly random later day up to 2025-12-31 (so a customer makes 10 purchases on average, Poisson-spread, and some
/// fall on the same day and merge). Times of day are uniform to the second, amounts uniform from 1.00 to 200.00 with
/// cents (scale 2), all offsets UTC, no order ids.</para>
/// <para>Rows are ordered by time across customers, as a real transaction log is: consecutive rows belong to
/// different customers. That is the honest case for a builder that must group by customer; a log already grouped
/// by customer would flatter it. Ties to the second are broken by generation order, so the order is fully defined.
/// Customers are numbered by first sighting, as a reader filling columns numbers them;
/// <see cref="WithShuffledCustomers"/> gives the same log with customers at arbitrary positions.</para>
/// </remarks>
internal sealed class TransactionLog
{
    public const int TransactionsPerCustomer = 10;
    public const int DefaultSeed = 20_240_101;

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int FirstPurchaseDays = 366; // 2024
    private const int LastDay = 730; // 2025-12-31, counted from 2024-01-01

    private TransactionLog(CustomerId[] customers, int[] customerIndex, DateTimeOffset[] occurredAt, decimal[] amounts)
    {
        Customers = customers;
        CustomerIndex = customerIndex;
        OccurredAt = occurredAt;
        Amounts = amounts;
    }

    /// <summary>The end of the log, used as the calibration end: every transaction counts.</summary>
    public static DateTimeOffset CalibrationEnd { get; } = new(2025, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public CustomerId[] Customers { get; }

    public int[] CustomerIndex { get; }

    public DateTimeOffset[] OccurredAt { get; }

    public decimal[] Amounts { get; }

    public int Count => CustomerIndex.Length;

    public TransactionColumns Columns => new(Customers, CustomerIndex, OccurredAt, Amounts);

    public static TransactionLog Generate(int customers, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        var random = new Random(seed);
        int rows = checked(customers * TransactionsPerCustomer);
        var customerOfRow = new int[rows];
        var centsOfRow = new int[rows];
        var firstDay = new int[customers];

        // Sort key: seconds since the start in the high 32 bits, generation order in the low 32 bits (unique keys, so
        // the sorted order does not depend on the sort algorithm).
        var order = new long[rows];
        for (int row = 0; row < rows; row++)
        {
            int c;
            int day;
            if (row < customers)
            {
                c = row;
                day = random.Next(FirstPurchaseDays);
                firstDay[c] = day;
            }
            else
            {
                c = random.Next(customers);
                day = firstDay[c] + 1 + random.Next(LastDay - firstDay[c]);
            }

            long second = (day * 86_400L) + random.Next(86_400);
            customerOfRow[row] = c;
            centsOfRow[row] = random.Next(100, 20_001);
            order[row] = (second << 32) | (uint)row;
        }

        Array.Sort(order);

        // Customers are numbered in order of first sighting, as a reader numbers them when it fills columns (and as
        // Build(IEnumerable<Transaction>) does).
        var position = new int[customers];
        Array.Fill(position, -1);
        int seen = 0;
        var ids = new CustomerId[customers];
        var customerIndex = new int[rows];
        var occurredAt = new DateTimeOffset[rows];
        var amounts = new decimal[rows];
        for (int i = 0; i < rows; i++)
        {
            int row = (int)(order[i] & 0xFFFF_FFFF);
            int c = customerOfRow[row];
            if (position[c] < 0)
            {
                position[c] = seen;
                ids[seen] = new CustomerId(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"C{seen:D7}"));
                seen++;
            }

            customerIndex[i] = position[c];
            occurredAt[i] = Start.AddTicks((order[i] >> 32) * TimeSpan.TicksPerSecond);
            amounts[i] = new decimal(centsOfRow[row], 0, 0, false, 2);
        }

        return new TransactionLog(ids, customerIndex, occurredAt, amounts);
    }

    /// <summary>
    /// The same log with the customer column in a shuffled order (rows refer to the same customers, at other
    /// positions): what a producer that does not number customers by first sighting hands over. Summaries are the same.
    /// </summary>
    public TransactionLog WithShuffledCustomers(int seed = DefaultSeed)
    {
        var random = new Random(seed);
        int[] newPosition = Enumerable.Range(0, Customers.Length).ToArray();
        random.Shuffle(newPosition);
        var ids = new CustomerId[Customers.Length];
        for (int c = 0; c < ids.Length; c++)
        {
            ids[newPosition[c]] = Customers[c];
        }

        var customerIndex = new int[Count];
        for (int i = 0; i < customerIndex.Length; i++)
        {
            customerIndex[i] = newPosition[CustomerIndex[i]];
        }

        return new TransactionLog(ids, customerIndex, OccurredAt, Amounts);
    }

    /// <summary>The same log as a sequence of <see cref="Transaction"/> values, in the same order.</summary>
    public Transaction[] ToTransactions()
    {
        var transactions = new Transaction[Count];
        for (int i = 0; i < transactions.Length; i++)
        {
            transactions[i] = new Transaction(Customers[CustomerIndex[i]], OccurredAt[i], Amounts[i]);
        }

        return transactions;
    }
}
