using System.Globalization;

namespace RelationshipKit.Tests.TestData;

/// <summary>One row of CDNOW_sample.txt.</summary>
internal sealed record CdnowRow(string MasterId, string SampleId, DateOnly Date, int Cds, decimal Dollars);

/// <summary>One row of cdnow_customers_summary_with_transactions.csv (or, with zbar absent, cdnow_customers_summary.csv).</summary>
internal sealed record CdnowSummaryRow(int Id, int X, double Tx, double T, double? Zbar);

/// <summary>Readers for the CDNOW reference files described in ../shared/data/README.md.</summary>
internal static class CdnowData
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly ObservationEnd = new(1998, 6, 30);

    /// <summary>Whitespace-separated, no header: master_id, sample_id, date (YYYYMMDD), number_of_cds, dollar_value.</summary>
    public static IReadOnlyList<CdnowRow> ReadSample()
    {
        var rows = new List<CdnowRow>();
        foreach (string line in File.ReadLines(SharedData.PathOf("CDNOW_sample.txt")))
        {
            string[] f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            f.Length.Should().Be(5, "every CDNOW_sample.txt line has five columns: '{0}'", line);
            rows.Add(new CdnowRow(
                f[0],
                f[1],
                DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                int.Parse(f[3], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], NumberStyles.Number, CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Reads a summary CSV with header ID,x,t_x,T[,zbar] (or ID,frequency,recency,T), CRLF or LF.</summary>
    public static IReadOnlyDictionary<int, CdnowSummaryRow> ReadSummary(string file)
    {
        string[] lines = File.ReadAllText(SharedData.PathOf(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].TrimEnd('\r').Split(',');
        bool hasZbar = header.Length == 5;
        var rows = new Dictionary<int, CdnowSummaryRow>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.TrimEnd('\r').Split(',');
            f.Length.Should().Be(header.Length);
            var row = new CdnowSummaryRow(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                hasZbar ? double.Parse(f[4], CultureInfo.InvariantCulture) : null);
            rows.Add(row.Id, row);
        }

        return rows;
    }

    /// <summary>Midnight UTC of a date.</summary>
    public static DateTimeOffset Utc(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
