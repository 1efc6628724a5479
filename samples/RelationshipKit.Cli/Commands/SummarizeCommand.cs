using System.CommandLine;
using RelationshipKit.Cli.Infrastructure;
using RelationshipKit.Summaries;

namespace RelationshipKit.Cli.Commands;

/// <summary>The arguments of <c>relkit summarize</c>.</summary>
/// <param name="TransactionsPath">The input CSV file.</param>
/// <param name="Columns">The names of its customer, date, amount and (optional) order columns.</param>
/// <param name="Period">How purchases merge (day, week, or each transaction on its own).</param>
/// <param name="TimeUnit">The unit of recency, T and holdout duration.</param>
/// <param name="CalibrationEnd">The end of the calibration period.</param>
/// <param name="ObservationEnd">The end of the holdout window, or <see langword="null"/> for no holdout columns.</param>
/// <param name="OutPath">The output file, or <see langword="null"/> for stdout.</param>
internal sealed record SummarizeArguments(
    string TransactionsPath,
    TransactionColumnNames Columns,
    PurchasePeriod Period,
    TimeUnit TimeUnit,
    CliDate CalibrationEnd,
    CliDate? ObservationEnd = null,
    string? OutPath = null);

/// <summary>
/// <c>relkit summarize</c>: per-customer summaries (frequency, recency, T, monetary value, and the holdout
/// figures) from a transactions CSV, with the definitions of Fader, Hardie and Lee.
/// </summary>
internal static class SummarizeCommand
{
    /// <summary>The output header without holdout columns.</summary>
    public const string Header = "customer_id,frequency,recency,T,monetary_value";

    /// <summary>The extra output columns with an observation end.</summary>
    public const string HoldoutHeader = "frequency_holdout,monetary_value_holdout,duration_holdout";

