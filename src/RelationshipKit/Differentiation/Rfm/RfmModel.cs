using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using RelationshipKit.Internal;
using RelationshipKit.Serialization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// A fitted RFM model: the bins of recency, frequency and monetary value, the weights of the combined score and the
/// segment table. It scores one customer or a table of customers; immutable, thread-safe and serialisable.
/// </summary>
/// <remarks>
/// <para><b>Values.</b> For a summary (x, t_x, T) in the model's <see cref="TimeUnit"/>:
/// recency value = T − t_x, the time from the last purchase period to the calibration end (lower is more recent;
/// the recency score is k + 1 − its bin); frequency value = x + 1, the number of purchase periods (with
/// <see cref="PurchasePeriod.Transaction"/> the number of purchases, with <see cref="PurchasePeriod.Day"/> the number
/// of distinct purchase days); monetary value per <see cref="MonetaryBasis"/>. Spend is converted from
/// <see langword="decimal"/> to <see langword="double"/>; the average divides in <see langword="double"/>.</para>
/// <para><b>Scores.</b> Each score is the dimension's bin (see <see cref="RfmBins"/>), 1..k. The combined
/// <see cref="CustomerValue.Score"/> is w_R·R + w_F·F + w_M·M; <see cref="CustomerValue.Segment"/> comes from
/// <see cref="Segments"/>. Both are looked up in tables of the k³ cells built when the model is made, and segment
/// names are shared strings, so span scoring allocates nothing per customer.</para>
/// <para>A model fitted on summaries with purchase history (<see cref="CustomerSummaryTable.HasHistory"/>) only
/// scores summaries with history, and one fitted without only scores summaries without, since the monetary value
/// is defined differently for the two.</para>
/// <para>A model is immutable and thread-safe: any number of threads may score with it at once, for example each on
/// its own <see cref="CustomerSummaryTable.Slice"/> of a table.</para>
/// </remarks>
public sealed class RfmModel : IScoringModel
{
    internal const int FormatVersion = 1;
    private const int KernelChunk = RfmCellKernel.Chunk;

    /// <summary>The fewest customers span scoring spreads over threads (<see cref="MaxDegreeOfParallelism"/>).</summary>
    internal const int MinCustomersPerParallelScore = 1 << 16;

    private readonly double[] _cellScores;
    private readonly RfmScore[] _cells;
    private readonly CellValue[] _cellValues;
    private readonly RfmCellKernel _cellKernel;
    private readonly RangeScorer<CustomerValue> _scoreValueRange;
    private readonly RangeScorer<RfmScore> _scoreCellRange;

    internal RfmModel(
        TimeUnit timeUnit,
        bool usesPurchaseHistory,
        RfmMonetaryBasis monetaryBasis,
        RfmBins recency,
        RfmBins frequency,
        RfmBins monetary,
        double recencyWeight,
        double frequencyWeight,
        double monetaryWeight,
        RfmSegmentTable segments,
        int maxDegreeOfParallelism = 1)
    {
        TimeUnit = timeUnit;
        UsesPurchaseHistory = usesPurchaseHistory;
        MonetaryBasis = monetaryBasis;
        RecencyBins = recency;
        FrequencyBins = frequency;
        MonetaryBins = monetary;
        RecencyWeight = recencyWeight;
        FrequencyWeight = frequencyWeight;
        MonetaryWeight = monetaryWeight;
        Segments = segments;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        int k = segments.Bins;
        Bins = k;
        _cellScores = new double[k * k * k];
        _cells = new RfmScore[k * k * k];
        for (int r = 1; r <= k; r++)
        {
            for (int f = 1; f <= k; f++)
            {
                for (int m = 1; m <= k; m++)
                {
                    int index = ((((r - 1) * k) + (f - 1)) * k) + (m - 1);
                    _cells[index] = new RfmScore((byte)r, (byte)f, (byte)m);
                    _cellScores[index] = (recencyWeight * r) + (frequencyWeight * f) + (monetaryWeight * m);
                }
            }
        }

        _cellValues = new CellValue[k * k * k];
        for (int index = 0; index < _cellValues.Length; index++)
        {
            _cellValues[index] = new CellValue(_cellScores[index], _cells[index], segments.CellSegments[index]);
        }

        _cellKernel = new RfmCellKernel(recency, frequency, monetary, k);
        _scoreValueRange = ScoreValueRange;
        _scoreCellRange = ScoreCellRange;
    }

