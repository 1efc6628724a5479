using RelationshipKit.Internal;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The three RFM inputs of many customers, held as columns in first-seen order: the time since the last purchase
/// period, the number of purchase periods and the total spend. The compact input of
/// <see cref="RfmStrategy.Fit(RfmPopulation)"/> and <see cref="RfmModel.Score(RfmPopulation, Span{CustomerValue})"/>,
/// built straight from a transaction log (<see cref="FromTransactions"/>) without building full customer summaries.
/// </summary>
/// <remarks>
/// <para>Row <c>i</c> of every column belongs to <c>CustomerIds[i]</c>. The values are those the RFM model reads from
/// a <see cref="CustomerSummaryTable"/> with purchase history, bit for bit: recency = T − t_x (computed as the
/// difference of the two summary durations, in <see cref="TimeUnit"/>), purchase periods = x + 1, total spend =
/// <see cref="PurchaseHistory.TotalSpend"/> converted to <see langword="double"/>. A model fitted on a population
/// therefore gives every customer the same scores as one fitted on the summaries of the same log.</para>
/// <para>A population is immutable and thread-safe.</para>
/// </remarks>
public sealed class RfmPopulation
{
    private readonly CustomerId[] _ids;
    private readonly double[] _recency;
    private readonly int[] _periods;
    private readonly double[] _totalSpend;
    private readonly OrdinalKeyCache _keyCache;

    internal RfmPopulation(int count, TimeUnit timeUnit, CustomerId[] ids, double[] recency, int[] periods, double[] totalSpend)
    {
        Count = count;
        TimeUnit = timeUnit;
        _ids = ids;
        _recency = recency;
        _periods = periods;
        _totalSpend = totalSpend;
        _keyCache = new OrdinalKeyCache(ids, count);
    }

    /// <summary>The ids' ordinal keys from their second request on (see <see cref="OrdinalKeyCache.ColumnOnReuse"/>).</summary>
    internal OrdinalKeyColumn? IdKeyColumnOnReuse() => _keyCache.ColumnOnReuse();

    /// <summary>The number of customers.</summary>
    public int Count { get; }

    /// <summary>The unit of <see cref="Recency"/>.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The customers, in the order in which they first appear in the log.</summary>
    public ReadOnlySpan<CustomerId> CustomerIds => _ids.AsSpan(0, Count);

    /// <summary>The time from the last purchase period to the calibration end (T − t_x), in <see cref="TimeUnit"/>; lower is more recent.</summary>
    public ReadOnlySpan<double> Recency => _recency.AsSpan(0, Count);

    /// <summary>
    /// The number of purchase periods up to the calibration end: distinct purchase days with <see cref="PurchasePeriod.Day"/>
    /// (x + 1), and with <see cref="PurchasePeriod.Transaction"/> from <see cref="FromTransactions"/> every purchase
    /// transaction (rows with an amount of zero or more; a repeated order id once), even two at the same instant.
    /// </summary>
    public ReadOnlySpan<int> PurchasePeriods => _periods.AsSpan(0, Count);

    /// <summary>The net spend up to the calibration end (refunds included), converted to <see langword="double"/>.</summary>
    public ReadOnlySpan<double> TotalSpend => _totalSpend.AsSpan(0, Count);

