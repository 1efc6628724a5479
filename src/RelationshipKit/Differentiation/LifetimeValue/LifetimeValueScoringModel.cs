using System.Text.Json;
using RelationshipKit.Serialization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// A fitted lifetime-value scoring model: for each customer P(alive), expected purchases over the horizon and,
/// with a spend model, expected spend per purchase and lifetime value. The headline <see cref="CustomerValue.Score"/>
/// is the lifetime value when there is a spend model, otherwise the expected purchases.
/// </summary>
/// <remarks>Immutable and thread-safe. Scoring a table allocates nothing per customer.</remarks>
public sealed class LifetimeValueScoringModel : IScoringModel
{
    internal LifetimeValueScoringModel(LifetimeValueCalculator calculator)
    {
        Calculator = calculator;
    }

    /// <inheritdoc />
    public string Kind => LifetimeValueScoringStrategy.StrategyKind;

    /// <inheritdoc />
    public TimeUnit TimeUnit => Calculator.TransactionModel.TimeUnit;

    /// <summary>The calculator with the fitted purchase model, spend model, horizon, discount rate and margin.</summary>
    public LifetimeValueCalculator Calculator { get; }

    /// <summary>The fitted purchase model.</summary>
    public ITransactionModel TransactionModel => Calculator.TransactionModel;

    /// <summary>The fitted spend model, or <see langword="null"/>.</summary>
    public GammaGammaModel? SpendModel => Calculator.SpendModel;

    /// <inheritdoc />
    public CustomerValue Score(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The summary is in {customer.TimeUnit}s but the model works in {TimeUnit}s.", nameof(customer));
        }

        return ScoreOne(customer.CustomerId, customer.Frequency, customer.Recency, customer.T, (double)customer.MonetaryValue);
    }

    /// <inheritdoc />
    public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The table is in {customers.TimeUnit}s but the model works in {TimeUnit}s.", nameof(customers));
        }

        if (destination.Length < customers.Count)
        {
            throw new ArgumentException($"The destination has {destination.Length} elements; the table has {customers.Count} customers.", nameof(destination));
        }

        // Column passes of the models (vectorised where they are) into pooled scratch columns; nothing per customer.
        int n = customers.Count;
        ReadOnlySpan<CustomerId> ids = customers.CustomerIds;
        ReadOnlySpan<int> frequency = customers.Frequency;
        ReadOnlySpan<decimal> money = customers.MonetaryValue;
        var pool = System.Buffers.ArrayPool<double>.Shared;
        double[] x = pool.Rent(n), m = pool.Rent(n), alive = pool.Rent(n), expected = pool.Rent(n), value = pool.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                x[i] = frequency[i];
                m[i] = (double)money[i];
            }

            ReadOnlySpan<double> xs = x.AsSpan(0, n), ms = m.AsSpan(0, n);
            TransactionModel.ProbabilityAlive(xs, customers.Recency, customers.T, alive.AsSpan(0, n));
            TransactionModel.ExpectedPurchases(Calculator.Horizon, xs, customers.Recency, customers.T, expected.AsSpan(0, n));
            if (SpendModel is not null)
            {
                Calculator.LifetimeValue(xs, customers.Recency, customers.T, ms, value.AsSpan(0, n));
            }

            for (int i = 0; i < n; i++)
            {
                destination[i] = SpendModel is null
                    ? new CustomerValue(ids[i], expected[i]).WithLifetimeValue(alive[i], expected[i], null, null)
                    : Compose(ids[i], alive[i], expected[i], Calculator.ExpectedSpend(x[i], m[i]), value[i]);
            }
        }
        finally
        {
            pool.Return(x);
            pool.Return(m);
            pool.Return(alive);
            pool.Return(expected);
            pool.Return(value);
        }
    }

    /// <inheritdoc />
    public string ToJson()
    {
        var doc = new LifetimeValueScoringModelDocument
        {
            Kind = Kind,
            TransactionModel = ModelCore.ReadDocument(TransactionModel.ToJson()),
            SpendModel = SpendModel is null ? null : ModelCore.ReadDocument(SpendModel.ToJson()),
            HorizonLength = Calculator.Horizon.Length,
            HorizonUnit = Calculator.Horizon.Unit,
            DiscountRate = Calculator.DiscountRate.Rate,
            DiscountPeriod = Calculator.DiscountRate.Period,
            Margin = Calculator.Margin,
        };
        return JsonSerializer.Serialize(doc, RelationshipKitJsonContext.Default.LifetimeValueScoringModelDocument);
    }

    private CustomerValue ScoreOne(CustomerId id, double x, double tx, double t, double monetary)
    {
        double alive = TransactionModel.ProbabilityAlive(x, tx, t);
        double expected = TransactionModel.ExpectedPurchases(Calculator.Horizon, x, tx, t);
        if (SpendModel is null)
        {
            return new CustomerValue(id, expected).WithLifetimeValue(alive, expected, null, null);
        }

        double spend = Calculator.ExpectedSpend(x, monetary);
        return Compose(id, alive, expected, spend, Calculator.Margin * spend * Calculator.DiscountedExpectedPurchases(x, tx, t));
    }

    private static CustomerValue Compose(CustomerId id, double alive, double expected, double spend, double clv) =>
        double.IsFinite(spend) && double.IsFinite(clv)
            ? new CustomerValue(id, clv).WithLifetimeValue(alive, expected, spend, clv)
            : new CustomerValue(id, expected).WithLifetimeValue(alive, expected, null, null);
}