    /// <summary>The header of <see cref="WriteCsv(CustomerSummaryTable, TextWriter)"/>.</summary>
    public const string CsvHeader = "customer_id,recency_score,frequency_score,monetary_score,rfm_code,score,segment";

    /// <inheritdoc />
    public string Kind => RfmStrategy.KindName;

    /// <inheritdoc />
    public TimeUnit TimeUnit { get; }

    /// <summary>The number of bins k; every score runs from 1 to k.</summary>
    public int Bins { get; }

    /// <summary>Whether the model was fitted on, and scores, summaries with purchase history.</summary>
    public bool UsesPurchaseHistory { get; }

    /// <summary>The spend figure the monetary dimension ranks.</summary>
    public RfmMonetaryBasis MonetaryBasis { get; }

    /// <summary>The bins of the time since the last purchase (the recency score is k + 1 − bin).</summary>
    public RfmBins RecencyBins { get; }

    /// <summary>The bins of the number of purchase periods.</summary>
    public RfmBins FrequencyBins { get; }

    /// <summary>The bins of the monetary value.</summary>
    public RfmBins MonetaryBins { get; }

    /// <summary>The weight of the recency score in the combined score.</summary>
    public double RecencyWeight { get; }

    /// <summary>The weight of the frequency score in the combined score.</summary>
    public double FrequencyWeight { get; }

    /// <summary>The weight of the monetary score in the combined score.</summary>
    public double MonetaryWeight { get; }

    /// <summary>The segment table.</summary>
    public RfmSegmentTable Segments { get; }

    /// <summary>
    /// The most threads span scoring uses (<see cref="Score(RfmPopulation, Span{CustomerValue})"/>,
    /// <see cref="ScoreCells(RfmPopulation, Span{RfmScore})"/> and their table overloads): the
    /// <see cref="RfmOptions.MaxDegreeOfParallelism"/> of the strategy that fitted or loaded the model. A run-time
    /// setting, not part of the model: it is not written to JSON, and the scores are the same whatever it is.
    /// </summary>
    /// <value>1 to 64; inputs of fewer than 65,536 customers are scored on the calling thread whatever it says.</value>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>The combined score of a cell: w_R·R + w_F·F + w_M·M.</summary>
    /// <param name="cell">The cell; each score from 1 to <see cref="Bins"/>.</param>
    /// <returns>The combined score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score of <paramref name="cell"/> is outside 1..<see cref="Bins"/>.</exception>
    public double GetCombinedScore(RfmScore cell) => _cellScores[Segments.CellIndex(cell)];

    /// <inheritdoc />
    public CustomerValue Score(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The summary is in {customer.TimeUnit}s but the model works in {TimeUnit}s.", nameof(customer));
        }

        bool hasHistory = customer.History.HasValue;
        if (hasHistory != UsesPurchaseHistory)
        {
            throw new ArgumentException(HistoryMismatch(hasHistory), nameof(customer));
        }

