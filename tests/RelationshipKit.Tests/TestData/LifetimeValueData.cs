using System.Globalization;

namespace RelationshipKit.Tests.TestData;

/// <summary>Reads the CDNOW and donations reference files (../shared/data) into columns.</summary>
internal static class LifetimeValueData
{
    internal sealed record Cdnow(int[] Frequency, double[] Recency, double[] T, double[] Spend);

    internal sealed record Donations(int[] Frequency, int[] Recency, int[] Periods, double[] Weights);

    private static readonly Lazy<Cdnow> CdnowData = new(() => ReadCdnow(SharedData.PathOf("cdnow_customers_summary_with_transactions.csv")));

    public static Cdnow LoadCdnow()
    {
        // Resolve the path first so that the test skips (or fails under CI) when the data are absent.
        SharedData.PathOf("cdnow_customers_summary_with_transactions.csv");
        return CdnowData.Value;
    }

    public static Cdnow LoadCdnowSummary()
    {
        string path = SharedData.PathOf("cdnow_customers_summary.csv");
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return new Cdnow(
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray(),
            new double[rows.Length]);
    }

    public static Donations LoadDonations()
    {
        string path = SharedData.PathOf("donations.csv");
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return new Donations(
            rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray());
    }

    private static Cdnow ReadCdnow(string path)
    {
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return new Cdnow(
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToArray());
    }
}
