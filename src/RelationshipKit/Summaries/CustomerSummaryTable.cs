using System.Collections;
using RelationshipKit.Internal;

namespace RelationshipKit.Summaries;

/// <summary>
/// Summaries of many customers held as columns (struct-of-arrays), in first-seen order: the input of
/// population fits and span scoring. Row <c>i</c> of every column belongs to <c>CustomerIds[i]</c>.
/// </summary>
/// <remarks>
/// A table is immutable and thread-safe. Indexing it (<see cref="this[int]"/>) materialises one
/// <see cref="CustomerSummary"/>; bulk work should read the columns.
/// </remarks>
public sealed class CustomerSummaryTable : IReadOnlyList<CustomerSummary>
{
    private readonly CustomerId[] _ids;
    private readonly int[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _t;
    private readonly decimal[] _monetary;
    private readonly DateTimeOffset[]? _first;
    private readonly DateTimeOffset[]? _last;
    private readonly int[]? _orders;
    private readonly decimal[]? _total;
    private readonly int[]? _holdoutFrequency;
    private readonly decimal[]? _holdoutMonetary;
    private readonly double[]? _holdoutDuration;
    private readonly int _offset;
    private readonly OrdinalKeyCache _keyCache;

    internal CustomerSummaryTable(
        int count,
        TimeUnit timeUnit,
        CustomerId[] ids,
        int[] frequency,
        double[] recency,
        double[] t,
        decimal[] monetary,
        DateTimeOffset[]? first,
        DateTimeOffset[]? last,
        int[]? orders,
        decimal[]? total,
        int[]? holdoutFrequency,
        decimal[]? holdoutMonetary,
        double[]? holdoutDuration,
        int offset = 0,
        OrdinalKeyCache? keyCache = null)
    {
        Count = count;
        _offset = offset;
        TimeUnit = timeUnit;
        _ids = ids;
        _frequency = frequency;
        _recency = recency;
        _t = t;
        _monetary = monetary;
        _first = first;
        _last = last;
        _orders = orders;
        _total = total;
        _holdoutFrequency = holdoutFrequency;
        _holdoutMonetary = holdoutMonetary;
        _holdoutDuration = holdoutDuration;
        _keyCache = keyCache ?? new OrdinalKeyCache(ids, offset + count);
    }

    /// <summary>The number of customers.</summary>
    public int Count { get; }

    /// <summary>The unit of recency, T and holdout durations.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>Whether <see cref="FirstPurchase"/>, <see cref="LastPurchase"/>, <see cref="OrderCount"/> and <see cref="TotalSpend"/> are present (tables built from transactions).</summary>
    public bool HasHistory => _first is not null;

    /// <summary>Whether the holdout columns are present (tables built with an observation end).</summary>
    public bool HasHoldout => _holdoutFrequency is not null;

    /// <summary>The customers, in first-seen order.</summary>
    public ReadOnlySpan<CustomerId> CustomerIds => _ids.AsSpan(_offset, Count);

    /// <summary>x: repeat purchase periods.</summary>
    public ReadOnlySpan<int> Frequency => _frequency.AsSpan(_offset, Count);

    /// <summary>t_x: time from first to last purchase period, in <see cref="TimeUnit"/>.</summary>
    public ReadOnlySpan<double> Recency => _recency.AsSpan(_offset, Count);

    /// <summary>T: time from first purchase period to the calibration end, in <see cref="TimeUnit"/>.</summary>
    public ReadOnlySpan<double> T => _t.AsSpan(_offset, Count);

    /// <summary>Mean spend of the repeat purchase periods (0 when x = 0).</summary>
    public ReadOnlySpan<decimal> MonetaryValue => _monetary.AsSpan(_offset, Count);

    /// <summary>First purchase times; empty when <see cref="HasHistory"/> is false.</summary>
    public ReadOnlySpan<DateTimeOffset> FirstPurchase => _first is null ? default : _first.AsSpan(_offset, Count);

    /// <summary>Last purchase times up to the calibration end; empty when <see cref="HasHistory"/> is false.</summary>
    public ReadOnlySpan<DateTimeOffset> LastPurchase => _last is null ? default : _last.AsSpan(_offset, Count);

    /// <summary>Purchase transaction counts up to the calibration end; empty when <see cref="HasHistory"/> is false.</summary>
    public ReadOnlySpan<int> OrderCount => _orders is null ? default : _orders.AsSpan(_offset, Count);

    /// <summary>Net spend up to the calibration end; empty when <see cref="HasHistory"/> is false.</summary>
    public ReadOnlySpan<decimal> TotalSpend => _total is null ? default : _total.AsSpan(_offset, Count);

    /// <summary>Holdout purchase periods (<c>frequency_holdout</c>); empty when <see cref="HasHoldout"/> is false.</summary>
    public ReadOnlySpan<int> FrequencyHoldout => _holdoutFrequency is null ? default : _holdoutFrequency.AsSpan(_offset, Count);

    /// <summary>Mean holdout period spend (<c>monetary_value_holdout</c>); empty when <see cref="HasHoldout"/> is false.</summary>
    public ReadOnlySpan<decimal> MonetaryValueHoldout => _holdoutMonetary is null ? default : _holdoutMonetary.AsSpan(_offset, Count);

    /// <summary>Holdout window length in <see cref="TimeUnit"/> (<c>duration_holdout</c>); empty when <see cref="HasHoldout"/> is false.</summary>
    public ReadOnlySpan<double> DurationHoldout => _holdoutDuration is null ? default : _holdoutDuration.AsSpan(_offset, Count);

    /// <summary>
    /// The ids' ordinal keys (<see cref="OrdinalKeyColumn"/>), for comparing ids with RFM tie-breakers without reading
    /// their strings: built once per table and shared with its slices (16 bytes per customer).
    /// </summary>
    internal OrdinalKeyColumn IdKeyColumn => _keyCache.Column;

    /// <summary>The key column from its second request on (see <see cref="OrdinalKeyCache.ColumnOnReuse"/>).</summary>
    internal OrdinalKeyColumn? IdKeyColumnOnReuse() => _keyCache.ColumnOnReuse();

    /// <summary>The offset of this table's rows in the id array it shares (its key column's index of row 0).</summary>
    internal int Offset => _offset;

    /// <summary>The summary of the customer at <paramref name="index"/>.</summary>
    /// <param name="index">A row, from 0 to <see cref="Count"/> - 1.</param>
    /// <returns>A new summary object with that row's values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public CustomerSummary this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int i = _offset + index;
            PurchaseHistory? history = _first is null ? null : new PurchaseHistory(_first[i], _last![i], _orders![i], _total![i]);
            HoldoutSummary? holdout = _holdoutFrequency is null ? null : new HoldoutSummary(_holdoutFrequency[i], _holdoutMonetary![i], _holdoutDuration![i]);
            return new CustomerSummary(_ids[i], TimeUnit, _frequency[i], _recency[i], _t[i], _monetary[i], history, holdout);
        }
    }

    /// <summary>
    /// A view of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> - 1, sharing this
    /// table's columns (nothing is copied): for partitioned work such as scoring a table in parallel chunks.
    /// </summary>
    /// <param name="start">The first row of the view, from 0 to <see cref="Count"/>.</param>
    /// <param name="length">The number of rows, from 0 to <see cref="Count"/> - <paramref name="start"/>.</param>
    /// <returns>A table whose row <c>i</c> is this table's row <paramref name="start"/> + <c>i</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> or <paramref name="length"/> is outside the table.</exception>
    public CustomerSummaryTable Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Count - start);
        return new CustomerSummaryTable(
            length, TimeUnit, _ids, _frequency, _recency, _t, _monetary, _first, _last, _orders, _total,
            _holdoutFrequency, _holdoutMonetary, _holdoutDuration, _offset + start, _keyCache);
    }

    /// <summary>Collects summaries into a table, in the order given.</summary>
    /// <param name="summaries">Summaries in one time unit; either all or none carry history, and all or none carry holdout figures.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summaries mix time units, or mix summaries with and without history or holdout figures.</exception>
    public static CustomerSummaryTable FromSummaries(IEnumerable<CustomerSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        CustomerSummary[] items = summaries.ToArray();
        int n = items.Length;
        CustomerSummary? head = n > 0 ? items[0] ?? throw new ArgumentNullException(nameof(summaries), "Summary 0 is null.") : null;
        TimeUnit unit = head?.TimeUnit ?? TimeUnit.Day;
        bool history = head?.History.HasValue == true;
        bool holdout = head?.Holdout.HasValue == true;
        var ids = new CustomerId[n];
        var frequency = new int[n];
        var recency = new double[n];
        var t = new double[n];
        var monetary = new decimal[n];
        DateTimeOffset[]? first = history ? new DateTimeOffset[n] : null;
        DateTimeOffset[]? last = history ? new DateTimeOffset[n] : null;
        int[]? orders = history ? new int[n] : null;
        decimal[]? total = history ? new decimal[n] : null;
        int[]? hf = holdout ? new int[n] : null;
        decimal[]? hm = holdout ? new decimal[n] : null;
        double[]? hd = holdout ? new double[n] : null;
        for (int i = 0; i < n; i++)
        {
            CustomerSummary s = items[i] ?? throw new ArgumentNullException(nameof(summaries), $"Summary {i} is null.");
            if (s.TimeUnit != unit)
            {
                throw new ArgumentException($"Summary {i} ({s.CustomerId}) is in {s.TimeUnit}s but the first is in {unit}s.", nameof(summaries));
            }

            if (s.History.HasValue != history || s.Holdout.HasValue != holdout)
            {
                throw new ArgumentException($"Summary {i} ({s.CustomerId}) differs from the first in whether it has history or holdout figures.", nameof(summaries));
            }

            ids[i] = s.CustomerId;
            frequency[i] = s.Frequency;
            recency[i] = s.Recency;
            t[i] = s.T;
            monetary[i] = s.MonetaryValue;
            if (s.History is { } h)
            {
                first![i] = h.FirstPurchase;
                last![i] = h.LastPurchase;
                orders![i] = h.OrderCount;
                total![i] = h.TotalSpend;
            }

            if (s.Holdout is { } o)
            {
                hf![i] = o.Frequency;
                hm![i] = o.MonetaryValue;
                hd![i] = o.Duration;
            }
        }

        return new CustomerSummaryTable(n, unit, ids, frequency, recency, t, monetary, first, last, orders, total, hf, hm, hd);
    }

    /// <inheritdoc />
    public IEnumerator<CustomerSummary> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
