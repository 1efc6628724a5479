using System.CommandLine;
using System.Text.Json;
using RelationshipKit.Cli.Commands;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Cli;

public sealed class LifetimeValueCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relkit-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        RootCommand root = new("relkit");
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        ParseResult parse = root.Parse(args);
        int exit = parse.Errors.Count > 0 ? 2 : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string File(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Fit_CdnowBgNbd_PrintsThePublishedParametersAsJson()
    {
        string summary = SharedData.PathOf("cdnow_customers_summary.csv");
        string model = Path.Combine(_dir, "bg.json");
        var (exit, output, _) = Run("fit", "--model", "bgnbd", "--summary", summary, "--out", model);
        exit.Should().Be(0);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("model").GetString().Should().Be("bgnbd");
        doc.RootElement.GetProperty("parameters").GetProperty("r").GetDouble().Should().BeApproximately(0.243, 0.0005);
        doc.RootElement.GetProperty("logLikelihood").GetDouble().Should().BeApproximately(-9582.4, 0.05);
        doc.RootElement.GetProperty("converged").GetBoolean().Should().BeTrue();
        doc.RootElement.GetProperty("iterations").GetInt32().Should().BeGreaterThan(0);
        doc.RootElement.GetProperty("standardErrors").GetProperty("b").GetDouble().Should().BeGreaterThan(0);
        System.IO.File.Exists(model).Should().BeTrue();

        var (pexit, csv, _) = Run("predict", "--model", model, "--summary", summary, "--horizon", "39w");
        pexit.Should().Be(0);
        string[] lines = csv.TrimEnd('\n').Split('\n');
        lines[0].Should().Be("customer_id,p_alive,expected_purchases");
        lines.Should().HaveCount(2358);
        lines[1].Should().StartWith("1,");
        double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(1.226, 0.0005);
    }

    [Fact]
    public void Predict_WithSpendModel_AddsSpendAndClvColumns()
    {
        string summary = File("s.csv", "customer_id,frequency,recency,T,monetary_value\nb,2,30.43,38.86,22.35\na,0,0,38.86,0\n");
        string model = File("m.json", new RelationshipKit.Differentiation.LifetimeValue.BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ToJson());
        string spend = File("g.json", new RelationshipKit.Differentiation.LifetimeValue.GammaGammaModel(6.25, 3.74, 15.44).ToJson());
        var (exit, csv, _) = Run("predict", "--model", model, "--summary", summary, "--horizon", "1y", "--spend-model", spend, "--discount-rate", "0.1", "--margin", "0.3");
        exit.Should().Be(0);
        string[] lines = csv.TrimEnd('\n').Split('\n');
        lines[0].Should().Be("customer_id,p_alive,expected_purchases,expected_spend,clv");
        lines[1].Should().StartWith("b,");
        lines[2].Should().StartWith("a,1,");
    }

    [Fact]
    public void Fit_BadCell_ExitsTwoWithLineAndColumn()
    {
        string summary = File("bad.csv", "ID,frequency,recency,T\n1,2,3,5\n2,x,1,4\n");
        var (exit, _, error) = Run("fit", "--model", "bgnbd", "--summary", summary);
        exit.Should().Be(2);
        error.Should().Contain("line 3").And.Contain("column 2");
    }

    [Fact]
    public void Fit_InvalidRowsOrMissingFile_ExitsTwo()
    {
        string summary = File("bad.csv", "ID,frequency,recency,T\n1,2,6,5\n");
        Run("fit", "--model", "paretonbd", "--summary", summary).Exit.Should().Be(2);
        Run("fit", "--model", "bgnbd", "--summary", Path.Combine(_dir, "missing.csv")).Exit.Should().Be(2);
        Run("fit", "--model", "nope", "--summary", summary).Exit.Should().Be(2);
        string spend = File("gg.csv", "ID,frequency,monetary_value\n1,2,-5\n");
        var (exit, _, error) = Run("fit", "--model", "gammagamma", "--summary", spend);
        exit.Should().Be(2);
        error.Should().Contain("monetaryValue");
    }

    [Fact]
    public void Fit_NotConverged_ExitsOneWithTheReport()
    {
        string summary = File("zero.csv", "ID,frequency,recency,T\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},0,0,{10 + (i % 7)}\n")));
        var (exit, output, error) = Run("fit", "--model", "bgnbd", "--summary", summary);
        exit.Should().Be(1);
        error.Should().Contain("did not converge");
        JsonDocument.Parse(output).RootElement.GetProperty("converged").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void EvaluateAndPlot_WriteJsonAndSvg()
    {
        string summary = File("h.csv", "ID,frequency,recency,T,frequency_holdout,duration_holdout\n1,2,30.43,38.86,3,39\n2,0,0,38.86,0,39\n3,5,20,30,1,39\n");
        string model = File("m.json", new RelationshipKit.Differentiation.LifetimeValue.BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ToJson());
        var (exit, output, _) = Run("evaluate", "--model", model, "--summary", summary, "--max-frequency", "3");
        exit.Should().Be(0);
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("frequencyFit").GetArrayLength().Should().Be(4);
        doc.RootElement.GetProperty("holdout").GetProperty("actualTotal").GetDouble().Should().Be(4);
        foreach (string chart in new[] { "frequency-recency", "p-alive", "calibration-holdout", "period-transactions" })
        {
            string svg = Path.Combine(_dir, chart + ".svg");
            Run("plot", "--model", model, "--chart", chart, "--summary", summary, "--out", svg).Exit.Should().Be(0);
            System.IO.File.ReadAllText(svg).Should().Contain("<svg");
        }

        Run("plot", "--model", model, "--chart", "calibration-holdout", "--out", Path.Combine(_dir, "x.svg")).Exit.Should().Be(2);
    }
}
