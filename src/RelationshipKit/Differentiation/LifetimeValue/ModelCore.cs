using System.Text.Json;
using RelationshipKit.Internal.Numerics;
using RelationshipKit.Serialization;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>What every fitted model shares: name, parameters, unit, fit report, covariance, JSON and delta-method intervals.</summary>
internal sealed class ModelCore
{
    public ModelCore(string kind, string[] names, double[] values, TimeUnit timeUnit, FitReport? report, double[]? covarianceLog, double? correlation = null)
    {
        Kind = kind;
        Names = names;
        Values = values;
        TimeUnit = timeUnit;
        Report = report;
        CovarianceLog = covarianceLog;
        Correlation = correlation;
        Parameters = report?.Parameters ?? names.Select((n, i) => new ModelParameter(n, values[i], double.NaN, double.NaN, double.NaN)).ToArray();
    }

    public string Kind { get; }

    public string[] Names { get; }

    public double[] Values { get; }

    public TimeUnit TimeUnit { get; }

    public FitReport? Report { get; }

    public double[]? CovarianceLog { get; }

    public double? Correlation { get; }

    public IReadOnlyList<ModelParameter> Parameters { get; }

    public static ModelCore FromFit(string kind, string[] names, TimeUnit unit, MleResult fit, double penalizer, double customers, int rows, double confidence, LifetimeValueFitOptions options, double? correlation = null)
    {
        double[] values = fit.LogTheta.Select(Math.Exp).ToArray();
        double z = SpecialFunctions.NormalQuantile(0.5 + (confidence / 2));
        var parameters = new ModelParameter[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            double seLog = fit.CovarianceLog is null ? double.NaN : Math.Sqrt(fit.CovarianceLog[(i * names.Length) + i]);
            parameters[i] = new ModelParameter(names[i], values[i], values[i] * seLog, Math.Exp(fit.LogTheta[i] - (z * seLog)), Math.Exp(fit.LogTheta[i] + (z * seLog)));
        }

        var report = new FitReport(fit.Converged, fit.Reason, fit.Iterations, fit.LogLikelihood, penalizer, customers, rows, confidence, parameters);
        if (!fit.Converged && options.RequireConvergence)
        {
            throw new ModelFitException(kind, report);
        }

        return new ModelCore(kind, names, values, unit, report, fit.CovarianceLog, correlation);
    }

