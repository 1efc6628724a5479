using RelationshipKit.Internal.Numerics;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// The BG/BB model of Fader, Hardie &amp; Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
/// Setting", Marketing Science 29(6): at each of n discrete transaction opportunities an alive customer transacts
/// with probability p ~ Beta(alpha, beta) and, before the next, becomes inactive with probability θ ~ Beta(gamma, delta).
/// </summary>
/// <remarks>
/// <para>A customer is described by x (transactions in the n repeat opportunities), t_x (the opportunity of the last
/// transaction, 0 when x = 0) and n, all whole numbers, in the model's <see cref="TimeUnit"/> (one opportunity per
/// unit). Horizons must be whole numbers of opportunities.</para>
/// <para>The likelihood is a log-sum-exp over the n − t_x + 1 paths; fits use weighted (x, t_x, n) patterns. On the
/// donations data (11,104 donors, 22 patterns) it reproduces alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BgBbModel : ITransactionModel, ITransactionKernel
{
    /// <summary>The <see cref="Kind"/> of this model: <c>"bgbb"</c>.</summary>
    public const string ModelKind = "bgbb";

    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];
    private readonly ModelCore _core;

    /// <summary>Creates a model from known parameter values.</summary>
    /// <param name="alpha">First shape of the transaction-probability beta; &gt; 0.</param>
    /// <param name="beta">Second shape of the transaction-probability beta; &gt; 0.</param>
    /// <param name="gamma">First shape of the dropout-probability beta; &gt; 0.</param>
    /// <param name="delta">Second shape of the dropout-probability beta; &gt; 0.</param>
    /// <param name="timeUnit">The length of one transaction opportunity.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and positive, or the unit is not defined.</exception>
    public BgBbModel(double alpha, double beta, double gamma, double delta, TimeUnit timeUnit)
        : this(new ModelCore(ModelKind, Names, ModelCore.CheckParameters(Names, alpha, beta, gamma, delta), BgNbdModel.CheckUnit(timeUnit), null, null))
    {
    }

    private BgBbModel(ModelCore core) => _core = core;

    /// <inheritdoc />
    public string Kind => ModelKind;

    /// <inheritdoc />
    public TimeUnit TimeUnit => _core.TimeUnit;

    /// <summary>alpha: first shape of the transaction-probability beta distribution.</summary>
    public double Alpha => _core.Values[0];

    /// <summary>beta: second shape of the transaction-probability beta distribution.</summary>
    public double Beta => _core.Values[1];

    /// <summary>gamma: first shape of the dropout-probability beta distribution.</summary>
    public double Gamma => _core.Values[2];

    /// <summary>delta: second shape of the dropout-probability beta distribution.</summary>
    public double Delta => _core.Values[3];

    /// <inheritdoc />
    public IReadOnlyList<ModelParameter> Parameters => _core.Parameters;

    /// <inheritdoc />
    public FitReport? FitReport => _core.Report;

    /// <summary>Fits the model to summaries whose recency and T are whole numbers of opportunities, with default options.</summary>
    /// <param name="population">The summaries; T is the number of repeat opportunities n.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty.</exception>
    /// <exception cref="InvalidSummaryException">A summary is invalid or not whole; the exception names the field and row.</exception>
    /// <exception cref="ModelFitException">The fit did not converge.</exception>
    public static BgBbModel Fit(CustomerSummaryTable population) => Fit(population, null);

    /// <summary>Fits the model to summaries whose recency and T are whole numbers of opportunities.</summary>
    /// <param name="population">The summaries; T is the number of repeat opportunities n.</param>
    /// <param name="options">Fit options, or <see langword="null"/>.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidSummaryException">A summary is invalid or not whole; the exception names the field and row.</exception>
    /// <exception cref="ModelFitException">The fit did not converge and <see cref="LifetimeValueFitOptions.RequireConvergence"/> is set.</exception>
    public static BgBbModel Fit(CustomerSummaryTable population, LifetimeValueFitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(population);
        int n = population.Count;
        var recency = new int[n];
        var periods = new int[n];
        ReadOnlySpan<double> r = population.Recency, t = population.T;
        for (int i = 0; i < n; i++)
        {
            recency[i] = WholeOrThrow(r[i], "recency", i);
            periods[i] = WholeOrThrow(t[i], "T", i);
        }

        return Fit(population.Frequency, recency, periods, default, population.TimeUnit, options);
    }

    /// <summary>Fits the model to (x, t_x, n) patterns with weights (the number of customers with each pattern).</summary>
    /// <param name="frequency">x per pattern: transactions in the repeat opportunities.</param>
    /// <param name="recency">t_x per pattern: the opportunity of the last transaction (0 when x = 0).</param>
    /// <param name="periods">n per pattern: the number of repeat opportunities.</param>
    /// <param name="weights">Customers per pattern; empty for 1 each.</param>
    /// <param name="timeUnit">The length of one opportunity.</param>
    /// <param name="options">Fit options, or <see langword="null"/>.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">The columns differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or the unit is out of range.</exception>
    /// <exception cref="InvalidSummaryException">A pattern is impossible (for example x &gt; t_x or t_x &gt; n); the exception names the field and row.</exception>
    /// <exception cref="ModelFitException">The fit did not converge and <see cref="LifetimeValueFitOptions.RequireConvergence"/> is set.</exception>
    public static BgBbModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<int> recency, ReadOnlySpan<int> periods, ReadOnlySpan<double> weights, TimeUnit timeUnit, LifetimeValueFitOptions? options)
    {
        BgNbdModel.CheckUnit(timeUnit);
        options ??= new LifetimeValueFitOptions();
        options.Validate();
        int count = frequency.Length;
        if (recency.Length != count || periods.Length != count)
        {
            throw new ArgumentException($"The frequency, recency and periods columns must have the same length ({count}, {recency.Length}, {periods.Length}).", nameof(recency));
        }

        var rr = new double[count];
        var rt = new double[count];
        for (int i = 0; i < count; i++)
        {
            int x = frequency[i], tx = recency[i], n = periods[i];
            if (n < 0 || n > 100000)
            {
                throw new InvalidSummaryException("periods", $"the number of opportunities {n} must be between 0 and 100000.", i);
            }

            if (x < 0 || x > n)
            {
                throw new InvalidSummaryException("frequency", $"the frequency {x} must be between 0 and the number of opportunities {n}.", i);
            }

            if (tx < 0 || tx > n || (x == 0 && tx != 0) || (x > 0 && tx < x))
            {
                throw new InvalidSummaryException("recency", $"the recency {tx} is impossible for frequency {x} and {n} opportunities (need x ≤ t_x ≤ n, and t_x = 0 when x = 0).", i);
            }

            rr[i] = tx;
            rt[i] = n;
        }

        CompressedRows rows = SummaryColumns.Compress(frequency, rr, rt, weights);
        double[][] starts =
        [
            [0, 0, 0, 0],
            [0, Math.Log(0.5), Math.Log(0.5), Math.Log(2)],
            [Math.Log(2), Math.Log(2), Math.Log(0.3), Math.Log(5)],
            [Math.Log(0.5), Math.Log(1.5), Math.Log(1.5), Math.Log(1)],
        ];
        Objective objective = Optimizer.WithNumericalGradient(theta => MeanNegativeLogLikelihood(rows, theta), 4);
        MleResult fit = MaximumLikelihood.Fit(objective, rows.TotalWeight, options.Penalizer, starts, options.MaxIterations, Names);
        return new BgBbModel(ModelCore.FromFit(ModelKind, Names, timeUnit, fit, options.Penalizer, rows.TotalWeight, rows.Count, options.ConfidenceLevel, options));
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>A model that predicts bit-identically to the one written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid BG/BB model.</exception>
    public static BgBbModel FromJson(string json) => new(ModelCore.FromDocument(ModelCore.ReadDocument(json), ModelKind, Names));

    internal static BgBbModel FromDocument(LifetimeValueModelDocument document) => new(ModelCore.FromDocument(document, ModelKind, Names));

    /// <inheritdoc />
    /// <remarks>P(alive at n + 1 | x, t_x, n), FHS 2010 eq. 11; x, t_x and n must be whole numbers.</remarks>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        CheckPattern(frequency, recency, t);
        return Alive(_core.Values, frequency, recency, t);
    }

    /// <inheritdoc />
    /// <remarks>E[X(n, n + n*) | x, t_x, n], FHS 2010 eq. 13; the horizon must be a whole number of opportunities.</remarks>
    public double ExpectedPurchases(Horizon horizon, double frequency, double recency, double t)
    {
        CheckPattern(frequency, recency, t);
        return Expected(_core.Values, Periods(horizon), frequency, recency, t);
    }

    /// <inheritdoc />
    /// <remarks>E[X(n)], FHS 2010 eq. 7.</remarks>
    public double ExpectedPurchasesNewCustomer(Horizon horizon) => ExpectedNew(_core.Values, Periods(horizon));

    /// <inheritdoc />
    /// <remarks>P(X(n) = x), FHS 2010 eq. 8.</remarks>
    public double ProbabilityOfPurchases(int count, Horizon horizon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Pmf(_core.Values, count, (int)Periods(horizon));
    }

    /// <inheritdoc />
    /// <remarks>A column pass with a 256-slot pattern cache on the stack: BG/BB customers share few (x, t_x, n) patterns, so
    /// most rows are a lookup; each distinct pattern is evaluated once, exactly as the scalar method does. Allocates nothing.</remarks>
    public void ProbabilityAlive(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, Span<double> destination)
    {
        SummaryColumns.CheckSpans(frequency.Length, recency.Length, t.Length, destination.Length);
        Columns(_core.Values, double.NaN, frequency, recency, t, destination);
    }

    /// <inheritdoc />
    public void ExpectedPurchases(Horizon horizon, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, Span<double> destination)
    {
        SummaryColumns.CheckSpans(frequency.Length, recency.Length, t.Length, destination.Length);
        Columns(_core.Values, Periods(horizon), frequency, recency, t, destination);
    }

    /// <summary>P(alive) (<paramref name="h"/> NaN) or E[X(n, n + h)] over columns, each distinct pattern computed once per cache slot.</summary>
    private static void Columns(double[] p, double h, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, Span<double> destination)
    {
        const int Slots = 256;
        Span<double> keys = stackalloc double[Slots * 3];
        Span<double> values = stackalloc double[Slots];
        keys.Fill(-1);
        bool alive = double.IsNaN(h);
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], tx = recency[i], n = t[i];
            SummaryColumns.CheckRow(x, tx, n, i);
            int slot = (int)(((ulong)((Math.Min(x, 1e6) * 31) + (Math.Min(tx, 1e6) * 1009) + (Math.Min(n, 1e6) * 7919))) % Slots);
            int k = slot * 3;
            if (keys[k] == x && keys[k + 1] == tx && keys[k + 2] == n)
            {
                destination[i] = values[slot];
                continue;
            }

            CheckPattern(x, tx, n);
            double v = alive ? Alive(p, x, tx, n) : Expected(p, h, x, tx, n);
            keys[k] = x;
            keys[k + 1] = tx;
            keys[k + 2] = n;
            values[slot] = v;
            destination[i] = v;
        }
    }

    /// <inheritdoc />
    public PredictionInterval ProbabilityAliveInterval(double frequency, double recency, double t, double confidenceLevel)
    {
        CheckPattern(frequency, recency, t);
        return _core.Interval(p => Alive(p, frequency, recency, t), confidenceLevel, IntervalScale.Logit);
    }

    /// <inheritdoc />
    public PredictionInterval ExpectedPurchasesInterval(Horizon horizon, double frequency, double recency, double t, double confidenceLevel)
    {
        CheckPattern(frequency, recency, t);
        double h = Periods(horizon);
        return _core.Interval(p => Expected(p, h, frequency, recency, t), confidenceLevel, IntervalScale.Log);
    }

    /// <inheritdoc />
    public string ToJson() => _core.ToJson();

    ModelCore ITransactionKernel.Core => _core;

    double ITransactionKernel.ProbabilityAlive(ReadOnlySpan<double> parameters, double frequency, double recency, double t) =>
        Alive(parameters, frequency, recency, t);

    double ITransactionKernel.ExpectedPurchases(ReadOnlySpan<double> parameters, double horizon, double frequency, double recency, double t) =>
        Expected(parameters, horizon, frequency, recency, t);

    internal static double MeanNegativeLogLikelihood(CompressedRows rows, ReadOnlySpan<double> theta)
    {
        Span<double> p = [Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3])];
        double total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            total += rows.Weight[i] * LogLikelihood(p, rows.X[i], rows.Recency[i], rows.T[i]);
        }

        return -total / rows.TotalWeight;
    }

    internal static double LogLikelihood(ReadOnlySpan<double> p, double x, double tx, double n)
    {
        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        double lbAB = SpecialFunctions.LogBeta(alpha, beta), lbGD = SpecialFunctions.LogBeta(gamma, delta);
        double first = SpecialFunctions.LogBeta(alpha + x, beta + n - x) - lbAB + SpecialFunctions.LogBeta(gamma, delta + n) - lbGD;
        int paths = (int)(n - tx);
        double max = first, sum = 1;
        for (int i = 0; i < paths; i++)
        {
            double term = SpecialFunctions.LogBeta(alpha + x, beta + tx - x + i) - lbAB + SpecialFunctions.LogBeta(gamma + 1, delta + tx + i) - lbGD;
            if (term > max)
            {
                sum = (sum * Math.Exp(max - term)) + 1;
                max = term;
            }
            else
            {
                sum += Math.Exp(term - max);
            }
        }

        return max + Math.Log(sum);
    }

    private static double Alive(ReadOnlySpan<double> p, double x, double tx, double n)
    {
        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        double log = SpecialFunctions.LogBeta(alpha + x, beta + n - x) - SpecialFunctions.LogBeta(alpha, beta)
            + SpecialFunctions.LogBeta(gamma, delta + n + 1) - SpecialFunctions.LogBeta(gamma, delta) - LogLikelihood(p, x, tx, n);
        return Math.Min(1, Math.Exp(log));
    }

    private static double Expected(ReadOnlySpan<double> p, double h, double x, double tx, double n)
    {
        if (h == 0)
        {
            return 0;
        }

        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        if (Math.Abs(gamma - 1) < 1e-7)
        {
            Span<double> q = [alpha, beta, 1 + 2e-7, delta];
            double up = Expected(q, h, x, tx, n);
            q[2] = 1 - 2e-7;
            return 0.5 * (up + Expected(q, h, x, tx, n));
        }

        double lead = SpecialFunctions.LogBeta(alpha + x + 1, beta + n - x) - SpecialFunctions.LogBeta(alpha, beta) - LogLikelihood(p, x, tx, n);
        double lg = SpecialFunctions.LogGamma(gamma + delta) - SpecialFunctions.LogGamma(1 + delta);
        double a1 = SpecialFunctions.LogGamma(1 + delta + n) - SpecialFunctions.LogGamma(gamma + delta + n);
        double a2 = SpecialFunctions.LogGamma(1 + delta + n + h) - SpecialFunctions.LogGamma(gamma + delta + n + h);
        double diff = Math.Exp(a1) * -double.ExpM1(a2 - a1);
        return Math.Max(0, Math.Exp(lead + lg) * delta / (gamma - 1) * diff);
    }

    private static double ExpectedNew(ReadOnlySpan<double> p, double n)
    {
        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        if (n == 0)
        {
            return 0;
        }

        if (Math.Abs(gamma - 1) < 1e-7)
        {
            Span<double> q = [alpha, beta, 1 + 2e-7, delta];
            double up = ExpectedNew(q, n);
            q[2] = 1 - 2e-7;
            return 0.5 * (up + ExpectedNew(q, n));
        }

        double log = SpecialFunctions.LogGamma(gamma + delta) + SpecialFunctions.LogGamma(1 + delta + n) - SpecialFunctions.LogGamma(gamma + delta + n) - SpecialFunctions.LogGamma(1 + delta);
        return alpha / (alpha + beta) * delta / (gamma - 1) * -double.ExpM1(log);
    }

    private static double Pmf(ReadOnlySpan<double> p, int x, int n)
    {
        if (x > n)
        {
            return 0;
        }

        double alpha = p[0], beta = p[1], gamma = p[2], delta = p[3];
        double lbAB = SpecialFunctions.LogBeta(alpha, beta), lbGD = SpecialFunctions.LogBeta(gamma, delta);
        double sum = Math.Exp(LogChoose(n, x) + SpecialFunctions.LogBeta(alpha + x, beta + n - x) - lbAB + SpecialFunctions.LogBeta(gamma, delta + n) - lbGD);
        for (int i = x; i < n; i++)
        {
            sum += Math.Exp(LogChoose(i, x) + SpecialFunctions.LogBeta(alpha + x, beta + i - x) - lbAB + SpecialFunctions.LogBeta(gamma + 1, delta + i) - lbGD);
        }

        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k) => SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(k + 1) - SpecialFunctions.LogGamma(n - k + 1);

    private static int WholeOrThrow(double value, string field, int row)
    {
        double rounded = Math.Round(value);
        if (!double.IsFinite(value) || Math.Abs(value - rounded) > 1e-9 || rounded < 0 || rounded > 100000)
        {
            throw new InvalidSummaryException(field, $"the BG/BB model needs whole numbers of opportunities, but {field} is {value}.", row);
        }

        return (int)rounded;
    }

    private static void CheckPattern(double x, double tx, double n)
    {
        SummaryColumns.CheckCustomer(x, tx, n);
        if (x != Math.Floor(x) || tx != Math.Floor(tx) || n != Math.Floor(n) || n > 100000)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"The BG/BB model needs whole numbers: x = {x}, t_x = {tx}, n = {n}.");
        }

        if (x > n || (x > 0 && tx < x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"Impossible pattern: x = {x}, t_x = {tx}, n = {n} (need x ≤ t_x ≤ n).");
        }
    }

    private double Periods(Horizon horizon)
    {
        double h = _core.Horizon(horizon);
        double rounded = Math.Round(h);
        if (Math.Abs(h - rounded) > 1e-9 * Math.Max(1, h))
        {
            throw new ArgumentException($"The BG/BB model predicts whole opportunities of one {TimeUnit}; the horizon {horizon} is {h} of them.", nameof(horizon));
        }

        return rounded;
    }
}
