using System.Globalization;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Cli.Commands;

public sealed class RfmCommandTests : IDisposable
{
    private const string Header = "customer_id,recency_score,frequency_score,monetary_score,rfm_code,score,segment";
    private static readonly DateOnly Start = new(2024, 1, 1);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Rfm_SmallLog_WritesHandComputedScores()
    {
        // Six customers, k = 2 (edges at ranks 3.5): recency in days to Jan 11, frequency in distinct days, total spend.
        // A: days 1, 1, 9 → recency 2, frequency 2, spend 30.   B: day 10 → 1, 1, 5.   C: days 2, 3, 4 → 7, 3, 100.
        // D: day 5 → 6, 1, 1.   E: days 8, 9 → 2, 2, 40.   F: day 7 and a refund → 4, 1, 60 - 10 = 50.
        // Ranks with ties by id (rank(method='first') on an id-sorted file):
        // recency values 2(A) 1(B) 7(C) 6(D) 2(E) 4(F): ranks B1 A2 E3 F4 D5 C6 → bins 1 1 1 2 2 2 → R = 3 − bin.
        // frequency 2(A) 1(B) 3(C) 1(D) 2(E) 1(F): ranks B1 D2 F3 A4 E5 C6 → B, D, F bin 1; A, E, C bin 2.
        // spend 30 5 100 1 40 50: ranks D1 B2 A3 E4 F5 C6 → D, B, A bin 1; E, F, C bin 2.
        string file = _cli.WriteFile(
            "log.csv",
            "cust,when,amt",
            "A,2024-01-01,10",
            "B,2024-01-10,5",
            "A,2024-01-01,15",
            "C,2024-01-02,40",
            "D,2024-01-05,1",
            "E,2024-01-08,20",
            "F,2024-01-07,60",
            "C,2024-01-03,30",
            "A,2024-01-09,5",
            "C,2024-01-04,30",
            "E,2024-01-09,20",
            "F,2024-01-08,-10",
            "A,2024-01-20,999");
        CliResult result = Rfm(file, "--as-of", "2024-01-11", "--bins", "2");

        result.ExitCode.Should().Be(0, result.Stderr);
        RfmSegmentTable segments = RfmSegmentTable.CreateDefault(2);
        result.Lines.Should().Equal(
            Header,
            Row("A", 2, 2, 1, segments),
            Row("B", 2, 1, 1, segments),
            Row("C", 1, 2, 2, segments),
            Row("D", 1, 1, 1, segments),
            Row("E", 2, 2, 2, segments),
            Row("F", 1, 1, 2, segments));
    }

    [Theory]
    [InlineData("day", "first", "total", 5)]
    [InlineData("transaction", "first", "total", 5)]
    [InlineData("day", "first", "average", 4)]
    [InlineData("day", "shared", "total", 5)]
    public void Rfm_GeneratedLog_MatchesIndependentQcutComputation(string period, string ties, string monetary, int bins)
    {
        (string[] lines, List<(string Id, int Day, decimal Amount)> rows) = GeneratedLog(seed: 17, customers: 60);
        string file = _cli.WriteFile("log.csv", lines);
        DateOnly asOf = Start.AddDays(90);
        CliResult result = Rfm(
            file,
            "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--period", period,
            "--ties", ties,
            "--monetary", monetary,
            "--bins", bins.ToString(CultureInfo.InvariantCulture));

        result.ExitCode.Should().Be(0, result.Stderr);
        string[] expected = ExpectedOutput(rows, asOf, period == "transaction", ties == "shared", monetary == "average", bins);
        result.Lines.Should().Equal(expected);
    }

    [Fact]
    public void Rfm_TransactionPeriod_CountsRowsWhileDayCountsDistinctDays()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2024-01-01,1", "A,2024-01-01,1", "A,2024-01-01,1", "B,2024-01-01,1", "B,2024-01-02,1");

        string[] byDay = Rfm(file, "--as-of", "2024-01-05", "--bins", "2").Lines;
        string[] byRow = Rfm(file, "--as-of", "2024-01-05", "--bins", "2", "--period", "transaction").Lines;

