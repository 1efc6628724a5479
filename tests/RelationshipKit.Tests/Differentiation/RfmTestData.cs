using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation;

/// <summary>Builds small summary tables for RFM and tier tests.</summary>
internal static class RfmTestData
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A summary without history: x repeat periods, t_x, T, mean repeat spend.</summary>
    public static CustomerSummary Summary(string id, int x, double tx, double t, decimal monetary = 0m) =>
        CustomerSummary.Create(new CustomerId(id), x, x == 0 ? 0 : tx, t, TimeUnit.Day, x == 0 ? 0m : monetary);

    public static CustomerSummaryTable Table(params CustomerSummary[] summaries) => CustomerSummaryTable.FromSummaries(summaries);

    /// <summary>
    /// A table (no history) in which the frequency value x + 1 of customer i is <paramref name="frequencyValues"/>[i];
    /// recency T − t_x is 10 for everyone and monetary (Average basis) is 0.
    /// </summary>
    public static CustomerSummaryTable FrequencyTable(IReadOnlyList<string> ids, IReadOnlyList<int> frequencyValues)
    {
        var summaries = new CustomerSummary[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            int x = frequencyValues[i] - 1;
            summaries[i] = Summary(ids[i], x, x == 0 ? 0 : 50, x == 0 ? 10 : 60, x == 0 ? 0m : 1m);
        }

        return CustomerSummaryTable.FromSummaries(summaries);
    }

    /// <summary>
    /// A table with history built from transactions: customer i buys on <c>days[i]</c> (days after <see cref="Start"/>)
    /// with the given amounts; calibration end = Start + <paramref name="endDay"/> days.
    /// </summary>
    public static CustomerSummaryTable HistoryTable(int endDay, params (string Id, int Day, decimal Amount)[] purchases)
    {
        var builder = new CustomerSummaryBuilder(null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddYears(10)));
        Transaction[] transactions = purchases
            .Select(p => new Transaction(new CustomerId(p.Id), Start.AddDays(p.Day).AddHours(12), p.Amount))
            .ToArray();
        return builder.Build(transactions, Start.AddDays(endDay));
    }

    public static string[] Ids(int n, string prefix = "c") => Enumerable.Range(0, n).Select(i => $"{prefix}{i:D4}").ToArray();
}
