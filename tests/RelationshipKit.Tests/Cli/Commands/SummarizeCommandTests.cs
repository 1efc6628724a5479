using System.Globalization;
using RelationshipKit.Cli.Commands;
using RelationshipKit.Cli.Infrastructure;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Cli.Commands;

public sealed class SummarizeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Summarize_SmallLog_WritesHeaderAndHandComputedRows()
    {
        // A buys on Jan 1 (10), twice on Jan 3 (20 and 1: one period of 21) and on Jan 7 (4): x = 2, t_x = 6 days,
        // T = 9 days, monetary = mean(21, 4) = 12.5. B buys once. C buys twice on one day: x = 0.
        string file = _cli.WriteFile(
            "log.csv",
            "cust,when,amt",
            "A,2020-01-01,10",
            "B,2020-01-02,5.50",
            "A,2020-01-03,20.000",
            "A,2020-01-03,1",
            "C,2020-01-05,7",
            "C,2020-01-05,8",
            "A,2020-01-07,4");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Lines.Should().Equal(
            "customer_id,frequency,recency,T,monetary_value",
            "A,2,6,9,12.5",
            "B,0,0,8,0",
            "C,0,0,5,0");
    }

    [Fact]
    public void Summarize_TimeUnitWeek_WritesShortestRoundTripDoubles()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1", "A,2020-01-03,2");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--time-unit", "week");

        result.ExitCode.Should().Be(0, result.Stderr);
        string[] fields = result.Lines[1].Split(',');
        fields[2].Should().Be((2.0 / 7).ToString("R", CultureInfo.InvariantCulture));
        fields[3].Should().Be((9.0 / 7).ToString("R", CultureInfo.InvariantCulture));
        double.Parse(fields[2], CultureInfo.InvariantCulture).Should().Be(2.0 / 7);
    }

    [Fact]
    public void Summarize_UnderAnotherCulture_StillWritesInvariantNumbers()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1.5", "A,2020-01-03,2.25");
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--time-unit", "week");
            result.ExitCode.Should().Be(0, result.Stderr);
            result.Lines[1].Should().Be($"A,1,{(2.0 / 7).ToString("R", CultureInfo.InvariantCulture)},{(9.0 / 7).ToString("R", CultureInfo.InvariantCulture)},2.25");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Summarize_ObservationEnd_AddsHoldoutColumns()
    {
        // Calibration to Jan 10: A has x = 1 (Jan 1, Jan 5; 30 on the repeat). Holdout Jan 11..Jan 20: A buys on
        // two days (10 and 20 + 2): frequency_holdout 2, monetary_value_holdout 16, duration 10 days. A purchase after
        // the observation end is ignored. B's only purchase is in the holdout window, so B is not a calibration customer.
        string file = _cli.WriteFile(
            "log.csv",
            "cust,when,amt",
            "A,2020-01-01,10",
            "A,2020-01-05,30",
            "B,2020-01-12,5",
            "A,2020-01-12,10",
            "A,2020-01-15,20",
            "A,2020-01-15,2",
            "A,2020-01-25,99");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--observation-end", "2020-01-20");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines.Should().Equal(
            "customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout",
            "A,1,4,9,30,2,16,10");
    }

    [Fact]
    public void Summarize_CustomersAppearInFirstSeenOrder()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "zed,2020-01-03,1", "alpha,2020-01-01,1", "mid,2020-01-02,1", "alpha,2020-01-04,1", "zed,2020-01-01,1");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("zed", "alpha", "mid");
    }

    [Fact]
    public void Summarize_EachDateFormat_IsReadAsTheSameDay()
    {
        // The same customer on the same UTC day four ways, then on the next day: x = 1 whatever the spelling.
        string file = _cli.WriteFile(
            "log.csv",
            "cust,when,amt",
            "A,2020-03-01,1",
            "A,20200301,2",
            "A,2020-03-01T23:30:00Z,3",
            "A,2020-03-02T00:30:00+01:00,4",
            "A,2020-03-02T12:00:00.5-02:00,5");
        CliResult result = Summarize(file, "--calibration-end", "2020-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines[1].Should().Be("A,1,1,9,5");
    }

    [Fact]
    public void Summarize_QuotedFields_AreReadAndWrittenAsRfc4180()
    {
        string file = _cli.WriteFile("log.csv", "\"customer, id\",date,amount", "\"Smith, J \"\"JJ\"\"\",2020-01-01,\"1.5\"", "\"Smith, J \"\"JJ\"\"\",2020-01-02,2");
        CliResult result = CliHarness.Run("summarize", "--transactions", file, "--customer-column", "customer, id", "--date-column", "date", "--amount-column", "amount", "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines[1].Should().Be("\"Smith, J \"\"JJ\"\"\",1,1,9,2");
    }

    [Fact]
    public void Summarize_Utf8BomAndCrlfLineEnds_AreAccepted()
    {
        string file = _cli.PathOf("bom.csv");
        File.WriteAllText(file, "cust,when,amt\r\nA,2020-01-01,1\r\nA,2020-01-02,2\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(file)[0].Should().Be(0xEF, "the file starts with a byte-order mark");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines.Should().Equal("customer_id,frequency,recency,T,monetary_value", "A,1,1,9,2");
    }

    [Fact]
    public void Summarize_PeriodWeek_MergesPurchasesOfOneIsoWeek()
    {
        // 2020-01-06 is a Monday: Jan 6 and Jan 12 share a week, Jan 13 starts the next.
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-06,1", "A,2020-01-12,2", "A,2020-01-13,4");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-31", "--period", "week", "--time-unit", "week");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines[1].Should().Be("A,1,1,3,4");
    }

    [Fact]
    public void Summarize_PeriodTransaction_DateOnlyEndsMeanEndOfDay()
    {
        // The purchase at 15:00 on the calibration end date counts, and T runs to the end of that day.
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01T00:00:00Z,1", "A,2020-01-01T12:00:00Z,2", "A,2020-01-10T15:00:00Z,4");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--period", "transaction");

        result.ExitCode.Should().Be(0, result.Stderr);
        string[] fields = result.Lines[1].Split(',');
        fields[1].Should().Be("2");
        double.Parse(fields[2], CultureInfo.InvariantCulture).Should().Be(9.625);
        double t = double.Parse(fields[3], CultureInfo.InvariantCulture);
        t.Should().BeLessThan(10.0).And.BeApproximately(10.0, 1e-9);
        fields[4].Should().Be("3");
    }

    [Fact]
    public void Summarize_OrderColumn_CountsARepeatedOrderOnce()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt,o", "A,2020-01-01,1,o1", "A,2020-01-02,2,o2", "A,2020-01-02,2,o2", "A,2020-01-03,3,");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--order-column", "o");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines[1].Should().Be("A,2,2,9,2.5");
    }

    [Fact]
    public void Summarize_OutFile_WritesTheFileAndNothingToStdout()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1");
        string output = _cli.PathOf("out.csv");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--out", output);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().BeEmpty();
        File.ReadAllText(output).Should().Be("customer_id,frequency,recency,T,monetary_value\nA,0,0,9,0\n");
    }

    [Fact]
    public void Summarize_HeaderOnly_WritesHeaderOnly()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines.Should().Equal("customer_id,frequency,recency,T,monetary_value");
    }

    public static TheoryData<string, string[], string> BadFiles => new()
    {
        { "missing column", ["cust,when,amount", "A,2020-01-01,1"], "line 1, column 'amt' (--amount-column)" },
        { "bad date", ["cust,when,amt", "A,2020-01-01,1", "B,2020-02-30,1"], "line 3, column 2 (when): cannot read '2020-02-30' as a date" },
        { "offset-less date-time", ["cust,when,amt", "A,2020-01-01T10:00:00,1"], "line 2, column 2 (when)" },
        { "bad amount", ["cust,when,amt", "A,2020-01-01,1", "A,2020-01-02,1", "A,2020-01-03,12;5"], "line 4, column 3 (amt): cannot read '12;5' as an amount" },
        { "unparsable amount", ["cust,when,amt", "A,2020-01-01,ten"], "line 2, column 3 (amt): cannot read 'ten' as an amount" },
        { "short line", ["cust,when,amt", "A,2020-01-01,1", "B,2020-01-01"], "line 3, column 3 (amt): the line has 2 field(s)" },
        { "empty id", ["cust,when,amt", "A,2020-01-01,1", " ,2020-01-01,1"], "line 3, column 1 (cust): the customer id is empty" },
        { "amount out of range", ["cust,when,amt", "A,2020-01-01,1", "B,2020-01-01,2000000"], "line 3, column 3 (amt): Customer 'B': the amount 2000000 is outside" },
        { "future date", ["cust,when,amt", "A,2020-01-01,1", "B,9999-01-01,1"], "line 3, column 2 (when)" },
        { "unterminated quote", ["cust,when,amt", "A,2020-01-01,1", "\"B,2020-01-01,1"], "line 3" },
        { "empty file", [], "line 1: the file is empty" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Summarize_BadInput_ExitsWith2AndNamesLineAndColumn(string name, string[] lines, string expected)
    {
        string file = lines.Length == 0 ? WriteEmpty() : _cli.WriteFile("bad.csv", lines);
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10");

        result.ExitCode.Should().Be(2, name);
        result.Stdout.Should().BeEmpty(name);
        result.Stderr.Should().StartWith("relkit: error: ").And.Contain(expected, name);
    }

    [Fact]
    public void Summarize_OrderConflict_NamesTheOrderColumn()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt,o", "A,2020-01-01,1,o1", "A,2020-01-02,5,o1");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--order-column", "o");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(", column 4 (o): ").And.Contain("o1");
        result.Stderr.Should().MatchRegex("line [23], column 4");
    }

    [Fact]
    public void Summarize_MissingFile_ExitsWith2()
    {
        CliResult result = Summarize(_cli.PathOf("absent.csv"), "--calibration-end", "2020-01-10");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("absent.csv").And.Contain("cannot open");
    }

    [Fact]
    public void Summarize_ObservationEndNotAfterCalibrationEnd_ExitsWith2NamingTheOption()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1");
        CliResult result = Summarize(file, "--calibration-end", "2020-01-10", "--observation-end", "2020-01-10");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--observation-end");
    }

    [Theory]
    [InlineData("--calibration-end", "2020-13-01")]
    [InlineData("--period", "month")]
    [InlineData("--time-unit", "fortnight")]
    public void Summarize_BadOptionValue_ExitsWith2(string option, string value)
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1");
        var args = new List<string> { "summarize", "--transactions", file, "--customer-column", "cust", "--date-column", "when", "--amount-column", "amt" };
        if (option != "--calibration-end")
        {
            args.AddRange(["--calibration-end", "2020-01-10"]);
        }

        args.AddRange([option, value]);
        CliResult result = CliHarness.Run([.. args]);
        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(value);
    }

    [Fact]
    public void Summarize_MissingRequiredOption_ExitsWith2()
    {
        CliResult result = CliHarness.Run("summarize", "--transactions", "x.csv");
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--customer-column").And.Contain("--calibration-end");
    }

    [Fact]
    public void Summarize_Help_DescribesOptionsAndTheEndOfDayRule()
    {
        CliResult result = CliHarness.Run("summarize", "--help");
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--transactions").And.Contain("--customer-column").And.Contain("--date-column")
            .And.Contain("--amount-column").And.Contain("--order-column").And.Contain("--period").And.Contain("--time-unit")
            .And.Contain("--calibration-end").And.Contain("--observation-end").And.Contain("--out")
            .And.Contain("end of that day").And.Contain("customer_id,frequency,recency,T,monetary_value");
    }

    [Fact]
    public void Run_InProcess_MatchesTheCommandLine()
    {
        string file = _cli.WriteFile("log.csv", "cust,when,amt", "A,2020-01-01,1", "A,2020-01-02,3", "B,2020-01-05,2");
        var arguments = new SummarizeArguments(
            file,
            new TransactionColumnNames("cust", "when", "amt"),
            PurchasePeriod.Day,
            TimeUnit.Day,
            new CliDate(new DateTimeOffset(2020, 1, 10, 0, 0, 0, TimeSpan.Zero), IsDateOnly: true));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        SummarizeCommand.Run(arguments, stdout, stderr).Should().Be(0);
        stdout.ToString().Should().Be(Summarize(file, "--calibration-end", "2020-01-10").Stdout);
    }

    [Fact]
    public void Summarize_CdnowSample_EqualsTheLibrarySummaries()
    {
        string source = SharedData.PathOf("CDNOW_sample.txt");
        var transactions = new List<Transaction>();
        var lines = new List<string> { "customer,date,amount" };
        foreach (string line in File.ReadLines(source))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5)
            {
                continue;
            }

            lines.Add($"{parts[0]},{parts[2]},{parts[4]}");
            DateTimeOffset at = DateTimeOffset.ParseExact(parts[2], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            transactions.Add(new Transaction(new CustomerId(parts[0]), at, decimal.Parse(parts[4], CultureInfo.InvariantCulture)));
        }

        lines.Count.Should().Be(6920, "the sample has 6,919 transactions");
        string file = _cli.WriteFile("cdnow.csv", [.. lines]);
        var calibrationEnd = new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero);
        var observationEnd = new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero);
        CustomerSummaryTable expected = new CustomerSummaryBuilder(new CustomerSummaryOptions { TimeUnit = TimeUnit.Week })
            .Build(transactions, calibrationEnd, observationEnd);

        CliResult result = CliHarness.Run(
            "summarize", "--transactions", file, "--customer-column", "customer", "--date-column", "date", "--amount-column", "amount",
            "--time-unit", "week", "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30");

        result.ExitCode.Should().Be(0, result.Stderr);
        string[] output = result.Lines;
        output[0].Should().Be("customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout");
        output.Length.Should().Be(expected.Count + 1);
        expected.Count.Should().Be(2357);
        for (int i = 0; i < expected.Count; i++)
        {
            string[] f = output[i + 1].Split(',');
            f[0].Should().Be(expected.CustomerIds[i].Value);
            int.Parse(f[1], CultureInfo.InvariantCulture).Should().Be(expected.Frequency[i]);
            double.Parse(f[2], CultureInfo.InvariantCulture).Should().Be(expected.Recency[i]);
            double.Parse(f[3], CultureInfo.InvariantCulture).Should().Be(expected.T[i]);
            decimal.Parse(f[4], CultureInfo.InvariantCulture).Should().Be(expected.MonetaryValue[i]);
            int.Parse(f[5], CultureInfo.InvariantCulture).Should().Be(expected.FrequencyHoldout[i]);
            decimal.Parse(f[6], CultureInfo.InvariantCulture).Should().Be(expected.MonetaryValueHoldout[i]);
            double.Parse(f[7], CultureInfo.InvariantCulture).Should().Be(expected.DurationHoldout[i]);
        }
    }

    [Fact]
    public void Summarize_SimulatedLogOfSeveralMegabytes_EqualsTheLibrarySummaries()
    {
        // Large enough for the fast CSV route to split the file into ranges read on several threads (one per core).
        string file = _cli.PathOf("simulated.csv");
        CliHarness.Run("simulate", "--customers", "60000", "--seed", "5", "--out", file).ExitCode.Should().Be(0);
        new FileInfo(file).Length.Should().BeGreaterThan(3 * FastTransactionCsvReader.MinBytesPerWorker);
        var transactions = new List<Transaction>();
        foreach (string line in File.ReadLines(file).Skip(1))
        {
            string[] parts = line.Split(',');
            DateTimeOffset at = DateTimeOffset.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            transactions.Add(new Transaction(new CustomerId(parts[0]), at, decimal.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        var calibrationEnd = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var observationEnd = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
        CustomerSummaryTable expected = new CustomerSummaryBuilder().Build(transactions, calibrationEnd, observationEnd);

        CliResult result = CliHarness.Run(
            "summarize", "--transactions", file, "--customer-column", "customer_id", "--date-column", "date", "--amount-column", "amount",
            "--calibration-end", "2024-01-01", "--observation-end", "2024-07-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        string[] output = result.Lines;
        output.Length.Should().Be(expected.Count + 1);
        for (int i = 0; i < expected.Count; i++)
        {
            string[] f = output[i + 1].Split(',');
            f[0].Should().Be(expected.CustomerIds[i].Value);
            int.Parse(f[1], CultureInfo.InvariantCulture).Should().Be(expected.Frequency[i]);
            double.Parse(f[2], CultureInfo.InvariantCulture).Should().Be(expected.Recency[i]);
            double.Parse(f[3], CultureInfo.InvariantCulture).Should().Be(expected.T[i]);
            decimal.Parse(f[4], CultureInfo.InvariantCulture).Should().Be(expected.MonetaryValue[i]);
            int.Parse(f[5], CultureInfo.InvariantCulture).Should().Be(expected.FrequencyHoldout[i]);
            decimal.Parse(f[6], CultureInfo.InvariantCulture).Should().Be(expected.MonetaryValueHoldout[i]);
            double.Parse(f[7], CultureInfo.InvariantCulture).Should().Be(expected.DurationHoldout[i]);
        }
    }

    private static CliResult Summarize(string file, params string[] more) =>
        CliHarness.Run(["summarize", "--transactions", file, "--customer-column", "cust", "--date-column", "when", "--amount-column", "amt", .. more]);

    private string WriteEmpty()
    {
        string path = _cli.PathOf("empty.csv");
        File.WriteAllText(path, string.Empty);
        return path;
    }
}
