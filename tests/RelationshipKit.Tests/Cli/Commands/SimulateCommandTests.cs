using System.Globalization;
using RelationshipKit.Simulation;

namespace RelationshipKit.Tests.Cli.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Simulate_WritesTheLibrarySimulationAsCsv()
    {
        string output = _cli.PathOf("sim.csv");
        CliResult result = CliHarness.Run("simulate", "--customers", "300", "--seed", "17", "--out", output);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().BeEmpty();
        string[] lines = File.ReadAllLines(output);
        lines[0].Should().Be("customer_id,date,amount");

        SimulatedTransactions expected = new TransactionSimulator(new TransactionSimulatorOptions
        {
            CustomerCount = 300,
            Seed = 17,
            Order = SimulatedTransactionOrder.ByTime,
        }).Simulate();
        lines.Length.Should().Be(expected.Count + 1);
        for (int i = 0; i < expected.Count; i++)
        {
            string[] f = lines[i + 1].Split(',');
            f[0].Should().Be(expected.Customers[expected.CustomerIndex[i]].Value);
            f[1].Should().Be(expected.OccurredAt[i].UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            decimal.Parse(f[2], CultureInfo.InvariantCulture).Should().Be(expected.Amounts[i]);
            f[2].Should().MatchRegex(@"^\d+\.\d\d$");
        }
    }

    [Fact]
    public void Simulate_SameSeed_GivesTheSameFile_OtherSeedDiffers()
    {
        string a = _cli.PathOf("a.csv");
        string b = _cli.PathOf("b.csv");
        string c = _cli.PathOf("c.csv");
        CliHarness.Run("simulate", "--customers", "200", "--seed", "5", "--out", a).ExitCode.Should().Be(0);
        CliHarness.Run("simulate", "--customers", "200", "--seed", "5", "--out", b).ExitCode.Should().Be(0);
        CliHarness.Run("simulate", "--customers", "200", "--seed", "6", "--out", c).ExitCode.Should().Be(0);

        File.ReadAllBytes(b).Should().Equal(File.ReadAllBytes(a));
        File.ReadAllBytes(c).Should().NotEqual(File.ReadAllBytes(a));
    }

    [Fact]
    public void Simulate_ModelOptions_ReachTheSimulator()
    {
        string output = _cli.PathOf("sim.csv");
        CliResult result = CliHarness.Run(
            "simulate", "--customers", "100", "--seed", "3", "--start", "2020-01-01", "--end", "2020-03-01", "--acquisition-days", "0",
            "--time-unit", "day", "--r", "2", "--alpha", "5", "--a", "1.5", "--b", "4", "--p", "3", "--q", "5", "--gamma", "20",
            "--order", "customer", "--date-format", "datetime", "--out", output);
        result.ExitCode.Should().Be(0, result.Stderr);

        SimulatedTransactions expected = new TransactionSimulator(new TransactionSimulatorOptions
        {
            CustomerCount = 100,
            Seed = 3,
            Start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero),
            AcquisitionWindow = TimeSpan.Zero,
            TimeUnit = TimeUnit.Day,
            R = 2,
            Alpha = 5,
            A = 1.5,
            B = 4,
            P = 3,
            Q = 5,
            Gamma = 20,
            Order = SimulatedTransactionOrder.ByCustomer,
        }).Simulate();
        string[] lines = File.ReadAllLines(output);
        lines.Length.Should().Be(expected.Count + 1);
        for (int i = 0; i < expected.Count; i++)
        {
            string[] f = lines[i + 1].Split(',');
            f[0].Should().Be(expected.Customers[expected.CustomerIndex[i]].Value);
            DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture).Should().Be(expected.OccurredAt[i]);
            f[1].Should().EndWith("Z");
            decimal.Parse(f[2], CultureInfo.InvariantCulture).Should().Be(expected.Amounts[i]);
        }
    }

    [Fact]
    public void Simulate_ThenSummarize_GivesOneRowPerCustomer()
    {
        string log = _cli.PathOf("sim.csv");
        CliHarness.Run("simulate", "--customers", "500", "--out", log).ExitCode.Should().Be(0);
        CliResult result = CliHarness.Run(
            "summarize", "--transactions", log, "--customer-column", "customer_id", "--date-column", "date", "--amount-column", "amount",
            "--time-unit", "week", "--calibration-end", "2024-01-01", "--observation-end", "2024-07-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Lines.Length.Should().Be(501, "every customer's first purchase is in the 12-week acquisition window");
    }

    [Theory]
    [InlineData("--customers", "0")]
    [InlineData("--customers", "many")]
    [InlineData("--r", "-1")]
    [InlineData("--alpha", "0")]
    [InlineData("--gamma", "abc")]
    [InlineData("--start", "2020-02-30")]
    [InlineData("--order", "random")]
    [InlineData("--acquisition-days", "-3")]
    [InlineData("--seed", "-1")]
    public void Simulate_BadOption_ExitsWith2(string option, string value)
    {
        var args = new List<string> { "simulate", "--out", _cli.PathOf("x.csv") };
        if (option != "--customers")
        {
            args.AddRange(["--customers", "10"]);
        }

        args.AddRange([option, value]);
        CliResult result = CliHarness.Run([.. args]);
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(value);
        File.Exists(_cli.PathOf("x.csv")).Should().BeFalse();
    }

    [Fact]
    public void Simulate_EndBeforeStart_ExitsWith2NamingTheOption()
    {
        CliResult result = CliHarness.Run("simulate", "--customers", "10", "--start", "2024-01-01", "--end", "2023-01-01", "--out", _cli.PathOf("x.csv"));
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("End");
    }

    [Fact]
    public void Simulate_OutInMissingFolder_ExitsWith2()
    {
        CliResult result = CliHarness.Run("simulate", "--customers", "10", "--out", Path.Combine(_cli.Folder, "no", "such", "x.csv"));
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--out");
    }

    [Fact]
    public void Simulate_Help_ListsTheModelParameters()
    {
        CliResult result = CliHarness.Run("simulate", "--help");
        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--customers").And.Contain("--seed").And.Contain("--start").And.Contain("--end")
            .And.Contain("--r").And.Contain("--alpha").And.Contain("--a").And.Contain("--b").And.Contain("--p").And.Contain("--q")
            .And.Contain("--gamma").And.Contain("BG/NBD").And.Contain("Gamma-Gamma");
    }
}
