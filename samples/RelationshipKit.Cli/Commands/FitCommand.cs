using System.CommandLine;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary><c>relkit fit</c>: fits a lifetime-value model on a summary CSV and prints it as JSON.</summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "bgnbd, mbgnbd, paretonbd, bgbb, gammagamma or sbg", Required = true };
        model.AcceptOnlyFromAmong("bgnbd", "mbgnbd", "paretonbd", "bgbb", "gammagamma", "sbg");
        var summary = new Option<string>("--summary") { Description = "CSV with customer_id (or ID), frequency, recency, T [, monetary_value] [, weights]; BG/BB: frequency, recency, periods, weights; sBG: survivors", Required = true };
        var output = new Option<string?>("--out") { Description = "Also write the model JSON to this file" };
        var unit = new Option<string>("--time-unit") { Description = "Unit of recency and T in the file (day, week, month, year)", DefaultValueFactory = _ => "week" };
        var penalizer = new Option<double>("--penalizer") { Description = "L2 penalty coefficient (lifetimes' penalizer_coef)", DefaultValueFactory = _ => 0 };
        var command = new Command("fit", "Fit a lifetime-value model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma-Gamma, sBG) and print it as JSON.")
        {
            model, summary, output, unit, penalizer,
        };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            string kind = parse.GetValue(model)!;
            string path = parse.GetValue(summary)!;
            TimeUnit timeUnit = CommandSupport.ParseUnit(parse.GetValue(unit)!);
            var options = new LifetimeValueFitOptions { Penalizer = parse.GetValue(penalizer), RequireConvergence = false };
            (string json, bool converged) = Fit(kind, path, timeUnit, options);
            string pretty = CommandSupport.Indent(json);
            stdout.WriteLine(pretty);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, pretty);
            }

            if (!converged)
            {
                parse.InvocationConfiguration.Error.WriteLine("relkit: the fit did not converge (see \"reason\"); the estimates are not reliable.");
                return ExitCodes.UnexpectedFailure;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static (string Json, bool Converged) Fit(string kind, string path, TimeUnit unit, LifetimeValueFitOptions options)
    {
        if (kind == "sbg")
        {
            ShiftedBetaGeometricModel sbg = ShiftedBetaGeometricModel.Fit(LifetimeValueCsv.ReadSurvivors(path), unit, options);
            return (sbg.ToJson(), sbg.FitReport!.Converged);
        }

        if (kind == "gammagamma")
        {
            SummaryColumnsCsv spend = LifetimeValueCsv.ReadSummaries(path, needRecency: false, needMonetary: true);
            GammaGammaModel gg = GammaGammaModel.Fit(spend.WholeFrequency(path), spend.Monetary!, spend.Weights ?? default(ReadOnlySpan<double>), options);
            return (gg.ToJson(), gg.FitReport!.Converged);
        }

        SummaryColumnsCsv s = LifetimeValueCsv.ReadSummaries(path, needRecency: true, needMonetary: false);
        int[] x = s.WholeFrequency(path);
        ReadOnlySpan<double> weights = s.Weights ?? default(ReadOnlySpan<double>);
        if (kind == "bgbb")
        {
            double[] n = s.Periods ?? s.T!;
            int[] tx = Whole(s.Recency!, path, "recency");
            BgBbModel bb = BgBbModel.Fit(x, tx, Whole(n, path, s.Periods is null ? "T" : "periods"), weights, unit, options);
            return (bb.ToJson(), bb.FitReport!.Converged);
        }

        double[] t = s.T ?? throw new CliInputException($"{path}: no T column.");
        ITransactionModel m = kind switch
        {
            "mbgnbd" => ModifiedBgNbdModel.Fit(x, s.Recency!, t, weights, unit, options),
            "paretonbd" => ParetoNbdModel.Fit(x, s.Recency!, t, weights, unit, options),
            _ => BgNbdModel.Fit(x, s.Recency!, t, weights, unit, options),
        };
        return (m.ToJson(), m.FitReport!.Converged);
    }

    private static int[] Whole(double[] values, string path, string column)
    {
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] != Math.Floor(values[i]) || values[i] < 0 || values[i] > 100000)
            {
                throw CliInputException.AtField(path, i + 2, 0, column, $"BG/BB needs whole numbers of periods, not {CommandSupport.Number(values[i])}.");
            }

            result[i] = (int)values[i];
        }

        return result;
    }
}