    public static Command Create()
    {
        Option<string> transactions = CliOptions.File("--transactions", "The transactions CSV file (RFC 4180, UTF-8, with a header line).", required: true);
        Option<string> customerColumn = CliOptions.Column("--customer-column", "The column holding the customer id (exact, case-sensitive header name).", required: true);
        Option<string> dateColumn = CliOptions.Column("--date-column", $"The column holding the purchase date: {DateParsing.Formats}. Dates without a time are UTC midnight.", required: true);
        Option<string> amountColumn = CliOptions.Column("--amount-column", "The column holding the amount (invariant culture, '.' as decimal point; negative for a refund).", required: true);
        Option<string> orderColumn = CliOptions.Column("--order-column", "Optional column holding an order id: a repeated order id of the same customer is counted once. Empty means none.", required: false);
        Option<string> period = CliOptions.Choice(
            "--period",
            "How purchases merge before counting: 'day' (all purchases of a UTC calendar day are one), 'week' (ISO weeks, Monday to Sunday), or 'transaction' (every row on its own, timed to the tick).",
            "day",
            "day",
            "week",
            "transaction");
        Option<string> timeUnit = CliOptions.Choice(
            "--time-unit",
            "The unit of recency, T and duration_holdout: day, week, month (365.25/12 days) or year (365.25 days).",
            "day",
            "day",
            "week",
            "month",
            "year");
        Option<CliDate?> calibrationEnd = CliOptions.Date(
            "--calibration-end",
            "The end of the calibration period; the period (day or week) that contains it is included. With --period transaction, a date without a time means the end of that day (23:59:59.9999999 UTC).",
            required: true);
        Option<CliDate?> observationEnd = CliOptions.Date(
            "--observation-end",
            "Optional end of the holdout window, in a later period than --calibration-end; adds the columns frequency_holdout, monetary_value_holdout and duration_holdout. With --period transaction, a date without a time means the end of that day.",
            required: false);
        Option<string> output = CliOptions.File("--out", "The output CSV file; stdout when omitted.", required: false);

        var command = new Command(
            "summarize",
            "Summarise a transaction log per customer, as in Fader, Hardie and Lee (2005): frequency = repeat purchase periods, " +
            "recency = time from the first to the last purchase period, T = time from the first purchase period to the calibration end, " +
            "monetary_value = mean spend of the repeat periods (the first excluded). Output: CSV with the header " + Header +
            " (plus " + HoldoutHeader + " with --observation-end), customers in the order they first appear, numbers in invariant culture and " +
            "shortest round-trip form. Exit codes: 0 success, 1 unexpected failure, 2 bad input (the message gives line and column).")
        {
            transactions,
            customerColumn,
            dateColumn,
            amountColumn,
            orderColumn,
            period,
            timeUnit,
            calibrationEnd,
            observationEnd,
            output,
        };

        command.SetAction(parseResult =>
        {
            var arguments = new SummarizeArguments(
                parseResult.GetRequiredValue(transactions),
                new TransactionColumnNames(
                    parseResult.GetRequiredValue(customerColumn),
                    parseResult.GetRequiredValue(dateColumn),
                    parseResult.GetRequiredValue(amountColumn),
                    parseResult.GetValue(orderColumn)),
                ParsePeriod(parseResult.GetRequiredValue(period)),
                ParseTimeUnit(parseResult.GetRequiredValue(timeUnit)),
                parseResult.GetValue(calibrationEnd)!.Value,
                parseResult.GetValue(observationEnd),
                parseResult.GetValue(output));
            return Run(arguments, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs the verb in-process (the benchmarks call this): reads, summarises, writes.</summary>
    /// <returns>The exit code: 0, 1 or 2.</returns>
    public static int Run(SummarizeArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return CommandRunner.Run(stderr, () => Execute(arguments, stdout, Progress.For(stderr)));
    }

    internal static PurchasePeriod ParsePeriod(string text) => text switch
    {
        "day" => PurchasePeriod.Day,
        "week" => PurchasePeriod.Week,
        "transaction" => PurchasePeriod.Transaction,
        _ => throw CliInputException.AtOption("--period", $"'{text}' is not one of day, week, transaction."),
    };

    internal static TimeUnit ParseTimeUnit(string text) => text switch
    {
        "day" => TimeUnit.Day,
        "week" => TimeUnit.Week,
        "month" => TimeUnit.Month,
        "year" => TimeUnit.Year,
        _ => throw CliInputException.AtOption("--time-unit", $"'{text}' is not one of day, week, month, year."),
    };

    private static int Execute(SummarizeArguments arguments, TextWriter stdout, Progress progress)
    {
        bool wholeDays = arguments.Period == PurchasePeriod.Transaction;
        DateTimeOffset calibrationEnd = wholeDays ? arguments.CalibrationEnd.EndOfDay : arguments.CalibrationEnd.Value;
        DateTimeOffset? observationEnd = arguments.ObservationEnd is { } obs ? (wholeDays ? obs.EndOfDay : obs.Value) : null;

        CustomerSummaryBuilder builder = new(new CustomerSummaryOptions { Period = arguments.Period, TimeUnit = arguments.TimeUnit });
        CustomerSummaryTable table;
        using (CsvInput input = CsvInput.Open(arguments.TransactionsPath))
        {
            using LoadedTransactions log = TransactionCsvLoader.Load(input, arguments.Columns, progress);
            progress.Stage($"summarising {log.Count:N0} rows of {log.Customers.Count:N0} customers");
            try
            {
                table = builder.Build(log.AsColumns(), calibrationEnd, observationEnd);
                progress.Time("summaries");
            }
            catch (InvalidTransactionException ex)
            {
                throw log.Explain(ex);
            }
            catch (ArgumentException ex) when (ex.ParamName == "observationEnd")
            {
                throw CliInputException.AtOption("--observation-end", ex);
            }
            catch (ArgumentException ex) when (ex.ParamName == "calibrationEnd")
            {
                throw CliInputException.AtOption("--calibration-end", ex);
            }
        }

        progress.Stage($"writing {table.Count:N0} customers");
        using (CsvOutput output = CsvOutput.Create(arguments.OutPath, stdout))
        {
            Write(table, output);
        }

        progress.Time("write");

        return ExitCodes.Success;
    }

    private static void Write(CustomerSummaryTable table, CsvOutput output)
    {
        foreach (string name in Header.Split(','))
        {
            output.Text(name);
        }

        if (table.HasHoldout)
        {
            foreach (string name in HoldoutHeader.Split(','))
            {
                output.Text(name);
            }
        }

        output.EndRecord();
        ReadOnlySpan<CustomerId> ids = table.CustomerIds;
        ReadOnlySpan<int> frequency = table.Frequency;
        ReadOnlySpan<double> recency = table.Recency;
        ReadOnlySpan<double> t = table.T;
        ReadOnlySpan<decimal> monetary = table.MonetaryValue;
        ReadOnlySpan<int> holdoutFrequency = table.FrequencyHoldout;
        ReadOnlySpan<decimal> holdoutMonetary = table.MonetaryValueHoldout;
        ReadOnlySpan<double> holdoutDuration = table.DurationHoldout;
        bool holdout = table.HasHoldout;
        for (int i = 0; i < ids.Length; i++)
        {
            output.Text(ids[i].Value);
            output.Number(frequency[i]);
            output.Number(recency[i]);
            output.Number(t[i]);
            output.Number(monetary[i]);
            if (holdout)
            {
                output.Number(holdoutFrequency[i]);
                output.Number(holdoutMonetary[i]);
                output.Number(holdoutDuration[i]);
            }

            output.EndRecord();
        }
    }
}
