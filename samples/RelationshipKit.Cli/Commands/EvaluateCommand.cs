using System.CommandLine;
using System.Text;
using System.Text.Json;
using RelationshipKit.Differentiation.LifetimeValue;

using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary><c>relkit evaluate</c>: in-sample fit by repeat count and, with holdout columns, the calibration/holdout report, as JSON.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A purchase model JSON written by 'relkit fit'", Required = true };
        var summary = new Option<string>("--summary") { Description = "Summary CSV; with frequency_holdout and duration_holdout columns the holdout report is added", Required = true };
        var maxFrequency = new Option<int>("--max-frequency") { Description = "First count of the open last group (default 7)", DefaultValueFactory = _ => 7 };
        var output = new Option<string?>("--out") { Description = "Also write the JSON to this file" };
        var command = new Command("evaluate", "Evaluate a fitted purchase model: expected vs actual customers by repeat purchases, and predicted vs actual holdout purchases (MAE, RMSE, correlation).")
        {
            model, summary, maxFrequency, output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            ITransactionModel m = LifetimeValueModels.LoadTransactionModel(CommandSupport.ReadFile(parse.GetValue(model)!));
            SummaryColumnsCsv s = LifetimeValueCsv.ReadSummaries(parse.GetValue(summary)!, needRecency: true, needMonetary: false);
            int k = parse.GetValue(maxFrequency);
            double[] t = s.T ?? s.Periods!;
            string json = Write(m, s, t, k);
            stdout.WriteLine(json);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, json);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static string Write(ITransactionModel m, SummaryColumnsCsv s, double[] t, int k)
    {
        IReadOnlyList<FrequencyFitBin> bins = ModelEvaluation.EvaluateFrequencyFit(m, s.Frequency, t, s.Weights ?? [], k);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", m.Kind);
            w.WriteNumber("customers", s.Count);
            w.WriteStartArray("frequencyFit");
            foreach (FrequencyFitBin b in bins)
            {
                w.WriteStartObject();
                w.WriteNumber("repeatPurchases", b.RepeatPurchases);
                w.WriteBoolean("andMore", b.AndMore);
                w.WriteNumber("expected", b.Expected);
                w.WriteNumber("actual", b.Actual);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (s.FrequencyHoldout is { } hf && s.DurationHoldout is { } hd)
            {
                HoldoutEvaluation e = ModelEvaluation.EvaluateHoldout(m, s.Frequency, s.Recency!, t, hf, hd, k);
                w.WriteStartObject("holdout");
                w.WriteNumber("meanAbsoluteError", e.MeanAbsoluteError);
                w.WriteNumber("rootMeanSquaredError", e.RootMeanSquaredError);
                if (double.IsFinite(e.Correlation))
                {
                    w.WriteNumber("correlation", e.Correlation);
                }

                w.WriteNumber("predictedTotal", e.PredictedTotal);
                w.WriteNumber("actualTotal", e.ActualTotal);
                w.WriteStartArray("groups");
                foreach (HoldoutGroup g in e.Groups)
                {
                    w.WriteStartObject();
                    w.WriteNumber("frequency", g.Frequency);
                    w.WriteBoolean("andMore", g.AndMore);
                    w.WriteNumber("customers", g.Customers);
                    w.WriteNumber("meanPredicted", g.MeanPredicted);
                    w.WriteNumber("meanActual", g.MeanActual);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