        decimal money = customer.History is { } h ? h.TotalSpend : customer.MonetaryValue;
        int cell = CellOf(customer.CustomerId, customer.Frequency, customer.Recency, customer.T, money);
        return new CustomerValue(customer.CustomerId, _cellScores[cell]).WithRfm(_cells[cell], Segments.CellSegments[cell]);
    }

    /// <summary>Gets the RFM cell of one customer.</summary>
    /// <param name="customer">The customer's summary, in <see cref="TimeUnit"/>.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit, or differs from the fitted population in having purchase history.</exception>
    public RfmScore ScoreCell(CustomerSummary customer) => Score(customer).Rfm!.Value;

    /// <inheritdoc />
    public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
    {
        CheckTable(customers, destination.Length, nameof(destination));
        ScoreRows(new RfmInputs(customers), destination, _scoreValueRange);
    }

    /// <summary>Scores every customer of a population into <paramref name="destination"/>, without allocating.</summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">Receives one value per customer; at least <see cref="RfmPopulation.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is in another time unit, the model was fitted without purchase history, or <paramref name="destination"/> is too short.</exception>
    public void Score(RfmPopulation customers, Span<CustomerValue> destination)
    {
        CheckPopulation(customers, destination.Length, nameof(destination));
        ScoreRows(new RfmInputs(customers), destination, _scoreValueRange);
    }

    /// <summary>Scores every customer of a table into RFM cells only (the most compact form), without allocating.</summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">Receives one cell per row; at least <see cref="CustomerSummaryTable.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table is in another time unit or differs from the fitted population in having purchase history, or <paramref name="destination"/> is too short.</exception>
    public void ScoreCells(CustomerSummaryTable customers, Span<RfmScore> destination)
    {
        CheckTable(customers, destination.Length, nameof(destination));
        ScoreRows(new RfmInputs(customers), destination, _scoreCellRange);
    }

    /// <summary>Scores every customer of a population into RFM cells only, without allocating.</summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">Receives one cell per customer; at least <see cref="RfmPopulation.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is in another time unit, the model was fitted without purchase history, or <paramref name="destination"/> is too short.</exception>
    public void ScoreCells(RfmPopulation customers, Span<RfmScore> destination)
    {
        CheckPopulation(customers, destination.Length, nameof(destination));
        ScoreRows(new RfmInputs(customers), destination, _scoreCellRange);
    }

    /// <summary>
    /// Scores every row of <paramref name="customers"/> into <paramref name="destination"/> with
    /// <paramref name="scoreRange"/>: on the calling thread, or in ranges side by side (<see cref="ScoringWorkers"/>).
    /// </summary>
    private void ScoreRows<T>(scoped in RfmInputs customers, Span<T> destination, RangeScorer<T> scoreRange)
    {
        OrdinalKeyColumn? keyColumn = KeyColumnFor(customers);
        int workers = ScoringWorkers(customers.Count);
        if (workers == 1)
        {
            scoreRange(customers, keyColumn, 0, customers.Count, destination);
            return;
        }

        ScoreRowsInParallel(customers.Source, customers.Count, keyColumn, workers, destination, scoreRange);
    }

    /// <summary>
    /// <see cref="ScoreRows"/> on <paramref name="workers"/> threads, each over contiguous rows, a whole number of kernel
    /// chunks but the last (the scores do not depend on the split). A method of its own, so that the one-thread route
    /// allocates no closure.
    /// </summary>
    private static unsafe void ScoreRowsInParallel<T>(object source, int count, OrdinalKeyColumn? keyColumn, int workers, Span<T> destination, RangeScorer<T> scoreRange)
    {
        // The destination stays pinned until every worker has finished, so each can write its rows through a span of
        // its own (values that hold references keep their write barriers: the stores go through a managed span).
        fixed (byte* first = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            nint address = (nint)first;
            int chunks = (count + KernelChunk - 1) / KernelChunk;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                int from = (int)((long)chunks * w / workers) * KernelChunk;
                int to = Math.Min(count, (int)((long)chunks * (w + 1) / workers) * KernelChunk);
                if (from < to)
                {
                    scoreRange(RfmInputs.Of(source), keyColumn, from, to, MemoryMarshal.CreateSpan(ref Unsafe.AsRef<T>((void*)address), count));
                }
            });
        }
    }

    /// <summary>Scores rows [<paramref name="from"/>, <paramref name="to"/>) into the same rows of <paramref name="destination"/>.</summary>
    private void ScoreValueRange(scoped in RfmInputs customers, OrdinalKeyColumn? keyColumn, int from, int to, Span<CustomerValue> destination)
    {
        ReadOnlySpan<CustomerId> ids = customers.Ids;
        ReadOnlySpan<CellValue> cellValues = _cellValues;
        var scratch = new KernelScratch(
            stackalloc double[3 * KernelChunk],
            stackalloc int[4 * KernelChunk],
            stackalloc OrdinalPrefix[KernelChunk],
            stackalloc Vector256<ulong>[RfmCellKernel.TieVectors]);
        PrepareTies(keyColumn, scratch);
        for (int start = from; start < to; start += KernelChunk)
        {
            int length = Math.Min(KernelChunk, to - start);
            ReadOnlySpan<int> cellIndex = CellsOf(customers, keyColumn, start, length, scratch);
            Span<CustomerValue> target = destination.Slice(start, length);
            ReadOnlySpan<CustomerId> chunkIds = ids.Slice(start, length);
            for (int i = 0; i < target.Length; i++)
            {
                ref readonly CellValue cell = ref cellValues[cellIndex[i]];
                target[i] = new CustomerValue(chunkIds[i], cell.Score, cell.Rfm, cell.Segment);
            }
        }
    }

    /// <summary>Scores rows [<paramref name="from"/>, <paramref name="to"/>) into cells in the same rows of <paramref name="destination"/>.</summary>
    private void ScoreCellRange(scoped in RfmInputs customers, OrdinalKeyColumn? keyColumn, int from, int to, Span<RfmScore> destination)
    {
        RfmScore[] cells = _cells;
        var scratch = new KernelScratch(
            stackalloc double[3 * KernelChunk],
            stackalloc int[4 * KernelChunk],
            stackalloc OrdinalPrefix[KernelChunk],
            stackalloc Vector256<ulong>[RfmCellKernel.TieVectors]);
        PrepareTies(keyColumn, scratch);
        for (int start = from; start < to; start += KernelChunk)
        {
            int length = Math.Min(KernelChunk, to - start);
            ReadOnlySpan<int> cellIndex = CellsOf(customers, keyColumn, start, length, scratch);
            Span<RfmScore> target = destination.Slice(start, length);
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = cells[cellIndex[i]];
            }
        }
    }

    /// <summary>The threads to score <paramref name="count"/> customers on: one below <see cref="MinCustomersPerParallelScore"/>.</summary>
    private int ScoringWorkers(int count) =>
        count >= MinCustomersPerParallelScore ? MaxDegreeOfParallelism : 1;

    /// <summary>
    /// Summarises segments over a table: customers, share of customers, revenue, share of revenue, orders and average
    /// order value per segment, in the order of <see cref="RfmSegmentTable.Segments"/> (segments with no customer included).
    /// </summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table is in another time unit or differs from the fitted population in having purchase history.</exception>
    /// <remarks>
    /// Revenue is the net spend (<see cref="PurchaseHistory.TotalSpend"/>) and orders the purchase transactions
    /// (<see cref="PurchaseHistory.OrderCount"/>). Without purchase history the summaries only know the repeat
    /// periods: revenue is then <see cref="CustomerSummary.MonetaryValue"/> × x and orders are x.
    /// </remarks>
    public RfmSegmentReport CreateSegmentReport(CustomerSummaryTable customers)
    {
        CheckTable(customers, int.MaxValue, nameof(customers));
        int segmentCount = Segments.Segments.Count;
        var customerCounts = new int[segmentCount];
        var revenue = new decimal[segmentCount];
        var orders = new long[segmentCount];
        ReadOnlySpan<int> segmentOfCell = Segments.CellSegmentIndex;
        ReadOnlySpan<int> frequency = customers.Frequency;
        ReadOnlySpan<decimal> money = UsesPurchaseHistory ? customers.TotalSpend : customers.MonetaryValue;
        ReadOnlySpan<int> orderCount = customers.OrderCount;
        var inputs = new RfmInputs(customers);
        OrdinalKeyColumn? keyColumn = KeyColumnFor(inputs);
        var scratch = new KernelScratch(
            stackalloc double[3 * KernelChunk],
            stackalloc int[4 * KernelChunk],
            stackalloc OrdinalPrefix[KernelChunk],
            stackalloc Vector256<ulong>[RfmCellKernel.TieVectors]);
        PrepareTies(keyColumn, scratch);
        for (int start = 0; start < customers.Count; start += KernelChunk)
        {
            int length = Math.Min(KernelChunk, customers.Count - start);
            ReadOnlySpan<int> cellIndex = CellsOf(inputs, keyColumn, start, length, scratch);
            for (int j = 0; j < length; j++)
            {
                int i = start + j;
                int segment = segmentOfCell[cellIndex[j]];
                customerCounts[segment]++;
                if (UsesPurchaseHistory)
                {
                    revenue[segment] += money[i];
                    orders[segment] += orderCount[i];
                }
                else
                {
                    revenue[segment] += money[i] * frequency[i];
                    orders[segment] += frequency[i];
                }
            }
        }

        return RfmSegmentReport.Create(Segments.Segments, customerCounts, revenue, orders);
    }

    /// <summary>
    /// Writes one CSV row per customer, in table order, under the header <see cref="CsvHeader"/>:
    /// <c>customer_id,recency_score,frequency_score,monetary_score,rfm_code,score,segment</c>.
    /// </summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="writer">The destination; lines end with <c>\n</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table is in another time unit or differs from the fitted population in having purchase history.</exception>
    /// <remarks>
    /// Numbers use the invariant culture; the combined score is written in round-trip form (<c>"R"</c>), so the sum of
    /// integer scores prints as an integer. A field that holds a comma, a quote or a line break is quoted (RFC 4180).
    /// This is the output of the <c>relkit rfm</c> command.
    /// </remarks>
    public void WriteCsv(CustomerSummaryTable customers, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckTable(customers, int.MaxValue, nameof(customers));
        WriteCsv(new RfmInputs(customers), writer);
    }

    /// <summary>
    /// Writes one CSV row per customer of a population, in its order, under the header <see cref="CsvHeader"/>
    /// (the format of <see cref="WriteCsv(CustomerSummaryTable, TextWriter)"/>).
    /// </summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="writer">The destination; lines end with <c>\n</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is in another time unit, or the model was fitted without purchase history.</exception>
    public void WriteCsv(RfmPopulation customers, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckPopulation(customers, int.MaxValue, nameof(customers));
        WriteCsv(new RfmInputs(customers), writer);
    }

    private void WriteCsv(scoped in RfmInputs customers, TextWriter writer)
    {
        OrdinalKeyColumn? keyColumn = KeyColumnFor(customers);
        writer.Write(CsvHeader);
        writer.Write('\n');
        ReadOnlySpan<CustomerId> ids = customers.Ids;
        ReadOnlySpan<string> segments = Segments.CellSegments;
        double[] scores = _cellScores;
        RfmScore[] cells = _cells;
        Span<char> number = stackalloc char[32];
        var scratch = new KernelScratch(
            stackalloc double[3 * KernelChunk],
            stackalloc int[4 * KernelChunk],
            stackalloc OrdinalPrefix[KernelChunk],
            stackalloc Vector256<ulong>[RfmCellKernel.TieVectors]);
        PrepareTies(keyColumn, scratch);
        for (int start = 0; start < customers.Count; start += KernelChunk)
        {
            int length = Math.Min(KernelChunk, customers.Count - start);
            ReadOnlySpan<int> cellIndex = CellsOf(customers, keyColumn, start, length, scratch);
            for (int i = 0; i < length; i++)
            {
                int index = cellIndex[i];
                RfmScore cell = cells[index];
                Csv.WriteField(writer, ids[start + i].Value);
                writer.Write(',');
                WriteInt(writer, cell.Recency, number);
                writer.Write(',');
                WriteInt(writer, cell.Frequency, number);
                writer.Write(',');
                WriteInt(writer, cell.Monetary, number);
                writer.Write(',');
                writer.Write(Digit(cell.Recency));
                writer.Write(Digit(cell.Frequency));
                writer.Write(Digit(cell.Monetary));
                writer.Write(',');
                scores[index].TryFormat(number, out int written, "R", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
                writer.Write(',');
                Csv.WriteField(writer, segments[index]);
                writer.Write('\n');
            }
        }
    }

    /// <inheritdoc />
    public string ToJson() => JsonSerializer.Serialize(RfmModelDocument.From(this), RelationshipKitJsonContext.Default.RfmModelDocument);

    /// <summary>The cell index of one customer (no checks).</summary>
    private int CellOf(CustomerId id, int x, double tx, double t, decimal money)
    {
        int k = Bins;
        int r = k - RecencyBins.Bin(t - tx, id); // k + 1 - bin, minus 1 for the index
        int f = FrequencyBins.Bin(x + 1, id) - 1;
        int m = MonetaryBins.Bin(MonetaryValueOf(UsesPurchaseHistory, MonetaryBasis, x, money), id) - 1;
        return (((r * k) + f) * k) + m;
    }

    /// <summary>
    /// The cell indices of rows [start, start + length) (length ≤ <see cref="KernelChunk"/>), column by column: the
    /// three values of the chunk, then each dimension's bins in one tight vector loop, then the cell index.
    /// </summary>
    private ReadOnlySpan<int> CellsOf(scoped in RfmInputs customers, OrdinalKeyColumn? keyColumn, int start, int length, KernelScratch scratch)
    {
        ReadOnlySpan<CustomerId> ids = customers.Ids.Slice(start, length);
        ReadOnlySpan<OrdinalPrefix> keys = keyColumn is null ? default : customers.KeysIn(keyColumn).Slice(start, length);
        if (RfmCellKernel.IsSupported)
        {
            Span<double> recency = scratch.Values[..KernelChunk];
            Span<double> frequency = scratch.Values.Slice(KernelChunk, KernelChunk);
            Span<double> monetary = scratch.Values.Slice(2 * KernelChunk, KernelChunk);
            customers.Recency(start, recency[..length]);
            customers.Frequency(start, frequency[..length]);
            customers.Monetary(start, monetary[..length], MonetaryBasis);
            Span<int> cellIndex = scratch.Bins.Slice(3 * KernelChunk, KernelChunk);
            _cellKernel.Cells(
                recency, frequency, monetary, length, ids, keys, scratch.Ties,
                cellIndex, scratch.Bins[..(3 * KernelChunk)], scratch.RowKeys);
            return cellIndex[..length];
        }

        Span<double> values = scratch.Values[..length];
        Span<int> r = scratch.Bins.Slice(0, length);
        Span<int> f = scratch.Bins.Slice(KernelChunk, length);
        Span<int> m = scratch.Bins.Slice(2 * KernelChunk, length);
        Span<int> cells = scratch.Bins.Slice(3 * KernelChunk, length);

        customers.Recency(start, values);
        RecencyBins.Kernel.CountBelow(values, ids, keyColumn, keys, r);
        customers.Frequency(start, values);
        FrequencyBins.Kernel.CountBelow(values, ids, keyColumn, keys, f);
        customers.Monetary(start, values, MonetaryBasis);
        MonetaryBins.Kernel.CountBelow(values, ids, keyColumn, keys, m);
        int k = Bins;
        int top = k - 1;
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = ((((top - r[i]) * k) + f[i]) * k) + m[i];
        }

        return cells;
    }

    /// <summary>
    /// The key column through which tie-broken edges compare ids, once per scoring call: none without tie-breakers,
    /// none at a table's first scoring (the tied customers' strings are read instead), then the table's cached column.
    /// </summary>
    private OrdinalKeyColumn? KeyColumnFor(scoped in RfmInputs customers) =>
        RecencyBins.Kernel.HasTieBreakers || FrequencyBins.Kernel.HasTieBreakers || MonetaryBins.Kernel.HasTieBreakers
            ? customers.KeyColumnOnReuse()
            : null;

    /// <summary>The monetary value of a customer: the one definition shared by fitting and scoring.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double MonetaryValueOf(bool usesHistory, RfmMonetaryBasis basis, int x, decimal money) => (usesHistory, basis) switch
    {
        (true, RfmMonetaryBasis.Total) => DecimalArithmetic.ToDouble(money),
        (true, _) => DecimalArithmetic.ToDouble(money) / (x + 1),
        (false, RfmMonetaryBasis.Total) => DecimalArithmetic.ToDouble(money) * x,
        _ => DecimalArithmetic.ToDouble(money),
    };

    private void CheckTable(CustomerSummaryTable customers, int destinationLength, string destinationName)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The table is in {customers.TimeUnit}s but the model works in {TimeUnit}s.", nameof(customers));
        }

        if (customers.HasHistory != UsesPurchaseHistory)
        {
            throw new ArgumentException(HistoryMismatch(customers.HasHistory), nameof(customers));
        }

        if (destinationLength < customers.Count)
        {
            throw new ArgumentException($"The destination holds {destinationLength} values but the table has {customers.Count} customers.", destinationName);
        }
    }

    private void CheckPopulation(RfmPopulation customers, int destinationLength, string destinationName)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The population is in {customers.TimeUnit}s but the model works in {TimeUnit}s.", nameof(customers));
        }

        if (!UsesPurchaseHistory)
        {
            throw new ArgumentException(HistoryMismatch(hasHistory: true), nameof(customers));
        }

        if (destinationLength < customers.Count)
        {
            throw new ArgumentException($"The destination holds {destinationLength} values but the population has {customers.Count} customers.", destinationName);
        }
    }

    private static string HistoryMismatch(bool hasHistory) => hasHistory
        ? "The model was fitted on summaries without purchase history, so its monetary bins are on repeat spend; this input has history. Fit a model on summaries with history."
        : "The model was fitted on summaries with purchase history (total spend), but this input has none. Fit a model on summaries without history.";

    private static void WriteInt(TextWriter writer, int value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int written, provider: CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static char Digit(byte score) => score < 10 ? (char)('0' + score) : (char)('A' + score - 10);

    /// <summary>Fills the scratch's tie tables for one scoring call (see <see cref="RfmCellKernel.PrepareTies"/>).</summary>
    private void PrepareTies(OrdinalKeyColumn? keyColumn, KernelScratch scratch)
    {
        if (RfmCellKernel.IsSupported && _cellKernel.HasTieBreakers)
        {
            _cellKernel.PrepareTies(keyColumn, scratch.Ties);
        }
    }

    /// <summary>
    /// Stack scratch of the chunked kernel: three value columns; four int columns (three bin columns, or the vector
    /// kernel's three lists of tied rows, then the cell indices); the rows' keys read from their ids; the tie table
    /// of one scoring call (<see cref="RfmCellKernel.PrepareTies"/>).
    /// </summary>
    private readonly ref struct KernelScratch(Span<double> values, Span<int> bins, Span<OrdinalPrefix> keys, Span<Vector256<ulong>> ties)
    {
        public Span<double> Values { get; } = values;

        public Span<int> Bins { get; } = bins;

        public Span<OrdinalPrefix> RowKeys { get; } = keys;

        public Span<Vector256<ulong>> Ties { get; } = ties;
    }

    /// <summary>Scores rows [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="customers"/> into the same rows of <paramref name="destination"/>.</summary>
    private delegate void RangeScorer<T>(scoped in RfmInputs customers, OrdinalKeyColumn? keyColumn, int from, int to, Span<T> destination);

    /// <summary>What every customer of one cell gets: the combined score, the cell and its segment.</summary>
    private readonly record struct CellValue(double Score, RfmScore Rfm, string Segment);
}
