namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// A fitted "buy till you die" purchase model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB): for a customer with
/// frequency x, recency t_x and age T in the model's <see cref="TimeUnit"/>, the probability of being alive and the
/// expected number of purchases over a horizon; for a new customer the expected purchases and their distribution.
/// </summary>
/// <remarks>
/// Implementations are immutable and thread-safe. The span methods write one value per customer and allocate
/// nothing per customer. Horizons carry their unit and are converted to <see cref="TimeUnit"/>.
/// </remarks>
public interface ITransactionModel
{
    /// <summary>The model's identifier: <c>bgnbd</c>, <c>mbgnbd</c>, <c>paretonbd</c> or <c>bgbb</c>.</summary>
    string Kind { get; }

    /// <summary>The unit in which recency, T and the rate parameters are expressed.</summary>
    TimeUnit TimeUnit { get; }

    /// <summary>The parameters, named as in the cited paper, with standard errors when the model was fitted.</summary>
    IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>The fit report, or <see langword="null"/> for a model made from known parameter values.</summary>
    FitReport? FitReport { get; }

    /// <summary>P(alive | x, t_x, T): the probability that the customer has not dropped out by T.</summary>
    /// <param name="frequency">x, the number of repeat purchases; finite, 0 or more.</param>
    /// <param name="recency">t_x, in <see cref="TimeUnit"/>; 0 ≤ t_x ≤ T, and 0 when x = 0.</param>
    /// <param name="t">T, the customer's age in <see cref="TimeUnit"/>.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is NaN, negative or inconsistent; the exception names it.</exception>
    double ProbabilityAlive(double frequency, double recency, double t);

    /// <summary>E[X(T, T + h) | x, t_x, T]: the expected number of purchases in the next <paramref name="horizon"/>.</summary>
    /// <param name="horizon">The horizon h, in any unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in <see cref="TimeUnit"/>.</param>
    /// <param name="t">T, in <see cref="TimeUnit"/>.</param>
    /// <returns>The expected number of purchases, 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is NaN, negative or inconsistent.</exception>
    double ExpectedPurchases(Horizon horizon, double frequency, double recency, double t);

    /// <summary>E[X(h)]: the expected number of repeat purchases of a new customer in their first <paramref name="horizon"/>.</summary>
    /// <param name="horizon">The horizon, in any unit.</param>
    /// <returns>The expected number of purchases.</returns>
    double ExpectedPurchasesNewCustomer(Horizon horizon);

    /// <summary>P(X(h) = n): the probability that a new customer makes exactly <paramref name="count"/> repeat purchases in their first <paramref name="horizon"/>.</summary>
    /// <param name="count">n, 0 or more.</param>
    /// <param name="horizon">The horizon, in any unit.</param>
    /// <returns>A probability in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    double ProbabilityOfPurchases(int count, Horizon horizon);

    /// <summary>P(alive) for many customers, one per element, without allocating per customer.</summary>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">t_x per customer, in <see cref="TimeUnit"/>.</param>
    /// <param name="t">T per customer, in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">Receives P(alive); at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">The spans differ in length or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is invalid; the message gives the row.</exception>
    void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, Span<double> destination);

    /// <summary>Expected purchases over <paramref name="horizon"/> for many customers, without allocating per customer.</summary>
    /// <param name="horizon">The horizon, in any unit.</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">t_x per customer.</param>
    /// <param name="t">T per customer.</param>
    /// <param name="destination">Receives the expectations; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">The spans differ in length or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is invalid; the message gives the row.</exception>
    void ExpectedPurchases(Horizon horizon, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, Span<double> destination);

    /// <summary>P(alive) with a confidence interval from the parameter uncertainty (see <see cref="PredictionInterval"/>).</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="t">T.</param>
    /// <param name="confidenceLevel">In (0, 1); typically 0.95.</param>
    /// <returns>The estimate and its interval (logit scale).</returns>
    /// <exception cref="InvalidOperationException">The model was not fitted, so its parameter covariance is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    PredictionInterval ProbabilityAliveInterval(double frequency, double recency, double t, double confidenceLevel);

    /// <summary>Expected purchases with a confidence interval from the parameter uncertainty (log scale).</summary>
    /// <param name="horizon">The horizon.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="t">T.</param>
    /// <param name="confidenceLevel">In (0, 1).</param>
    /// <returns>The estimate and its interval.</returns>
    /// <exception cref="InvalidOperationException">The model was not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    PredictionInterval ExpectedPurchasesInterval(Horizon horizon, double frequency, double recency, double t, double confidenceLevel);

    /// <summary>Writes the model (parameters, fit report and parameter covariance) as JSON; <see cref="LifetimeValueModels.LoadTransactionModel"/> reads it back.</summary>
    /// <returns>The JSON text.</returns>
    string ToJson();
}
