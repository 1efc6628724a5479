using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>Collects folded customers into the columns of a <see cref="CustomerSummaryTable"/>.</summary>
internal sealed class SummaryTableWriter
{
    private readonly Periodizer _periodizer;
    private readonly TimeUnit _unit;
    private readonly double _ticksPerUnit;
    private readonly double? _holdoutDuration;
    private readonly CustomerId[] _ids;
    private readonly int[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _t;
    private readonly decimal[] _monetary;
    private readonly DateTimeOffset[] _first;
    private readonly DateTimeOffset[] _last;
    private readonly int[] _orders;
    private readonly decimal[] _total;
    private readonly int[]? _holdoutFrequency;
    private readonly decimal[]? _holdoutMonetary;
    private readonly double[]? _holdoutDurations;
    private int _count;

    public SummaryTableWriter(int capacity, Periodizer periodizer, TimeUnit unit, long calibrationKey, long? observationKey)
    {
        _periodizer = periodizer;
        _unit = unit;
        _ticksPerUnit = unit.GetTicks();
        // The value columns are not zeroed first: Add writes every row up to the table's count, and the table never
        // shows rows past it (a million customers make some 90 MB of columns, which clearing would write once more).
        _ids = new CustomerId[capacity];
        _frequency = GC.AllocateUninitializedArray<int>(capacity);
        _recency = GC.AllocateUninitializedArray<double>(capacity);
        _t = GC.AllocateUninitializedArray<double>(capacity);
        _monetary = GC.AllocateUninitializedArray<decimal>(capacity);
        _first = GC.AllocateUninitializedArray<DateTimeOffset>(capacity);
        _last = GC.AllocateUninitializedArray<DateTimeOffset>(capacity);
        _orders = GC.AllocateUninitializedArray<int>(capacity);
        _total = GC.AllocateUninitializedArray<decimal>(capacity);
        if (observationKey is { } obs)
        {
            _holdoutDuration = (periodizer.StartOf(obs) - periodizer.StartOf(calibrationKey)) / _ticksPerUnit;
            _holdoutFrequency = GC.AllocateUninitializedArray<int>(capacity);
            _holdoutMonetary = GC.AllocateUninitializedArray<decimal>(capacity);
            _holdoutDurations = GC.AllocateUninitializedArray<double>(capacity);
        }
    }

    public void Add(CustomerId id, in SummaryFolder folder)
    {
        int i = _count++;
        _ids[i] = id;
        _frequency[i] = folder.Frequency;
        _recency[i] = folder.Recency(_periodizer, _ticksPerUnit);
        _t[i] = folder.Age(_periodizer, _ticksPerUnit);
        _monetary[i] = folder.MonetaryValue;
        PurchaseHistory history = folder.History;
        _first[i] = history.FirstPurchase;
        _last[i] = history.LastPurchase;
        _orders[i] = history.OrderCount;
        _total[i] = history.TotalSpend;
        if (_holdoutFrequency is not null)
        {
            _holdoutFrequency[i] = folder.HoldoutFrequency;
            _holdoutMonetary![i] = folder.HoldoutMonetaryValue;
            _holdoutDurations![i] = _holdoutDuration!.Value;
        }
    }

    public CustomerSummary Single(CustomerId id, in SummaryFolder folder)
    {
        HoldoutSummary? holdout = _holdoutDuration is { } d ? new HoldoutSummary(folder.HoldoutFrequency, folder.HoldoutMonetaryValue, d) : null;
        return new CustomerSummary(
            id,
            _unit,
            folder.Frequency,
            folder.Recency(_periodizer, _ticksPerUnit),
            folder.Age(_periodizer, _ticksPerUnit),
            folder.MonetaryValue,
            folder.History,
            holdout);
    }

    public CustomerSummaryTable ToTable() =>
        new(_count, _unit, _ids, _frequency, _recency, _t, _monetary, _first, _last, _orders, _total, _holdoutFrequency, _holdoutMonetary, _holdoutDurations);
}
