using System.CommandLine;
using RelationshipKit.Charts;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary><c>relkit plot</c>: writes an SVG chart of a fitted purchase model.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A purchase model JSON written by 'relkit fit'", Required = true };
        var chart = new Option<string>("--chart") { Description = "frequency-recency, p-alive, calibration-holdout or period-transactions", Required = true };
        chart.AcceptOnlyFromAmong("frequency-recency", "p-alive", "calibration-holdout", "period-transactions");
        var output = new Option<string>("--out") { Description = "The SVG file to write", Required = true };
        var summary = new Option<string?>("--summary") { Description = "Summary CSV (needed by calibration-holdout, with holdout columns, and period-transactions)" };
        var horizon = new Option<string>("--horizon") { Description = "Horizon of the frequency-recency matrix (default 1 model time unit)", DefaultValueFactory = _ => "1" };
        var maxFrequency = new Option<int>("--max-frequency") { Description = "Highest frequency of the matrices, open group of the histograms", DefaultValueFactory = _ => 7 };
        var age = new Option<double>("--age") { Description = "Customer age T of the matrices, in model time units (default 52 for weeks, 365 for days, 12 months, 6 years)", DefaultValueFactory = _ => 0 };
        var width = new Option<int>("--width") { DefaultValueFactory = _ => 900 };
        var height = new Option<int>("--height") { DefaultValueFactory = _ => 600 };
        var command = new Command("plot", "Draw a chart of a fitted purchase model as SVG.")
        {
            model, chart, output, summary, horizon, maxFrequency, age, width, height,
        };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            ITransactionModel m = LifetimeValueModels.LoadTransactionModel(CommandSupport.ReadFile(parse.GetValue(model)!));
            int k = parse.GetValue(maxFrequency), w = parse.GetValue(width), h = parse.GetValue(height);
            double a = parse.GetValue(age);
            if (a <= 0 && m is BgBbModel)
            {
                // A BG/BB age is a number of opportunities, which the model does not know: take the summary's, or ask.
                string? from = parse.GetValue(summary) ?? throw new CliInputException("BG/BB matrices need --age (the number of opportunities) or --summary with a periods column.");
                SummaryColumnsCsv periods = LifetimeValueCsv.ReadSummaries(from, needRecency: true, needMonetary: false);
                a = (periods.Periods ?? periods.T!).Max();
            }

            if (a <= 0)
            {
                a = m.TimeUnit switch { TimeUnit.Day => 365, TimeUnit.Week => 52, TimeUnit.Month => 12, _ => 6 };
            }

            string svg;
            switch (parse.GetValue(chart))
            {
                case "frequency-recency":
                    svg = LifetimeValueCharts.FrequencyRecencyMatrix(m, CommandSupport.ParseHorizon(parse.GetValue(horizon)!, m.TimeUnit), k, a, w, h);
                    break;
                case "p-alive":
                    svg = LifetimeValueCharts.ProbabilityAliveMatrix(m, k, a, w, h);
                    break;
                default:
                    string path = parse.GetValue(summary) ?? throw new CliInputException("This chart needs --summary.");
                    SummaryColumnsCsv s = LifetimeValueCsv.ReadSummaries(path, needRecency: true, needMonetary: false);
                    double[] t = s.T ?? s.Periods!;
                    if (parse.GetValue(chart) == "period-transactions")
                    {
                        svg = LifetimeValueCharts.PeriodTransactions(ModelEvaluation.EvaluateFrequencyFit(m, s.Frequency, t, s.Weights ?? [], k), w, h);
                    }
                    else
                    {
                        if (s.FrequencyHoldout is null)
                        {
                            throw new CliInputException($"{path}: calibration-holdout needs frequency_holdout and duration_holdout columns.");
                        }

                        svg = LifetimeValueCharts.CalibrationHoldout(ModelEvaluation.EvaluateHoldout(m, s.Frequency, s.Recency!, t, s.FrequencyHoldout, s.DurationHoldout!, k), w, h);
                    }

                    break;
            }

            File.WriteAllText(parse.GetValue(output)!, svg);
            stdout.WriteLine($"wrote {parse.GetValue(output)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