        // Day: A has 1 purchase day, B 2 → A frequency 1, B 2. Transaction: A has 3 rows, B 2 → A 2, B 1.
        byDay[1].Split(',')[2].Should().Be("1");
        byDay[2].Split(',')[2].Should().Be("2");
        byRow[1].Split(',')[2].Should().Be("2");
        byRow[2].Split(',')[2].Should().Be("1");
    }

    [Fact]
    public void Rfm_OutFile_WritesTheSameCsvAsStdout()
    {
        (string[] lines, _) = GeneratedLog(seed: 3, customers: 20);
        string file = _cli.WriteFile("log.csv", lines);
        string outFile = _cli.PathOf("rfm.csv");

        CliResult toStdout = Rfm(file, "--as-of", "2024-04-01");
        CliResult toFile = Rfm(file, "--as-of", "2024-04-01", "--out", outFile);

        toFile.ExitCode.Should().Be(0, toFile.Stderr);
        toFile.Stdout.Should().BeEmpty();
        File.ReadAllText(outFile).Should().Be(toStdout.Stdout);
    }

    [Fact]
    public void Rfm_CustomersInSummarizeOrder()
    {
        (string[] lines, _) = GeneratedLog(seed: 5, customers: 30);
        string file = _cli.WriteFile("log.csv", lines);

        CliResult rfm = Rfm(file, "--as-of", "2024-04-01");
        CliResult summarize = CliHarness.Run("summarize", "--transactions", file, "--customer-column", "cust", "--date-column", "when", "--amount-column", "amt", "--calibration-end", "2024-04-01");

        rfm.ExitCode.Should().Be(0, rfm.Stderr);
        rfm.Lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal(summarize.Lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    public static TheoryData<string, string[], string> BadFiles => new()
    {
        { "missing column", ["cust,when,amount", "A,2020-01-01,1"], "line 1, column 'amt' (--amount-column)" },
        { "bad date", ["cust,when,amt", "A,2020-01-01,1", "B,2020-02-30,1"], "line 3, column 2 (when): cannot read '2020-02-30' as a date" },
        { "bad amount", ["cust,when,amt", "A,2020-01-01,ten"], "line 2, column 3 (amt): cannot read 'ten' as an amount" },
        { "empty id", ["cust,when,amt", "A,2020-01-01,1", " ,2020-01-01,1"], "line 3, column 1 (cust): the customer id is empty" },
        { "amount out of range", ["cust,when,amt", "A,2020-01-01,1", "B,2020-01-01,2000000"], "line 3, column 3 (amt): Customer 'B': the amount 2000000 is outside" },
        { "future date", ["cust,when,amt", "A,2020-01-01,1", "B,9999-01-01,1"], "line 3, column 2 (when)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Rfm_BadInput_ExitsWith2AndNamesLineAndColumn(string name, string[] lines, string expected)
    {
        string file = _cli.WriteFile("bad.csv", lines);
        CliResult result = Rfm(file, "--as-of", "2020-01-10");

        result.ExitCode.Should().Be(2, name);
        result.Stdout.Should().BeEmpty(name);
        result.Stderr.Should().StartWith("relkit: error: ").And.Contain(expected, name);
    }

    [Theory]
    [InlineData("--bins", "1", "--bins")]
    [InlineData("--bins", "11", "--bins")]
    [InlineData("--ties", "average", "'average' not recognized")] // choices: System.CommandLine names the value and lists the choices
    [InlineData("--monetary", "median", "'median' not recognized")]
    [InlineData("--period", "week", "'week' not recognized")]
    [InlineData("--as-of", "2020-13-01", "--as-of")]
    public void Rfm_BadOption_ExitsWith2NamingItOrItsValue(string option, string value, string named)
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1");

        CliResult result = Rfm(file, "--as-of", "2020-01-10", option, value);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(named);
    }

    [Fact]
    public void Rfm_NoPurchaseUpToAsOf_ExitsWith2()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-05,1");

        CliResult result = Rfm(file, "--as-of", "2020-01-01");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--as-of").And.Contain("nothing to score");
    }

    [Fact]
    public void Rfm_MissingFile_ExitsWith2()
    {
        CliResult result = Rfm(_cli.PathOf("missing.csv"), "--as-of", "2020-01-01");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("relkit: error: ");
    }

    private static CliResult Rfm(string file, params string[] more) =>
        CliHarness.Run(["rfm", "--transactions", file, "--customer-column", "cust", "--date-column", "when", "--amount-column", "amt", .. more]);

    private static string Row(string id, int r, int f, int m, RfmSegmentTable segments) =>
        string.Create(CultureInfo.InvariantCulture, $"{id},{r},{f},{m},{r}{f}{m},{r + f + m},{segments.GetSegment(new RfmScore((byte)r, (byte)f, (byte)m))}");

    /// <summary>
    /// A log whose customers first appear in ascending id order (so that pandas' rank(method='first') breaks ties by
    /// id, as the library's First policy does): each customer's first row, then the rest shuffled; a few refunds, a few
    /// same-day repeats and a few rows after day 90.
    /// </summary>
    private static (string[] Lines, List<(string Id, int Day, decimal Amount)> Rows) GeneratedLog(int seed, int customers)
    {
        var random = new Random(seed);
        var first = new List<(string Id, int Day, decimal Amount)>();
        var rest = new List<(string Id, int Day, decimal Amount)>();
        for (int c = 0; c < customers; c++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"C{c:D3}");
            int count = random.Next(1, 7);
            int day = random.Next(0, 90);
            for (int t = 0; t < count; t++)
            {
                decimal amount = random.Next(100, 10_000) / 100m;
                if (t > 0 && random.Next(8) == 0)
                {
                    amount = -amount / 4;
                    amount = decimal.Round(amount, 2);
                }

                (t == 0 ? first : rest).Add((id, day, amount));
                day = random.Next(4) == 0 ? day : random.Next(0, 100); // sometimes the same day again; some after day 90
            }
        }

        List<(string Id, int Day, decimal Amount)> shuffled = rest.OrderBy(_ => random.Next()).ToList();
        List<(string Id, int Day, decimal Amount)> rows = [.. first, .. shuffled];
        var lines = new List<string> { "cust,when,amt" };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id},{Start.AddDays(r.Day):yyyy-MM-dd},{r.Amount}")));
        return (lines.ToArray(), rows);
    }

    /// <summary>
    /// The expected output, computed here without the library: per customer (rows up to the as-of day; a refund is a
    /// negative amount, not a purchase) the days since the last purchase, the purchase days or rows, and the spend;
    /// then per dimension pandas' qcut(rank(method='first'), k, labels=1..k) in floating point (numpy linspace and
    /// linear-interpolation quantiles), or for shared ties the bin of each value's mid-rank, with the same edges.
    /// </summary>
    private static string[] ExpectedOutput(List<(string Id, int Day, decimal Amount)> rows, DateOnly asOf, bool countRows, bool shared, bool average, int k)
    {
        int asOfDay = asOf.DayNumber - Start.DayNumber;
        var order = new List<string>();
        var customers = new Dictionary<string, (int First, int Last, HashSet<int> Days, int Rows, decimal Spend, bool Bought)>();
        foreach ((string id, int day, decimal amount) in rows)
        {
            if (customers.TryAdd(id, (int.MaxValue, int.MinValue, new HashSet<int>(), 0, 0m, false)))
            {
                order.Add(id);
            }

            if (day > asOfDay)
            {
                continue;
            }

            var c = customers[id];
            c.Spend += amount;
            if (amount >= 0)
            {
                c.Bought = true;
                c.First = Math.Min(c.First, day);
                c.Last = Math.Max(c.Last, day);
                c.Days.Add(day);
                c.Rows++;
            }

            customers[id] = c;
        }

        List<string> ids = order.Where(id => customers[id].Bought).ToList();
        // Recency is T − t_x of the summaries, in days: (as-of − first) − (last − first) on the tick scale, the as-of
        // instant being midnight of the as-of day (day period) or its last tick (transaction period, date-only input).
        long origin = Start.ToDateTime(TimeOnly.MinValue).Ticks;
        long calibration = origin + ((asOfDay + (countRows ? 1 : 0)) * TimeSpan.TicksPerDay) - (countRows ? 1 : 0);
        double ticksPerDay = TimeSpan.TicksPerDay;
        double[] recency = ids.Select(id =>
        {
            long first = origin + (customers[id].First * TimeSpan.TicksPerDay);
            long last = origin + (customers[id].Last * TimeSpan.TicksPerDay);
            return ((calibration - first) / ticksPerDay) - ((last - first) / ticksPerDay);
        }).ToArray();
        double[] frequency = ids.Select(id => (double)(countRows ? customers[id].Rows : customers[id].Days.Count)).ToArray();
        double[] monetary = ids.Select(id => average
            ? (double)customers[id].Spend / (countRows ? customers[id].Rows : customers[id].Days.Count)
            : (double)customers[id].Spend).ToArray();

        int[] r = QcutBins(recency, ids, k, shared);
        int[] f = QcutBins(frequency, ids, k, shared);
        int[] m = QcutBins(monetary, ids, k, shared);
        RfmSegmentTable segments = RfmSegmentTable.CreateDefault(k);
        var lines = new List<string> { Header };
        for (int i = 0; i < ids.Count; i++)
        {
            lines.Add(Row(ids[i], k + 1 - r[i], f[i], m[i], segments));
        }

        return lines.ToArray();
    }

    private static int[] QcutBins(double[] values, List<string> ids, int k, bool shared)
    {
        int n = values.Length;
        int[] byRank = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => ids[i], StringComparer.Ordinal).ToArray();

        // numpy.linspace(0, 1, k + 1): i * (1 / k), the last exactly 1; quantile of ranks 1..n at q: 1 + (n − 1)·q by
        // linear interpolation between neighbouring ranks.
        double step = 1.0 / k;
        var edges = new double[k + 1];
        for (int j = 0; j <= k; j++)
        {
            double q = j == k ? 1.0 : j * step;
            double position = (n - 1) * q;
            double below = Math.Floor(position);
            edges[j] = (below + 1) + ((Math.Min(below + 2, n) - (below + 1)) * (position - below));
        }

        // pd.cut(right=True, include_lowest=True): bin j holds edges[j − 1] < rank <= edges[j]; rank 1 is in bin 1.
        int BinOfRank(double rank)
        {
            int bin = 1;
            while (bin < k && rank > edges[bin])
            {
                bin++;
            }

            return bin;
        }

        var bins = new int[n];
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && values[byRank[end + 1]] == values[byRank[start]])
            {
                end++;
            }

            for (int p = start; p <= end; p++)
            {
                // First: each its own rank; shared: the mid-rank of the run, (start + 1 + end + 1) / 2.
                bins[byRank[p]] = BinOfRank(shared ? (start + end + 2) / 2.0 : p + 1);
            }

            start = end + 1;
        }

        return bins;
    }
}
