using System.Globalization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation;

/// <summary>Reads the CDNOW transaction logs (whitespace-separated: id, [sample id,] yyyyMMdd, cds, dollars) into summaries.</summary>
internal static class CdnowData
{
    public static CustomerSummaryTable Summaries(string path, DateTimeOffset calibrationEnd)
    {
        var transactions = new List<Transaction>();
        foreach (string line in File.ReadLines(path))
        {
            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || !char.IsDigit(parts[0][0]))
            {
                continue;
            }

            string date = parts[^3];
            var at = new DateTimeOffset(
                DateTime.ParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture),
                TimeSpan.Zero);
            decimal amount = decimal.Parse(parts[^1], CultureInfo.InvariantCulture);
            transactions.Add(new Transaction(new CustomerId(parts[0]), at, amount));
        }

        var builder = new CustomerSummaryBuilder(null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        return builder.Build(transactions, calibrationEnd);
    }
}