    public static double[] CheckParameters(string[] names, params double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] <= 0)
            {
                throw new ArgumentOutOfRangeException(names[i], values[i], $"The parameter {names[i]} must be finite and greater than 0.");
            }
        }

        return values;
    }

    public double Horizon(Horizon horizon) => horizon.In(TimeUnit);

    public string ToJson()
    {
        var doc = new LifetimeValueModelDocument { Model = Kind, TimeUnit = TimeUnit };
        for (int i = 0; i < Names.Length; i++)
        {
            doc.Parameters[Names[i]] = Values[i];
        }

        if (Report is { } r)
        {
            doc.LogLikelihood = r.LogLikelihood;
            doc.Converged = r.Converged;
            doc.Iterations = r.Iterations;
            doc.Reason = r.Reason;
            doc.Penalizer = r.Penalizer;
            doc.CustomerCount = r.CustomerCount;
            doc.RowCount = r.RowCount;
            doc.ConfidenceLevel = r.ConfidenceLevel;
            doc.StandardErrors = [];
            foreach (ModelParameter p in r.Parameters)
            {
                doc.StandardErrors[p.Name] = double.IsFinite(p.StandardError) ? p.StandardError : -1;
            }
        }

        doc.FrequencySpendCorrelation = Correlation is { } c && double.IsFinite(c) ? c : null;
        if (CovarianceLog is { } cov)
        {
            int n = Names.Length;
            doc.Covariance = Enumerable.Range(0, n).Select(i => cov.AsSpan(i * n, n).ToArray()).ToArray();
        }

        return JsonSerializer.Serialize(doc, RelationshipKitJsonContext.Default.LifetimeValueModelDocument);
    }

    public static LifetimeValueModelDocument ReadDocument(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, RelationshipKitJsonContext.Default.LifetimeValueModelDocument) ?? throw new JsonException("The JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public static ModelCore FromDocument(LifetimeValueModelDocument doc, string kind, string[] names)
    {
        if (!string.Equals(doc.Model, kind, StringComparison.Ordinal))
        {
            throw new JsonException($"The JSON holds a '{doc.Model}' model, not '{kind}'.");
        }

        if (!Enum.IsDefined(doc.TimeUnit))
        {
            throw new JsonException($"'timeUnit' {doc.TimeUnit} is not a defined time unit.");
        }

        var values = new double[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            if (!doc.Parameters.TryGetValue(names[i], out double v) || !double.IsFinite(v) || v <= 0)
            {
                throw new JsonException($"'parameters.{names[i]}' is missing or not a positive number.");
            }

            values[i] = v;
        }

        if (doc.Parameters.Count != names.Length)
        {
            throw new JsonException($"'parameters' must hold exactly {string.Join(", ", names)}.");
        }

        double[]? cov = null;
        if (doc.Covariance is { } rows)
        {
            int n = names.Length;
            if (rows.Length != n || rows.Any(row => row is null || row.Length != n || row.Any(v => !double.IsFinite(v))))
            {
                throw new JsonException($"'covariance' must be a {n}×{n} matrix of finite numbers.");
            }

            cov = rows.SelectMany(row => row).ToArray();
        }

        FitReport? report = null;
        if (doc.Converged is { } converged)
        {
            double confidence = doc.ConfidenceLevel ?? LifetimeValueFitOptions.DefaultConfidenceLevel;
            double z = SpecialFunctions.NormalQuantile(0.5 + (confidence / 2));
            var parameters = new ModelParameter[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                double seLog = cov is null ? double.NaN : Math.Sqrt(cov[(i * names.Length) + i]);
                double l = Math.Log(values[i]);
                parameters[i] = new ModelParameter(names[i], values[i], values[i] * seLog, Math.Exp(l - (z * seLog)), Math.Exp(l + (z * seLog)));
            }

            report = new FitReport(converged, doc.Reason ?? string.Empty, doc.Iterations ?? 0, doc.LogLikelihood ?? double.NaN, doc.Penalizer ?? 0, doc.CustomerCount ?? double.NaN, doc.RowCount ?? 0, confidence, parameters);
        }

        return new ModelCore(kind, names, values, doc.TimeUnit, report, cov, doc.FrequencySpendCorrelation);
    }

    /// <summary>Delta-method interval of <paramref name="prediction"/> (a function of the natural parameters) on a log or logit scale.</summary>
    public PredictionInterval Interval(Func<double[], double> prediction, double confidenceLevel, IntervalScale scale)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be between 0 and 1 (exclusive).");
        }

        double[] cov = CovarianceLog ?? throw new InvalidOperationException($"The {Kind} model has no parameter covariance (it was made from known values, or its Hessian was not positive definite), so it cannot give intervals.");
        return DeltaMethod(prediction, Values, cov, confidenceLevel, scale);
    }

    public static PredictionInterval DeltaMethod(Func<double[], double> prediction, double[] values, double[] covarianceLog, double confidenceLevel, IntervalScale scale)
    {
        int n = values.Length;
        double estimate = prediction(values);
        double[] point = (double[])values.Clone();
        double[] gradient = new double[n];
        for (int i = 0; i < n; i++)
        {
            const double h = 1e-5;
            point[i] = values[i] * Math.Exp(h);
            double up = Transform(prediction(point), scale);
            point[i] = values[i] * Math.Exp(-h);
            double down = Transform(prediction(point), scale);
            point[i] = values[i];
            gradient[i] = (up - down) / (2 * h);
        }

        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                variance += gradient[i] * covarianceLog[(i * n) + j] * gradient[j];
            }
        }

        double z = SpecialFunctions.NormalQuantile(0.5 + (confidenceLevel / 2));
        double center = Transform(estimate, scale);
        double se = Math.Sqrt(Math.Max(0, variance));
        if (!double.IsFinite(center))
        {
            return new PredictionInterval(estimate, estimate, estimate, confidenceLevel);
        }

        return new PredictionInterval(estimate, Inverse(center - (z * se), scale), Inverse(center + (z * se), scale), confidenceLevel);
    }

    /// <summary>
    /// Parametric bootstrap: <paramref name="draws"/> parameter vectors exp(ln θ̂ + L z), z standard normal and L the Cholesky
    /// factor of the log-scale covariance, each mapped through <paramref name="prediction"/>; the interval is the percentile
    /// interval of the draws, the estimate the prediction at θ̂. Deterministic for a seed (xoshiro256**).
    /// </summary>
    public static PredictionInterval Bootstrap(Func<double[], double> prediction, double[] values, double[] covarianceLog, double confidenceLevel, int draws, ulong seed)
    {
        int n = values.Length;
        double[] l = Cholesky(covarianceLog, n) ?? throw new InvalidOperationException("The parameter covariance is not positive definite, so parameters cannot be drawn from it.");
        double estimate = prediction(values);
        var random = new RelationshipKit.Internal.RandomVariates(seed);
        double[] logValues = values.Select(v => Math.Log(v)).ToArray();
        double[] z = new double[n];
        double[] point = new double[n];
        var results = new double[draws];
        int kept = 0;
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = random.StandardNormal();
            }

            for (int i = 0; i < n; i++)
            {
                double shift = 0;
                for (int j = 0; j <= i; j++)
                {
                    shift += l[(i * n) + j] * z[j];
                }

                point[i] = Math.Exp(logValues[i] + shift);
            }

            double v = prediction(point);
            if (double.IsFinite(v))
            {
                results[kept++] = v;
            }
        }

        if (kept < 0.9 * draws)
        {
            throw new InvalidOperationException($"Only {kept} of {draws} bootstrap draws gave a finite prediction; the parameter uncertainty is too large for a bootstrap interval.");
        }

        Span<double> sorted = results.AsSpan(0, kept);
        sorted.Sort();
        double alpha = (1 - confidenceLevel) / 2;
        return new PredictionInterval(estimate, Quantile(sorted, alpha), Quantile(sorted, 1 - alpha), confidenceLevel);
    }

    /// <summary>Linear interpolation between order statistics (type 7, as R's default).</summary>
    private static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Lower-triangular L with L Lᵀ = A (row-major), or null when A is not positive definite.</summary>
    private static double[]? Cholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        return l;
    }

    private static double Transform(double v, IntervalScale scale) => scale switch
    {
        IntervalScale.Logit => Math.Log(v) - double.LogP1(-v),
        IntervalScale.Log => Math.Log(v),
        _ => v,
    };

    private static double Inverse(double v, IntervalScale scale) => scale switch
    {
        IntervalScale.Logit => 1 / (1 + Math.Exp(-v)),
        IntervalScale.Log => Math.Exp(v),
        _ => v,
    };
}

/// <summary>The scale on which a delta-method interval is symmetric.</summary>
internal enum IntervalScale
{
    Linear,
    Log,
    Logit,
}
