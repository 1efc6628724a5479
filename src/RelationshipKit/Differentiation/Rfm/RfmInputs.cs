using RelationshipKit.Internal;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// The customers an RFM strategy fits or a model scores, whichever form they come in (a summary table or an
/// <see cref="RfmPopulation"/>): the one place that turns either into the three dimensions' values, so that fitting
/// and scoring read the same numbers from both.
/// </summary>
internal readonly ref struct RfmInputs
{
    private readonly CustomerSummaryTable? _table;
    private readonly RfmPopulation? _population;

    public RfmInputs(CustomerSummaryTable table)
    {
        _table = table;
        Count = table.Count;
        TimeUnit = table.TimeUnit;
        HasHistory = table.HasHistory;
        Ids = table.CustomerIds;
    }

    /// <summary>The inputs of a <see cref="Source"/>: a <see cref="CustomerSummaryTable"/> or an <see cref="RfmPopulation"/>.</summary>
    public static RfmInputs Of(object source) => source is RfmPopulation population ? new RfmInputs(population) : new RfmInputs((CustomerSummaryTable)source);

    public RfmInputs(RfmPopulation population)
    {
        _population = population;
        Count = population.Count;
        TimeUnit = population.TimeUnit;
        HasHistory = true;
        Ids = population.CustomerIds;
    }

    public int Count { get; }

    /// <summary>The table or population these inputs read, for work handed to other threads (see <see cref="Of"/>).</summary>
    public object Source => (object?)_population ?? _table!;

    public TimeUnit TimeUnit { get; }

    /// <summary>Whether the monetary value comes from total spend (summaries with history, and populations).</summary>
    public bool HasHistory { get; }

    public ReadOnlySpan<CustomerId> Ids { get; }

    /// <summary>The ids' key column from its second request on; <see langword="null"/> at the first (see <see cref="OrdinalKeyCache.ColumnOnReuse"/>).</summary>
    public OrdinalKeyColumn? KeyColumnOnReuse() => _population is { } p ? p.IdKeyColumnOnReuse() : _table!.IdKeyColumnOnReuse();

    /// <summary>The rows' keys in <paramref name="column"/> (this input's own key column).</summary>
    public ReadOnlySpan<OrdinalPrefix> KeysIn(OrdinalKeyColumn column) => column.Keys.AsSpan(_table?.Offset ?? 0, Count);

    /// <summary>The stored recency column, when the inputs hold one (a population): the values <see cref="Recency"/> copies.</summary>
    public bool TryRecencyColumn(out ReadOnlySpan<double> recency)
    {
        recency = _population is { } p ? p.Recency : default;
        return _population is not null;
    }

    /// <summary>The stored purchase periods, when the inputs hold them (a population): the values of <see cref="Frequency"/> as integers.</summary>
    public bool TryPurchasePeriodColumn(out ReadOnlySpan<int> periods)
    {
        periods = _population is { } p ? p.PurchasePeriods : default;
        return _population is not null;
    }

    /// <summary>The stored monetary values per <paramref name="basis"/>, when the inputs hold them (a population's total spend).</summary>
    public bool TryMonetaryColumn(RfmMonetaryBasis basis, out ReadOnlySpan<double> monetary)
    {
        bool stored = _population is not null && basis == RfmMonetaryBasis.Total;
        monetary = stored ? _population!.TotalSpend : default;
        return stored;
    }

    /// <summary>Time since the last purchase period, T − t_x, of rows [start, start + destination.Length).</summary>
    public void Recency(int start, Span<double> destination)
    {
        if (_population is { } p)
        {
            p.Recency.Slice(start, destination.Length).CopyTo(destination);
            return;
        }

        ReadOnlySpan<double> tx = _table!.Recency.Slice(start, destination.Length);
        ReadOnlySpan<double> t = _table.T.Slice(start, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = t[i] - tx[i];
        }
    }

    /// <summary>Purchase periods, x + 1.</summary>
    public void Frequency(int start, Span<double> destination)
    {
        if (_population is { } p)
        {
            ReadOnlySpan<int> periods = p.PurchasePeriods.Slice(start, destination.Length);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = periods[i];
            }

            return;
        }

        ReadOnlySpan<int> x = _table!.Frequency.Slice(start, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + 1;
        }
    }

    /// <summary>The monetary value per <paramref name="basis"/> (see <see cref="RfmModel.MonetaryValueOf"/>).</summary>
    public void Monetary(int start, Span<double> destination, RfmMonetaryBasis basis)
    {
        int length = destination.Length;
        if (_population is { } p)
        {
            ReadOnlySpan<double> total = p.TotalSpend.Slice(start, length);
            if (basis == RfmMonetaryBasis.Total)
            {
                total.CopyTo(destination);
                return;
            }

            ReadOnlySpan<int> periods = p.PurchasePeriods.Slice(start, length);
            for (int i = 0; i < length; i++)
            {
                destination[i] = total[i] / periods[i];
            }

            return;
        }

        CustomerSummaryTable table = _table!;
        ReadOnlySpan<int> x = table.Frequency.Slice(start, length);
        ReadOnlySpan<decimal> money = (HasHistory ? table.TotalSpend : table.MonetaryValue).Slice(start, length);
        switch (HasHistory, basis)
        {
            case (true, RfmMonetaryBasis.Total):
                for (int i = 0; i < length; i++)
                {
                    destination[i] = DecimalArithmetic.ToDouble(money[i]);
                }

                break;
            case (true, _):
                for (int i = 0; i < length; i++)
                {
                    destination[i] = DecimalArithmetic.ToDouble(money[i]) / (x[i] + 1);
                }

                break;
            case (false, RfmMonetaryBasis.Total):
                for (int i = 0; i < length; i++)
                {
                    destination[i] = DecimalArithmetic.ToDouble(money[i]) * x[i];
                }

                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    destination[i] = DecimalArithmetic.ToDouble(money[i]);
                }

                break;
        }
    }
}
