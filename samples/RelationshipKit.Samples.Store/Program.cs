using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit;
using RelationshipKit.Simulation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// A simulated shop, run end to end on an embedded default: two years of purchases by a customer base that
/// buys and drops out as real customers do (BG/NBD with Gamma-Gamma spend), turned into per-customer
/// summaries both in batch (nightly) and one purchase at a time (in-process), with a report.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int customers = 100_000;
        ulong seed = 2026;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--customers" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int n) && n > 0:
                    customers = n;
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], CultureInfo.InvariantCulture, out ulong s):
                    seed = s;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine("usage: dotnet run --project samples/RelationshipKit.Samples.Store [-- --customers N] [--seed S]");
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var calibrationEnd = new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);

        // The host: the library registered through DI, with weekly summaries (the unit of the CLV models).
        using ServiceProvider services = new ServiceCollection()
            .AddRelationshipKit(o => o.Summaries.TimeUnit = TimeUnit.Week)
            .Services
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Progress($"simulating {customers:N0} customers over two years");
        SimulatedTransactions shop = new TransactionSimulator(new TransactionSimulatorOptions
        {
            CustomerCount = customers,
            Seed = seed,
            Start = start,
            End = end,
            AcquisitionWindow = TimeSpan.FromDays(180),
            Order = SimulatedTransactionOrder.ByTime,
        }).Simulate();

        // Nightly batch: the whole log at once, with a holdout window to check what the first 18 months foretold.
        Progress($"summarising {shop.Count:N0} transactions in batch");
        CustomerSummaryBuilder builder = services.GetRequiredService<CustomerSummaryBuilder>();
        long t0 = Stopwatch.GetTimestamp();
        CustomerSummaryTable table = builder.Build(shop.AsColumns(), calibrationEnd, end);
        TimeSpan batchTime = Stopwatch.GetElapsedTime(t0);

        // In-process: the same purchases arrive one at a time, as a web shop sees them.
        Progress("replaying the purchases one at a time into the in-process accumulator");
        CustomerSummaryAccumulator live = services.GetRequiredService<CustomerSummaryAccumulator>();
        t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < shop.Count; i++)
        {
            live.Add(new Transaction(shop.Customers[shop.CustomerIndex[i]], shop.OccurredAt[i], shop.Amounts[i]));
        }

        TimeSpan liveTime = Stopwatch.GetElapsedTime(t0);
        CustomerSummaryTable liveTable = live.ToTable(calibrationEnd, end);
        int mismatches = CountMismatches(table, liveTable);

        Report(shop, table, batchTime, liveTime, mismatches, services.GetRequiredService<IOptions<RelationshipKitOptions>>().Value);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:F1} s."));
        return mismatches == 0 ? 0 : 1;
    }

    private static void Report(SimulatedTransactions shop, CustomerSummaryTable table, TimeSpan batchTime, TimeSpan liveTime, int mismatches, RelationshipKitOptions options)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("RelationshipKit store sample");
        Console.WriteLine("============================");
        Console.WriteLine(string.Create(c, $"Customers: {shop.CustomerCount:N0}   transactions: {shop.Count:N0}   period: {shop.Start:yyyy-MM-dd} to {shop.End:yyyy-MM-dd}"));
        Console.WriteLine(string.Create(c, $"Summaries: {table.Count:N0} customers, {options.Summaries.Period.ToString().ToLowerInvariant()} periods, in {table.TimeUnit.ToString().ToLowerInvariant()}s; calibration to 2025-06-30, holdout to 2026-01-01"));
        Console.WriteLine(string.Create(c, $"Batch build: {batchTime.TotalMilliseconds:F0} ms   one-at-a-time: {liveTime.TotalMilliseconds:F0} ms ({liveTime.TotalMilliseconds * 1e6 / Math.Max(1, shop.Count):F0} ns per purchase)   differences: {mismatches}"));

        ReadOnlySpan<int> x = table.Frequency;
        ReadOnlySpan<int> holdout = table.FrequencyHoldout;
        Console.WriteLine();
        Console.WriteLine("Repeat purchases in calibration (x) and what those customers did in the holdout");
        Console.WriteLine("   x   customers   share   mean holdout purchases");
        int[] bucketCount = new int[8];
        long[] bucketHoldout = new long[8];
        for (int i = 0; i < table.Count; i++)
        {
            int b = Math.Min(x[i], 7);
            bucketCount[b]++;
            bucketHoldout[b] += holdout[i];
        }

        for (int b = 0; b < bucketCount.Length; b++)
        {
            string label = b == 7 ? "7+" : b.ToString(c);
            double share = (double)bucketCount[b] / Math.Max(1, table.Count);
            double mean = bucketCount[b] == 0 ? 0 : (double)bucketHoldout[b] / bucketCount[b];
            Console.WriteLine(string.Create(c, $"{label,4}  {bucketCount[b],10:N0}  {share,6:P1}  {mean,10:F2}"));
        }

        Console.WriteLine();
        Console.WriteLine("Top 10 customers by spend up to the calibration end");
        Console.WriteLine("  customer         orders   x   recency(w)   T(w)   total spend   mean repeat spend");
        int[] order = Enumerable.Range(0, table.Count).ToArray();
        decimal[] spend = table.TotalSpend.ToArray();
        Array.Sort(spend, order);
        for (int k = 0; k < Math.Min(10, order.Length); k++)
        {
            CustomerSummary s = table[order[order.Length - 1 - k]];
            PurchaseHistory h = s.History!.Value;
            Console.WriteLine(string.Create(c, $"  {s.CustomerId.Value,-15} {h.OrderCount,6} {s.Frequency,3} {s.Recency,12:F1} {s.T,6:F1} {h.TotalSpend,13:N2} {s.MonetaryValue,19:N2}"));
        }
    }

    private static int CountMismatches(CustomerSummaryTable a, CustomerSummaryTable b)
    {
        if (a.Count != b.Count)
        {
            return Math.Abs(a.Count - b.Count);
        }

        var index = new Dictionary<CustomerId, int>(b.Count);
        for (int i = 0; i < b.Count; i++)
        {
            index[b.CustomerIds[i]] = i;
        }

        int differences = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (!index.TryGetValue(a.CustomerIds[i], out int j) || !a[i].Equals(b[j]))
            {
                differences++;
            }
        }

        return differences;
    }

    private static void Progress(string message)
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine($"... {message}");
        }
    }
}
