using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using RelationshipKit.Cli.Infrastructure;
using RelationshipKit.Simulation;

namespace RelationshipKit.Cli.Commands;

/// <summary>The arguments of <c>relkit simulate</c>.</summary>
/// <param name="Options">The simulator's options (customers, seed, period, model parameters, order).</param>
/// <param name="OutPath">The output file.</param>
/// <param name="WithTime">Whether dates carry the time of day (yyyy-MM-ddTHH:mm:ssZ) rather than the date alone.</param>
internal sealed record SimulateArguments(TransactionSimulatorOptions Options, string OutPath, bool WithTime = false);

/// <summary>
/// <c>relkit simulate</c>: a synthetic transaction log (<c>customer_id,date,amount</c>) from a BG/NBD buying process
/// with Gamma-Gamma spend, deterministic per seed (see <see cref="TransactionSimulator"/>).
/// </summary>
internal static class SimulateCommand
{
    public const string Header = "customer_id,date,amount";

    public static Command Create()
    {
        var defaults = new TransactionSimulatorOptions();
        Option<int> customers = CliOptions.PositiveInt("--customers", "The number of customers; each makes a first purchase in the acquisition window.", required: true);
        var seed = new Option<ulong>("--seed")
        {
            Description = "The random seed: the same seed and options always give the same file.",
            DefaultValueFactory = _ => defaults.Seed,
            HelpName = "S",
        };
        Option<CliDate?> start = CliOptions.Date("--start", "The start of the simulated period (default 2023-01-01).");
        Option<CliDate?> end = CliOptions.Date("--end", "The end of the simulated period; no purchase is later (default 2024-07-01).");
        Option<double> acquisitionDays = CliOptions.NonNegativeDouble(
            "--acquisition-days",
            "First purchases are spread uniformly over this many days from --start (0 puts them all at --start).",
            defaults.AcquisitionWindow.TotalDays);
        Option<string> timeUnit = CliOptions.Choice("--time-unit", "The unit of the purchase rates lambda and of --alpha.", "week", "day", "week", "month", "year");
        Option<double> r = CliOptions.PositiveDouble("--r", "BG/NBD r: shape of the Gamma distribution of purchase rates lambda (mean rate r/alpha per time unit).", defaults.R);
        Option<double> alpha = CliOptions.PositiveDouble("--alpha", "BG/NBD alpha: rate (inverse scale) of the Gamma distribution of purchase rates, in time units.", defaults.Alpha);
        Option<double> a = CliOptions.PositiveDouble("--a", "BG/NBD a: first shape of the Beta distribution of the dropout probability p (mean a/(a+b)).", defaults.A);
        Option<double> b = CliOptions.PositiveDouble("--b", "BG/NBD b: second shape of the Beta distribution of the dropout probability p.", defaults.B);
        Option<double> p = CliOptions.PositiveDouble("--p", "Gamma-Gamma p: shape of the Gamma distribution of one purchase's value (rate nu).", defaults.P);
        Option<double> q = CliOptions.PositiveDouble("--q", "Gamma-Gamma q: shape of the Gamma distribution of nu across customers.", defaults.Q);
        Option<double> gamma = CliOptions.PositiveDouble("--gamma", "Gamma-Gamma gamma: rate of the Gamma distribution of nu (mean spend p*gamma/(q-1)).", defaults.Gamma);
        Option<string> order = CliOptions.Choice("--order", "Row order: 'time' (across customers, as real logs are) or 'customer' (customer by customer).", "time", "time", "customer");
        Option<string> dateFormat = CliOptions.Choice("--date-format", "'date' writes yyyy-MM-dd; 'datetime' writes yyyy-MM-ddTHH:mm:ssZ (UTC).", "date", "date", "datetime");
        Option<string> output = CliOptions.File("--out", "The output CSV file (customer_id,date,amount).", required: true);

        var command = new Command(
            "simulate",
            "Write a synthetic transaction log (CSV: " + Header + ") from a BG/NBD buying process (Fader, Hardie and Lee 2005) with " +
            "Gamma-Gamma spend. Each customer has a purchase rate lambda ~ Gamma(r, alpha), a dropout probability p ~ Beta(a, b) " +
            "(applied after each repeat purchase) and a spend rate nu ~ Gamma(q, gamma); each purchase is worth Gamma(p, nu), rounded to cents. " +
            "Defaults are CDNOW-like weekly estimates. Deterministic per seed.")
        {
            customers,
            seed,
            start,
            end,
            acquisitionDays,
            timeUnit,
            r,
            alpha,
            a,
            b,
            p,
            q,
            gamma,
            order,
            dateFormat,
            output,
        };

        command.SetAction(parseResult =>
        {
            var options = new TransactionSimulatorOptions
            {
                CustomerCount = parseResult.GetValue(customers),
                Seed = parseResult.GetValue(seed),
                Start = parseResult.GetValue(start)?.Value ?? defaults.Start,
                End = parseResult.GetValue(end)?.Value ?? defaults.End,
                AcquisitionWindow = TimeSpan.FromDays(parseResult.GetValue(acquisitionDays)),
                TimeUnit = SummarizeCommand.ParseTimeUnit(parseResult.GetRequiredValue(timeUnit)),
                R = parseResult.GetValue(r),
                Alpha = parseResult.GetValue(alpha),
                A = parseResult.GetValue(a),
                B = parseResult.GetValue(b),
                P = parseResult.GetValue(p),
                Q = parseResult.GetValue(q),
                Gamma = parseResult.GetValue(gamma),
                Order = parseResult.GetRequiredValue(order) == "customer" ? SimulatedTransactionOrder.ByCustomer : SimulatedTransactionOrder.ByTime,
            };
            var arguments = new SimulateArguments(options, parseResult.GetRequiredValue(output), parseResult.GetRequiredValue(dateFormat) == "datetime");
            return Run(arguments, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs the verb in-process.</summary>
    /// <returns>The exit code: 0, 1 or 2.</returns>
    public static int Run(SimulateArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return CommandRunner.Run(stderr, () => Execute(arguments, stdout, Progress.For(stderr)));
    }

    private static int Execute(SimulateArguments arguments, TextWriter stdout, Progress progress)
    {
        TransactionSimulator simulator;
        try
        {
            simulator = new TransactionSimulator(arguments.Options);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliInputException($"invalid simulation options: {string.Join(" ", ex.Failures)}", ex);
        }

        progress.Stage($"simulating {arguments.Options.CustomerCount:N0} customers");
        SimulatedTransactions log = simulator.Simulate();
        progress.Stage($"writing {log.Count:N0} transactions");
        using (CsvOutput output = CsvOutput.Create(arguments.OutPath, stdout))
        {
            foreach (string name in Header.Split(','))
            {
                output.Text(name);
            }

            output.EndRecord();
            // The simulator names customer i "i + 1" (documented), so the id is written from the index without
            // touching the id strings, which are scattered in memory when rows are in time order.
            System.Diagnostics.Debug.Assert(log.CustomerCount == 0 || log.Customers[^1].Value == log.CustomerCount.ToString(CultureInfo.InvariantCulture), "ids are 1..N");
            ReadOnlySpan<int> customerIndex = log.CustomerIndex;
            ReadOnlySpan<DateTimeOffset> occurredAt = log.OccurredAt;
            ReadOnlySpan<decimal> amounts = log.Amounts;
            for (int i = 0; i < customerIndex.Length; i++)
            {
                output.Number(customerIndex[i] + 1L);
                if (arguments.WithTime)
                {
                    output.DateTimeUtc(occurredAt[i]);
                }
                else
                {
                    output.Date(occurredAt[i]);
                }

                output.Money(amounts[i]);
                output.EndRecord();
                if ((i & 0xFFFF) == 0)
                {
                    progress.Report("writing", i, "transactions");
                }
            }
        }

        progress.Done();
        return ExitCodes.Success;
    }
}
