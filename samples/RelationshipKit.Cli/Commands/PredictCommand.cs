using System.CommandLine;
using System.Text;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary><c>relkit predict</c>: P(alive), expected purchases and, with a spend model, expected spend and CLV per customer.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A purchase model JSON written by 'relkit fit'", Required = true };
        var summary = new Option<string>("--summary") { Description = "Summary CSV (customer_id or ID, frequency, recency, T [, monetary_value]) in the model's time unit", Required = true };
        var horizon = new Option<string>("--horizon") { Description = "Horizon: a number of model time units, or with a unit suffix (39w, 273d, 6m, 1y)", Required = true };
        var spendModel = new Option<string?>("--spend-model") { Description = "A Gamma-Gamma model JSON: adds expected_spend and clv" };
        var discount = new Option<double>("--discount-rate") { Description = "Discount rate per --discount-period", DefaultValueFactory = _ => 0 };
        var period = new Option<string>("--discount-period") { Description = "Period of the discount rate (day, week, month, year)", DefaultValueFactory = _ => "year" };
        var margin = new Option<double>("--margin") { Description = "Profit margin applied to spend", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the CSV to this file instead of standard output" };
        var command = new Command("predict", "Predict P(alive), expected purchases (and expected spend and CLV with --spend-model) for every row of a summary CSV, in input order.")
        {
            model, summary, horizon, spendModel, discount, period, margin, output,
        };
        command.SetAction(parse => CommandRunner.Run(parse, stdout =>
        {
            ITransactionModel m = LifetimeValueModels.LoadTransactionModel(CommandSupport.ReadFile(parse.GetValue(model)!));
            GammaGammaModel? spend = parse.GetValue(spendModel) is { } sp ? GammaGammaModel.FromJson(CommandSupport.ReadFile(sp)) : null;
            Horizon h = CommandSupport.ParseHorizon(parse.GetValue(horizon)!, m.TimeUnit);
            string path = parse.GetValue(summary)!;
            SummaryColumnsCsv s = LifetimeValueCsv.ReadSummaries(path, needRecency: true, needMonetary: spend is not null);
            double[] t = s.T ?? s.Periods!;
            var alive = new double[s.Count];
            var expected = new double[s.Count];
            try
            {
                m.ProbabilityAlive(s.Frequency, s.Recency!, t, alive);
                m.ExpectedPurchases(h, s.Frequency, s.Recency!, t, expected);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliInputException($"{path}: {ex.Message}", ex);
            }

            LifetimeValueCalculator? calculator = spend is null ? null : new LifetimeValueCalculator(m, spend, h, new DiscountRate(parse.GetValue(discount), CommandSupport.ParseUnit(parse.GetValue(period)!)), parse.GetValue(margin));
            var csv = new StringBuilder();
            csv.Append("customer_id,p_alive,expected_purchases").Append(calculator is null ? "\n" : ",expected_spend,clv\n");
            for (int i = 0; i < s.Count; i++)
            {
                csv.Append(Escape(s.Ids[i])).Append(',').Append(CommandSupport.Number(alive[i])).Append(',').Append(CommandSupport.Number(expected[i]));
                if (calculator is not null)
                {
                    double m0 = s.Monetary![i];
                    double x = s.Frequency[i];
                    if (x > 0 && !(m0 > 0))
                    {
                        throw CliInputException.AtField(path, i + 2, 0, "monetary_value", "the Gamma-Gamma model needs a positive mean spend for customers with repeat purchases.");
                    }

                    csv.Append(',').Append(CommandSupport.Number(calculator.ExpectedSpend(x, m0)))
                        .Append(',').Append(CommandSupport.Number(calculator.LifetimeValue(x, s.Recency![i], t[i], m0)));
                }

                csv.Append('\n');
            }

            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, csv.ToString());
            }
            else
            {
                stdout.Write(csv.ToString());
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Escape(string id) =>
        id.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : id;
}