    /// <summary>
    /// Builds the population of a transaction log in one pass over its rows, without building customer summaries:
    /// per customer the first and last purchase period, the number of distinct purchase periods and the total spend.
    /// </summary>
    /// <param name="columns">The log; rows in any order.</param>
    /// <param name="calibrationEnd">The "as of" date: the end of the calibration period; the period that contains it is included, later rows are ignored (but still checked).</param>
    /// <param name="options">The summary rules (period, time unit, time zone, amount range, future tolerance), as for <see cref="CustomerSummaryBuilder"/>; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated input; the system clock when <see langword="null"/>.</param>
    /// <returns>One row per customer with a purchase up to the calibration end, in first-seen order: exactly the customers, order and RFM values of <c>RfmPopulation.FromSummaries(new CustomerSummaryBuilder(options, timeProvider).Build(columns, calibrationEnd))</c>.</returns>
    /// <exception cref="ArgumentException">The calibration end is the default value.</exception>
    /// <exception cref="InvalidTransactionException">A row breaks a rule of <see cref="CustomerSummaryOptions"/> or refers to a customer outside <see cref="TransactionColumns.Customers"/>; the same row and message as the summary builder reports.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    /// <remarks>
    /// <para>Cost: linear in the rows. Rows are checked in input order and appended, as 8-byte records
    /// (periods before the calibration end, amount in hundredths, customer slot; 16 bytes with the tick as key for
    /// <see cref="PurchasePeriod.Transaction"/>), to buckets of 2,048 customer positions; each bucket is then
    /// grouped by customer with a counting sort in the cache, and each customer's distinct periods are counted among
    /// its few keys. Scratch comes from <see cref="System.Buffers.ArrayPool{T}.Shared"/>; the population's four columns are
    /// the only allocation that grows with the input.</para>
    /// <para>Threads: one by default. With <see cref="CustomerSummaryOptions.MaxDegreeOfParallelism"/> above 1, a log
    /// of at least 262,144 rows is split into contiguous ranges of rows checked and bucketed side by side, and the
    /// buckets are folded side by side; the population is the same, bit for bit, and a bad row is reported exactly as
    /// on one thread (the first in row order).</para>
    /// <para>Logs with order ids, and logs with an amount of more than two decimals or beyond ±21,474,836.47, take
    /// the summary route instead (<see cref="CustomerSummaryBuilder"/>, then <see cref="FromSummaries(CustomerSummaryTable)"/>), which gives
    /// the same result more slowly: order ids must be de-duplicated, and exact sums of such amounts need
    /// <see langword="decimal"/> arithmetic.</para>
    /// </remarks>
    public static RfmPopulation FromTransactions(
        TransactionColumns columns,
        DateTimeOffset calibrationEnd,
        CustomerSummaryOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        CustomerSummaryOptions checkedOptions = (options ?? new CustomerSummaryOptions()).Clone();
        checkedOptions.ThrowIfInvalid();
        TimeProvider clock = timeProvider ?? TimeProvider.System;
        if (columns.OrderIds.IsEmpty && RfmPopulationBuilder.TryBuild(columns, calibrationEnd, checkedOptions, clock) is { } population)
        {
            return population;
        }

        CustomerSummaryTable summaries = new CustomerSummaryBuilder(checkedOptions, clock).Build(columns, calibrationEnd);
        return FromSummaries(summaries, countTransactions: checkedOptions.Period == PurchasePeriod.Transaction);
    }

    /// <summary>Takes the RFM values of summaries with purchase history.</summary>
    /// <param name="summaries">Summaries built from transactions (<see cref="CustomerSummaryTable.HasHistory"/>).</param>
    /// <returns>The population, in the table's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table has no purchase history, so its total spend is unknown.</exception>
    public static RfmPopulation FromSummaries(CustomerSummaryTable summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return FromSummaries(summaries, countTransactions: false);
    }

    /// <summary>The population of summaries; with <paramref name="countTransactions"/>, purchase periods are the purchase transactions (<see cref="PurchaseHistory.OrderCount"/>).</summary>
    internal static RfmPopulation FromSummaries(CustomerSummaryTable summaries, bool countTransactions)
    {
        if (!summaries.HasHistory)
        {
            throw new ArgumentException("An RFM population needs the total spend of each customer; this table has no purchase history (build it from transactions).", nameof(summaries));
        }

        int n = summaries.Count;
        CustomerId[] ids = summaries.CustomerIds.ToArray();
        var recency = new double[n];
        var periods = new int[n];
        var total = new double[n];
        ReadOnlySpan<int> x = summaries.Frequency;
        ReadOnlySpan<double> tx = summaries.Recency;
        ReadOnlySpan<double> t = summaries.T;
        ReadOnlySpan<decimal> spend = summaries.TotalSpend;
        ReadOnlySpan<int> orders = summaries.OrderCount;
        for (int i = 0; i < n; i++)
        {
            recency[i] = t[i] - tx[i];
            periods[i] = countTransactions ? orders[i] : x[i] + 1;
            total[i] = (double)spend[i];
        }

        return new RfmPopulation(n, summaries.TimeUnit, ids, recency, periods, total);
    }
}
