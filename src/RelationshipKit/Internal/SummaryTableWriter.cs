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
    private readonly long _calibrationStart;
    private int _count;
    private int _idCount;

    public SummaryTableWriter(int capacity, Periodizer periodizer, TimeUnit unit, long calibrationKey, long? observationKey)
    {
        _periodizer = periodizer;
        _unit = unit;
        _ticksPerUnit = unit.GetTicks();
        _calibrationStart = periodizer.StartOf(calibrationKey);
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

    /// <summary>The rows written so far (values; the ids may lag behind until <see cref="AddIds"/>).</summary>
    public int Count => _count;

    /// <summary>Adds a customer: its id and its folded figures.</summary>
    public void Add(CustomerId id, in SummaryFolder folder)
    {
        _ids[_idCount++] = id;
        Add(folder);
    }

    /// <summary>Adds a customer's folded figures; its id comes with <see cref="AddIds"/>.</summary>
    public void Add(in SummaryFolder folder)
    {
        int i = _count++;
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

    /// <summary>
    /// Adds a customer's figures computed without a <see cref="SummaryFolder"/>, with the same meaning and the same
    /// arithmetic (recency and T from the keys of the first and last calibration periods, exactly as
    /// <see cref="SummaryFolder.Recency"/> and <see cref="SummaryFolder.Age"/> compute them); its id comes with
    /// <see cref="AddIds"/>.
    /// </summary>
    public void Add(
        int frequency,
        long firstKey,
        long lastKey,
        in decimal monetaryValue,
        in DateTimeOffset firstPurchase,
        in DateTimeOffset lastPurchase,
        int orders,
        in decimal totalSpend,
        int holdoutFrequency,
        in decimal holdoutMonetaryValue)
    {
        int i = _count++;
        _frequency[i] = frequency;
        _recency[i] = (_periodizer.StartOf(lastKey) - _periodizer.StartOf(firstKey)) / _ticksPerUnit;
        _t[i] = (_calibrationStart - _periodizer.StartOf(firstKey)) / _ticksPerUnit;
        _monetary[i] = monetaryValue;
        _first[i] = firstPurchase;
        _last[i] = lastPurchase;
        _orders[i] = orders;
        _total[i] = totalSpend;
        if (_holdoutFrequency is not null)
        {
            _holdoutFrequency[i] = holdoutFrequency;
            _holdoutMonetary![i] = holdoutMonetaryValue;
            _holdoutDurations![i] = _holdoutDuration!.Value;
        }
    }

    /// <summary>Adds the ids of the next customers, in order (a bulk copy).</summary>
    public void AddIds(ReadOnlySpan<CustomerId> ids)
    {
        ids.CopyTo(_ids.AsSpan(_idCount));
        _idCount += ids.Length;
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

    public CustomerSummaryTable ToTable()
    {
        if (_idCount != _count)
        {
            throw new InvalidOperationException($"{_idCount} ids for {_count} rows of summaries.");
        }

        return new(_count, _unit, _ids, _frequency, _recency, _t, _monetary, _first, _last, _orders, _total, _holdoutFrequency, _holdoutMonetary, _holdoutDurations);
    }
}
