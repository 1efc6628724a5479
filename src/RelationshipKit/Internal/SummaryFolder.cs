using RelationshipKit.Summaries;

namespace RelationshipKit.Internal;

/// <summary>
/// Folds one customer's purchase periods, presented in increasing key order, into summary figures.
/// The batch builder and the incremental accumulator both use it, so they agree exactly.
/// </summary>
internal struct SummaryFolder
{
    private readonly long _calibrationKey;
    private readonly long _observationKey; // long.MinValue when there is no holdout window

    private bool _hasFirst;
    private long _firstKey;
    private long _lastKey;
    private decimal _firstSpend;
    private decimal _repeatSpend;
    private decimal _totalSpend;
    private int _repeatPeriods;
    private int _orders;
    private DateTimeOffset _firstAt;
    private DateTimeOffset _lastAt;
    private int _holdoutPeriods;
    private decimal _holdoutSpend;

    public SummaryFolder(long calibrationKey, long observationKey)
    {
        _calibrationKey = calibrationKey;
        _observationKey = observationKey;
    }

    public readonly bool HasPurchase => _hasFirst;

    /// <summary>Adds one period. <paramref name="purchases"/> is the count of non-refund transactions in it.</summary>
    public void Add(long key, decimal spend, int purchases, DateTimeOffset firstPurchaseAt, DateTimeOffset lastPurchaseAt)
    {
        if (key <= _calibrationKey)
        {
            _totalSpend = DecimalArithmetic.Add(_totalSpend, spend);
            if (purchases == 0)
            {
                return;
            }

            _orders += purchases;
            if (!_hasFirst)
            {
                _hasFirst = true;
                _firstKey = key;
                _firstSpend = spend;
                _firstAt = firstPurchaseAt;
            }
            else
            {
                _repeatPeriods++;
                _repeatSpend = DecimalArithmetic.Add(_repeatSpend, spend);
            }

            _lastKey = key;
            _lastAt = lastPurchaseAt;
        }
        else if (key <= _observationKey && _hasFirst && purchases > 0)
        {
            _holdoutPeriods++;
            _holdoutSpend = DecimalArithmetic.Add(_holdoutSpend, spend);
        }
    }

    public readonly int Frequency => _repeatPeriods;

    public readonly decimal MonetaryValue => _repeatPeriods == 0 ? 0m : DecimalArithmetic.Divide(_repeatSpend, _repeatPeriods);

    public readonly double Recency(in Periodizer periodizer, double ticksPerUnit) =>
        (periodizer.StartOf(_lastKey) - periodizer.StartOf(_firstKey)) / ticksPerUnit;

    public readonly double Age(in Periodizer periodizer, double ticksPerUnit) =>
        (periodizer.StartOf(_calibrationKey) - periodizer.StartOf(_firstKey)) / ticksPerUnit;

    public readonly PurchaseHistory History => new(_firstAt, _lastAt, _orders, _totalSpend);

    public readonly int HoldoutFrequency => _holdoutPeriods;

    public readonly decimal HoldoutMonetaryValue => _holdoutPeriods == 0 ? 0m : DecimalArithmetic.Divide(_holdoutSpend, _holdoutPeriods);

    /// <summary>Earliest of two purchase times; equal instants tie-break on the smaller offset so that order never matters.</summary>
    public static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) =>
        a.UtcTicks < b.UtcTicks || (a.UtcTicks == b.UtcTicks && a.Offset <= b.Offset) ? a : b;

    /// <summary>Latest of two purchase times; equal instants tie-break on the larger offset so that order never matters.</summary>
    public static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) =>
        a.UtcTicks > b.UtcTicks || (a.UtcTicks == b.UtcTicks && a.Offset >= b.Offset) ? a : b;
}
