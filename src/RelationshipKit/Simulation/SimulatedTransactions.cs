using RelationshipKit.Summaries;

namespace RelationshipKit.Simulation;

/// <summary>
/// A synthetic transaction log made by <see cref="TransactionSimulator"/>, held as columns, together with each
/// customer's true (latent) parameters, so that fitted models can be checked against the truth.
/// </summary>
/// <remarks>
/// <para>Row <c>i</c> is a purchase by <c>Customers[CustomerIndex[i]]</c> at <c>OccurredAt[i]</c> for
/// <c>Amounts[i]</c>. Customer columns (<see cref="Customers"/>, <see cref="Lambda"/>,
/// <see cref="DropoutProbability"/>, <see cref="Nu"/>, <see cref="FirstPurchaseAt"/>, <see cref="DropoutAt"/>)
/// are indexed by customer position. Times are whole seconds after <see cref="Start"/>, in UTC; amounts are
/// positive and rounded to cents.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class SimulatedTransactions
{
    private readonly CustomerId[] _customers;
    private readonly int[] _customerIndex;
    private readonly DateTimeOffset[] _occurredAt;
    private readonly decimal[] _amounts;
    private readonly double[] _lambda;
    private readonly double[] _dropoutProbability;
    private readonly double[] _nu;
    private readonly DateTimeOffset[] _firstPurchaseAt;
    private readonly DateTimeOffset[] _dropoutAt;

    internal SimulatedTransactions(
        TransactionSimulatorOptions options,
        CustomerId[] customers,
        int[] customerIndex,
        DateTimeOffset[] occurredAt,
        decimal[] amounts,
        double[] lambda,
        double[] dropoutProbability,
        double[] nu,
        DateTimeOffset[] firstPurchaseAt,
        DateTimeOffset[] dropoutAt)
    {
        Start = options.Start;
        End = options.End;
        TimeUnit = options.TimeUnit;
        Order = options.Order;
        Seed = options.Seed;
        _customers = customers;
        _customerIndex = customerIndex;
        _occurredAt = occurredAt;
        _amounts = amounts;
        _lambda = lambda;
        _dropoutProbability = dropoutProbability;
        _nu = nu;
        _firstPurchaseAt = firstPurchaseAt;
        _dropoutAt = dropoutAt;
    }

    /// <summary>The start of the simulated period.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The end of the simulated period: no purchase is later.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The unit of <see cref="Lambda"/>.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The order of the rows.</summary>
    public SimulatedTransactionOrder Order { get; }

    /// <summary>The seed that made this log.</summary>
    public ulong Seed { get; }

    /// <summary>The number of rows (purchases).</summary>
    public int Count => _customerIndex.Length;

    /// <summary>The number of customers.</summary>
    public int CustomerCount => _customers.Length;

    /// <summary>The customers, with ids "1", "2", ... in simulation order.</summary>
    public ReadOnlySpan<CustomerId> Customers => _customers;

    /// <summary>For each row, the position of its customer in <see cref="Customers"/>.</summary>
    public ReadOnlySpan<int> CustomerIndex => _customerIndex;

    /// <summary>For each row, when the purchase happened (UTC, whole seconds).</summary>
    public ReadOnlySpan<DateTimeOffset> OccurredAt => _occurredAt;

    /// <summary>For each row, the amount spent: positive, rounded to cents.</summary>
    public ReadOnlySpan<decimal> Amounts => _amounts;

    /// <summary>For each customer, the true purchase rate lambda while active, in purchases per <see cref="TimeUnit"/>.</summary>
    public ReadOnlySpan<double> Lambda => _lambda;

    /// <summary>For each customer, the true probability p of dropping out after each repeat purchase.</summary>
    public ReadOnlySpan<double> DropoutProbability => _dropoutProbability;

    /// <summary>For each customer, the true Gamma-Gamma rate nu: the customer's purchases have mean value P/nu.</summary>
    public ReadOnlySpan<double> Nu => _nu;

    /// <summary>For each customer, the time of the first purchase (the moment of acquisition).</summary>
    public ReadOnlySpan<DateTimeOffset> FirstPurchaseAt => _firstPurchaseAt;

    /// <summary>
    /// For each customer, the time of the purchase after which the customer dropped out, or
    /// <see cref="DateTimeOffset.MaxValue"/> when the customer was still active at <see cref="End"/>. A customer
    /// is alive at time τ exactly when τ is earlier than this value.
    /// </summary>
    public ReadOnlySpan<DateTimeOffset> DropoutAt => _dropoutAt;

    /// <summary>The log as <see cref="TransactionColumns"/>, the input of <see cref="CustomerSummaryBuilder"/>; nothing is copied.</summary>
    /// <returns>The columns (no order ids).</returns>
    public TransactionColumns AsColumns() => new(_customers, _customerIndex, _occurredAt, _amounts);
}
