using System.Globalization;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Summaries;

/// <summary>
/// Golden tests on the CDNOW 1/10th sample (Fader, Hardie and Lee 2005): the published calibration summaries
/// (weeks 1-39, same-day purchases merged, calibration end 1997-09-30) and a holdout window to 1998-06-30.
/// </summary>
public sealed class CustomerSummaryGoldenTests
{
    private const int CdnowCustomers = 2357;

    // The published files round to 2 decimals; allow that plus floating-point noise.
    private const double Rounding = 0.005 + 1e-9;

    private static readonly CustomerSummaryOptions CdnowOptions = new() { Period = PurchasePeriod.Day, TimeUnit = TimeUnit.Week };

    private static IReadOnlyList<Transaction> CdnowLog() =>
        CdnowData.ReadSample()
            .Select(r => new Transaction(new CustomerId(r.SampleId), CdnowData.Utc(r.Date), r.Dollars))
            .ToList();

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    [InlineData(SummaryPath.Accumulator)]
    [InlineData(SummaryPath.AccumulatorReversed)]
    public void Build_CdnowSample_MatchesSummaryWithTransactions(SummaryPath path)
    {
        IReadOnlyDictionary<int, CdnowSummaryRow> expected = CdnowData.ReadSummary("cdnow_customers_summary_with_transactions.csv");
        expected.Should().HaveCount(CdnowCustomers);

        CustomerSummaryTable table = SummaryRunner.Summarize(path, CdnowLog(), CdnowOptions, SummaryRunner.Clock(), CdnowData.Utc(CdnowData.CalibrationEnd));

        table.Count.Should().Be(CdnowCustomers);
        table.TimeUnit.Should().Be(TimeUnit.Week);
        var seen = new HashSet<int>();
        for (int i = 0; i < table.Count; i++)
        {
            int id = int.Parse(table.CustomerIds[i].Value, CultureInfo.InvariantCulture);
            seen.Add(id).Should().BeTrue("customer {0} appears once", id);
            expected.Should().ContainKey(id);
            CdnowSummaryRow row = expected[id];
            table.Frequency[i].Should().Be(row.X, "x of customer {0}", id);
            table.Recency[i].Should().BeApproximately(row.Tx, Rounding, "t_x of customer {0}", id);
            table.T[i].Should().BeApproximately(row.T, Rounding, "T of customer {0}", id);
            ((double)table.MonetaryValue[i]).Should().BeApproximately(row.Zbar!.Value, Rounding, "zbar of customer {0}", id);
        }

        seen.Should().HaveCount(CdnowCustomers);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    [InlineData(SummaryPath.Accumulator)]
    public void Build_CdnowSample_MatchesCustomersSummary(SummaryPath path)
    {
        IReadOnlyDictionary<int, CdnowSummaryRow> expected = CdnowData.ReadSummary("cdnow_customers_summary.csv");
        expected.Should().HaveCount(CdnowCustomers);

        CustomerSummaryTable table = SummaryRunner.Summarize(path, CdnowLog(), CdnowOptions, SummaryRunner.Clock(), CdnowData.Utc(CdnowData.CalibrationEnd));

        table.Count.Should().Be(CdnowCustomers);
        for (int i = 0; i < table.Count; i++)
        {
            CdnowSummaryRow row = expected[int.Parse(table.CustomerIds[i].Value, CultureInfo.InvariantCulture)];
            table.Frequency[i].Should().Be(row.X, "frequency of customer {0}", row.Id);
            table.Recency[i].Should().BeApproximately(row.Tx, Rounding, "recency of customer {0}", row.Id);
            table.T[i].Should().BeApproximately(row.T, Rounding, "T of customer {0}", row.Id);
        }
    }

    [Fact]
    public void Build_CdnowSample_AggregatesMatchPublishedFile()
    {
        // Whole-population totals of the published file: a second view on the same golden.
        IReadOnlyDictionary<int, CdnowSummaryRow> expected = CdnowData.ReadSummary("cdnow_customers_summary_with_transactions.csv");
        CustomerSummaryTable table = new CustomerSummaryBuilder(CdnowOptions, SummaryRunner.Clock()).Build(CdnowLog(), CdnowData.Utc(CdnowData.CalibrationEnd));

        int repeaters = 0;
        long totalX = 0;
        foreach (int x in table.Frequency)
        {
            repeaters += x > 0 ? 1 : 0;
            totalX += x;
        }

        repeaters.Should().Be(expected.Values.Count(r => r.X > 0)).And.Be(946, "the README states 946 customers with x > 0");
        totalX.Should().Be(expected.Values.Sum(r => (long)r.X));
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    [InlineData(SummaryPath.Accumulator)]
    [InlineData(SummaryPath.AccumulatorReversed)]
    public void Build_CdnowSampleWithHoldout_MatchesLifetimesCalibrationAndHoldoutSemantics(SummaryPath path)
    {
        IReadOnlyList<CdnowRow> raw = CdnowData.ReadSample();
        Dictionary<string, LifetimesRow> expected = LifetimesCalibrationAndHoldout(raw, CdnowData.CalibrationEnd, CdnowData.ObservationEnd, daysPerUnit: 7);
        expected.Should().HaveCount(CdnowCustomers);

        IReadOnlyList<Transaction> log = raw.Select(r => new Transaction(new CustomerId(r.SampleId), CdnowData.Utc(r.Date), r.Dollars)).ToList();
        CustomerSummaryTable table = SummaryRunner.Summarize(
            path, log, CdnowOptions, SummaryRunner.Clock(), CdnowData.Utc(CdnowData.CalibrationEnd), CdnowData.Utc(CdnowData.ObservationEnd));

        table.HasHoldout.Should().BeTrue();
        table.Count.Should().Be(CdnowCustomers);
        for (int i = 0; i < table.Count; i++)
        {
            string id = table.CustomerIds[i].Value;
            LifetimesRow e = expected[id];
            table.Frequency[i].Should().Be(e.Frequency, "frequency of {0}", id);
            table.Recency[i].Should().Be(e.Recency, "recency of {0}", id);
            table.T[i].Should().Be(e.T, "T of {0}", id);
            table.MonetaryValue[i].Should().Be(e.MonetaryValue, "monetary value of {0}", id);
            table.FrequencyHoldout[i].Should().Be(e.FrequencyHoldout, "frequency_holdout of {0}", id);
            table.MonetaryValueHoldout[i].Should().Be(e.MonetaryValueHoldout, "monetary_value_holdout of {0}", id);
            table.DurationHoldout[i].Should().Be(e.DurationHoldout, "duration_holdout of {0}", id);
        }

        // Totals over the population, independently of the row-by-row check.
        int holdoutPeriods = 0;
        foreach (int f in table.FrequencyHoldout)
        {
            holdoutPeriods += f;
        }

        holdoutPeriods.Should().Be(expected.Values.Sum(r => r.FrequencyHoldout));
        table.DurationHoldout[0].Should().Be(39d, "1997-09-30 to 1998-06-30 is 273 days = 39 weeks");
    }

    [Fact]
    public void Build_CdnowSampleWithHoldout_HistoryMatchesRawFile()
    {
        IReadOnlyList<CdnowRow> raw = CdnowData.ReadSample();
        IReadOnlyList<Transaction> log = raw.Select(r => new Transaction(new CustomerId(r.SampleId), CdnowData.Utc(r.Date), r.Dollars)).ToList();
        CustomerSummaryTable table = new CustomerSummaryBuilder(CdnowOptions, SummaryRunner.Clock())
            .Build(log, CdnowData.Utc(CdnowData.CalibrationEnd), CdnowData.Utc(CdnowData.ObservationEnd));

        var calibration = raw.Where(r => r.Date <= CdnowData.CalibrationEnd).GroupBy(r => r.SampleId).ToDictionary(g => g.Key);
        table.HasHistory.Should().BeTrue();
        for (int i = 0; i < table.Count; i++)
        {
            var rows = calibration[table.CustomerIds[i].Value];
            table.FirstPurchase[i].Should().Be(CdnowData.Utc(rows.Min(r => r.Date)));
            table.LastPurchase[i].Should().Be(CdnowData.Utc(rows.Max(r => r.Date)));
            table.OrderCount[i].Should().Be(rows.Count(), "each CDNOW record is one purchase transaction");
            table.TotalSpend[i].Should().Be(rows.Sum(r => r.Dollars));
        }

        decimal total = 0m;
        foreach (decimal s in table.TotalSpend)
        {
            total += s;
        }

        total.Should().Be(raw.Where(r => r.Date <= CdnowData.CalibrationEnd).Sum(r => r.Dollars));
    }

    private sealed record LifetimesRow(int Frequency, double Recency, double T, decimal MonetaryValue, int FrequencyHoldout, decimal MonetaryValueHoldout, double DurationHoldout);

    /// <summary>
    /// lifetimes' calibration_and_holdout_data(freq='D', freq_multiplier=daysPerUnit, monetary_value_col) written
    /// out with LINQ: calibration = rows dated up to the calibration end, summarised with the Fader-Hardie
    /// definitions on daily periods; holdout = rows after it up to the observation end, counted as distinct days
    /// with their mean daily spend, for calibration customers only (left join, missing = 0);
    /// duration_holdout = days between the two ends / multiplier.
    /// </summary>
    private static Dictionary<string, LifetimesRow> LifetimesCalibrationAndHoldout(IReadOnlyList<CdnowRow> raw, DateOnly calibrationEnd, DateOnly observationEnd, double daysPerUnit)
    {
        double durationHoldout = (observationEnd.DayNumber - calibrationEnd.DayNumber) / daysPerUnit;
        var holdout = raw
            .Where(r => r.Date > calibrationEnd && r.Date <= observationEnd)
            .GroupBy(r => r.SampleId)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var days = g.GroupBy(r => r.Date).Select(d => d.Sum(r => r.Dollars)).ToList();
                    return (Count: days.Count, Mean: days.Sum() / days.Count);
                });

        return raw
            .Where(r => r.Date <= calibrationEnd)
            .GroupBy(r => r.SampleId)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var days = g.GroupBy(r => r.Date).Select(d => (Date: d.Key, Spend: d.Sum(r => r.Dollars))).OrderBy(d => d.Date).ToList();
                    int x = days.Count - 1;
                    DateOnly first = days[0].Date;
                    DateOnly last = days[^1].Date;
                    (int Count, decimal Mean) h = holdout.TryGetValue(g.Key, out var found) ? found : (0, 0m);
                    return new LifetimesRow(
                        x,
                        (last.DayNumber - first.DayNumber) / daysPerUnit,
                        (calibrationEnd.DayNumber - first.DayNumber) / daysPerUnit,
                        x == 0 ? 0m : days.Skip(1).Sum(d => d.Spend) / x,
                        h.Count,
                        h.Mean,
                        durationHoldout);
                });
    }
}
