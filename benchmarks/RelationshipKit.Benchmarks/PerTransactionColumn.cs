using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// "ns/tx": the mean time divided by the transactions one invocation processes
/// (<see cref="TransactionLog.TransactionsPerCustomer"/> times the <c>Customers</c> parameter).
/// </summary>
internal sealed class PerTransactionColumn : IColumn
{
    public string Id => nameof(PerTransactionColumn);

    public string ColumnName => "ns/tx";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time per transaction of the log (Mean / (10 x Customers))";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        object? customers = benchmarkCase.Parameters["Customers"];
        if (report?.ResultStatistics is null || customers is not int n || n <= 0)
        {
            return "-";
        }

        double perTransaction = report.ResultStatistics.Mean / ((double)n * TransactionLog.TransactionsPerCustomer);
        return perTransaction.ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
