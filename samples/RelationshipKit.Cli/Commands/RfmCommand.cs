using System.CommandLine;
using RelationshipKit.Cli.Infrastructure;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Cli.Commands;

/// <summary>The arguments of <c>relkit rfm</c>.</summary>
/// <param name="TransactionsPath">The input CSV file.</param>
/// <param name="Columns">The names of its customer, date and amount columns.</param>
/// <param name="AsOf">The date recency is measured to; later rows are ignored.</param>
/// <param name="Period">How purchases count for frequency: distinct days, or every row.</param>
/// <param name="Bins">The number of score bins k (2 to 10).</param>
/// <param name="Ties">The tie policy of the quantile bins.</param>
/// <param name="Monetary">Total or average spend.</param>
/// <param name="OutPath">The output file, or <see langword="null"/> for stdout.</param>
internal sealed record RfmArguments(
    string TransactionsPath,
    TransactionColumnNames Columns,
    CliDate AsOf,
    PurchasePeriod Period = PurchasePeriod.Day,
    int Bins = 5,
    RfmTiePolicy Ties = RfmTiePolicy.First,
    RfmMonetaryBasis Monetary = RfmMonetaryBasis.Total,
    string? OutPath = null);

/// <summary>
/// <c>relkit rfm</c>: RFM scores and segments per customer from a transactions CSV, through the library's dedicated
/// RFM route (<see cref="RfmPopulation.FromTransactions"/>, <see cref="RfmStrategy"/>).
/// </summary>
internal static class RfmCommand
{
    public static Command Create()
    {
        Option<string> transactions = CliOptions.File("--transactions", "The transactions CSV file (RFC 4180, UTF-8, with a header line).", required: true);
        Option<string> customerColumn = CliOptions.Column("--customer-column", "The column holding the customer id (exact, case-sensitive header name).", required: true);
        Option<string> dateColumn = CliOptions.Column("--date-column", $"The column holding the purchase date: {DateParsing.Formats}. Dates without a time are UTC midnight.", required: true);
        Option<string> amountColumn = CliOptions.Column("--amount-column", "The column holding the amount (invariant culture, '.' as decimal point; negative for a refund, which reduces total spend).", required: true);
        Option<CliDate?> asOf = CliOptions.Date(
            "--as-of",
            "The date recency is measured to (in days); purchases after it are ignored. With --period transaction, a date without a time means the end of that day (23:59:59.9999999 UTC).",
            required: true);
        Option<string> period = CliOptions.Choice(
            "--period",
            "What frequency counts: 'day' (distinct UTC purchase days) or 'transaction' (every row; rows of a customer at the same instant count once).",
            "day",
            "day",
            "transaction");
        Option<int> bins = CliOptions.IntInRange("--bins", "The number of score bins k; every score runs from 1 to k.", 5, 2, 10);
        Option<string> ties = CliOptions.Choice(
            "--ties",
            "The tie policy of the quantile bins: 'first' (ties ranked by ascending customer id, then equal-count bins: pandas qcut(rank(method='first'), k)) or 'shared' (equal values always share a score).",
            "first",
            "first",
            "shared");
        Option<string> monetary = CliOptions.Choice("--monetary", "The spend figure scored: 'total' (net spend) or 'average' (net spend per purchase period).", "total", "total", "average");
        Option<string> output = CliOptions.File("--out", "The output CSV file; stdout when omitted.", required: false);

        var command = new Command(
            "rfm",
            "Score customers by recency, frequency and monetary value into quantile bins 1..k (k = best for recency too), with the RFM code, " +
            "the combined score (R + F + M) and the named segment of the default 11-segment table. Output: CSV with the header " + RfmModel.CsvHeader +
            ", one row per customer in the order they first appear (as relkit summarize). Exit codes: 0 success, 1 unexpected failure, " +
            "2 bad input (the message gives line and column).")
        {
            transactions,
            customerColumn,
            dateColumn,
            amountColumn,
            asOf,
            period,
            bins,
            ties,
            monetary,
            output,
        };

        command.SetAction(parseResult =>
        {
            var arguments = new RfmArguments(
                parseResult.GetRequiredValue(transactions),
                new TransactionColumnNames(
                    parseResult.GetRequiredValue(customerColumn),
                    parseResult.GetRequiredValue(dateColumn),
                    parseResult.GetRequiredValue(amountColumn)),
                parseResult.GetValue(asOf)!.Value,
                SummarizeCommand.ParsePeriod(parseResult.GetRequiredValue(period)),
                parseResult.GetValue(bins),
                parseResult.GetRequiredValue(ties) == "shared" ? RfmTiePolicy.Shared : RfmTiePolicy.First,
                parseResult.GetRequiredValue(monetary) == "average" ? RfmMonetaryBasis.Average : RfmMonetaryBasis.Total,
                parseResult.GetValue(output));
            return Run(arguments, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs the verb in-process: reads, scores, writes.</summary>
    /// <returns>The exit code: 0, 1 or 2.</returns>
    public static int Run(RfmArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return CommandRunner.Run(stderr, () => Execute(arguments, stdout, Progress.For(stderr)));
    }

    private static int Execute(RfmArguments arguments, TextWriter stdout, Progress progress)
    {
        if (arguments.Period == PurchasePeriod.Week)
        {
            throw CliInputException.AtOption("--period", "'week' is not one of day, transaction.");
        }

        DateTimeOffset asOf = arguments.Period == PurchasePeriod.Transaction ? arguments.AsOf.EndOfDay : arguments.AsOf.Value;
        // A command-line run owns the machine: the group-by and the fit use every core (same result as one thread).
        int threads = Math.Clamp(Environment.ProcessorCount, 1, 64);
        var strategy = new RfmStrategy(new RfmOptions { Bins = arguments.Bins, TiePolicy = arguments.Ties, Monetary = arguments.Monetary, MaxDegreeOfParallelism = threads });
        var summaryOptions = new CustomerSummaryOptions { Period = arguments.Period, TimeUnit = TimeUnit.Day, MaxDegreeOfParallelism = threads };
        RfmPopulation population;
        using (CsvInput input = CsvInput.Open(arguments.TransactionsPath))
        {
            using LoadedTransactions log = TransactionCsvLoader.Load(input, arguments.Columns, progress);
            progress.Stage($"grouping {log.Count:N0} rows of {log.Customers.Count:N0} customers");
            try
            {
                population = RfmPopulation.FromTransactions(log.AsColumns(), asOf, summaryOptions);
                progress.Time("population");
            }
            catch (InvalidTransactionException ex)
            {
                throw log.Explain(ex);
            }
            catch (ArgumentException ex) when (ex.ParamName == "calibrationEnd")
            {
                throw CliInputException.AtOption("--as-of", ex);
            }
        }

        if (population.Count == 0)
        {
            throw CliInputException.AtOption("--as-of", $"no customer has a purchase on or before {arguments.AsOf.Value:yyyy-MM-dd}, so there is nothing to score.");
        }

        progress.Stage($"scoring {population.Count:N0} customers");
        RfmModel model = strategy.Fit(population);
        var values = new CustomerValue[population.Count];
        model.Score(population, values);
        progress.Time("fit and score");

        progress.Stage($"writing {population.Count:N0} customers");
        using (CsvOutput output = CsvOutput.Create(arguments.OutPath, stdout))
        {
            foreach (string name in RfmModel.CsvHeader.Split(','))
            {
                output.Text(name);
            }

            output.EndRecord();
            foreach (CustomerValue value in values)
            {
                RfmScore cell = value.Rfm!.Value;
                output.Text(value.CustomerId.Value);
                output.Number(cell.Recency);
                output.Number(cell.Frequency);
                output.Number(cell.Monetary);
                output.Text(cell.ToCode());
                output.Number(value.Score);
                output.Text(value.Segment!);
                output.EndRecord();
            }
        }

        progress.Time("write");
        return ExitCodes.Success;
    }
}
