using System.Globalization;
using BenchmarkDotNet.Attributes;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Benchmarks;

/// <summary>Reference data for the lifetime-value benchmarks: the CDNOW and donations files of ../shared/data, or simulated stand-ins.</summary>
internal static class LifetimeValueBenchmarkData
{
    public static bool Smoke => Environment.GetEnvironmentVariable("RELKIT_BENCH_SMOKE") == "1";

    public static string? Find(string file)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipKit.sln")))
            {
                string path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", file));
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    /// <summary>CDNOW calibration summary (x, t_x, T in weeks, zbar); simulated when the file is absent under smoke runs.</summary>
    public static (int[] X, double[] Tx, double[] T, double[] Spend) Cdnow()
    {
        string? path = Find("cdnow_customers_summary_with_transactions.csv");
        if (path is null)
        {
            if (!Smoke)
            {
                throw new FileNotFoundException("../shared/data/cdnow_customers_summary_with_transactions.csv is needed for the lifetime-value benchmarks.");
            }

            return Simulated(2357, 7);
        }

        string[][] rows = File.ReadAllLines(path).Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[4], CultureInfo.InvariantCulture)).ToArray());
    }

    public static (int[] X, int[] Tx, int[] N, double[] W) Donations()
    {
        string? path = Find("donations.csv");
        if (path is null)
        {
            if (!Smoke)
            {
                throw new FileNotFoundException("../shared/data/donations.csv is needed for the lifetime-value benchmarks.");
            }

            return ([0, 1, 1, 2, 3, 6], [0, 1, 6, 5, 6, 6], [6, 6, 6, 6, 6, 6], [3464, 1091, 200, 300, 400, 1203]);
        }

        string[][] rows = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return (
            rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray());
    }

    private static (int[] X, double[] Tx, double[] T, double[] Spend) Simulated(int n, int seed)
    {
        var random = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var t = new double[n];
        var m = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Math.Round(27 + (12 * random.NextDouble()), 2);
            x[i] = random.NextDouble() < 0.6 ? 0 : 1 + random.Next(8);
            tx[i] = x[i] == 0 ? 0 : Math.Round(t[i] * random.NextDouble(), 2);
            m[i] = x[i] == 0 ? 0 : 10 + (40 * random.NextDouble());
        }

        return (x, tx, t, m);
    }
}

/// <summary>
/// Fits on the published data sets (CDNOW 1/10th sample, 2,357 customers; donations, 22 patterns), standard errors
/// included. Baseline: a naive BG/NBD fit (Nelder-Mead on the uncompressed per-customer likelihood, no gradient),
/// the way the model is often fitted by hand. Python lifetimes on this machine kind: BG/NBD 82 ms, Pareto/NBD 440 ms,
/// Gamma-Gamma 37 ms, BG/BB 101 ms.
/// </summary>
[MemoryDiagnoser]
public class LifetimeValueFitBenchmarks
{
    private int[] _x = [];
    private double[] _tx = [];
    private double[] _t = [];
    private double[] _spend = [];
    private int[] _bx = [];
    private int[] _btx = [];
    private int[] _bn = [];
    private double[] _bw = [];
    private CompressedRows _uncompressed = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _tx, _t, _spend) = LifetimeValueBenchmarkData.Cdnow();
        (_bx, _btx, _bn, _bw) = LifetimeValueBenchmarkData.Donations();
        _uncompressed = new CompressedRows(_x, _tx, _t, Enumerable.Repeat(1.0, _x.Length).ToArray(), _x.Length);
    }

    [Benchmark(Baseline = true, Description = "naive BG/NBD fit (Nelder-Mead, uncompressed rows)")]
    public double NaiveBgNbd()
    {
        Objective f = (theta, g) => BetaGeometricKernels.MeanNegativeLogLikelihood(_uncompressed, false, theta, default);
        return Optimizer.NelderMead(f, [0, 0, 0, 0], 0.5, 5000, 1e-12).Value;
    }

    [Benchmark(Description = "BG/NBD fit + standard errors (CDNOW)")]
    public double BgNbd() => BgNbdModel.Fit(_x, _tx, _t, default, TimeUnit.Week, null).FitReport!.LogLikelihood;

    [Benchmark(Description = "MBG/NBD fit + standard errors (CDNOW)")]
    public double ModifiedBgNbd() => ModifiedBgNbdModel.Fit(_x, _tx, _t, default, TimeUnit.Week, null).FitReport!.LogLikelihood;

    [Benchmark(Description = "Pareto/NBD fit + standard errors (CDNOW)")]
    public double ParetoNbd() => ParetoNbdModel.Fit(_x, _tx, _t, default, TimeUnit.Week, null).FitReport!.LogLikelihood;

    [Benchmark(Description = "Gamma-Gamma fit + standard errors (CDNOW repeaters)")]
    public double GammaGamma() => GammaGammaModel.Fit(_x, _spend, default, null).FitReport!.LogLikelihood;

    [Benchmark(Description = "BG/BB fit + standard errors (donations)")]
    public double BgBb() => BgBbModel.Fit(_bx, _btx, _bn, _bw, TimeUnit.Year, null).FitReport!.LogLikelihood;
}

/// <summary>
/// Predictions over columns of 1,000,000 customers (CDNOW rows repeated), horizon 39 weeks, with the published CDNOW
/// parameters. Baseline: a naive scalar BG/NBD P(alive) loop with Math.Pow. Python lifetimes on this machine kind:
/// BG/NBD expected purchases 542 ms, Pareto/NBD expected purchases 509 ms, BG/NBD P(alive) 22 ms.
/// </summary>
[MemoryDiagnoser]
public class LifetimeValuePredictionBenchmarks
{
    private static readonly BgNbdModel BgNbd = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
    private static readonly ParetoNbdModel Pareto = new(0.553, 10.578, 0.606, 11.669, TimeUnit.Week);
    private double[] _x = [];
    private double[] _tx = [];
    private double[] _t = [];
    private double[] _destination = [];

    public static IEnumerable<int> Sizes => LifetimeValueBenchmarkData.Smoke ? [1000] : [1_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (x, tx, t, _) = LifetimeValueBenchmarkData.Cdnow();
        _x = new double[Customers];
        _tx = new double[Customers];
        _t = new double[Customers];
        _destination = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            int j = i % x.Length;
            _x[i] = x[j];
            _tx[i] = tx[j];
            _t[i] = t[j];
        }
    }

    [Benchmark(Baseline = true, Description = "naive BG/NBD P(alive) (scalar Math.Pow loop)")]
    public double NaiveBgNbdProbabilityAlive()
    {
        double r = BgNbd.R, alpha = BgNbd.Alpha, a = BgNbd.A, b = BgNbd.B;
        for (int i = 0; i < _x.Length; i++)
        {
            _destination[i] = _x[i] == 0 ? 1 : 1 / (1 + (a / (b + _x[i] - 1) * Math.Pow((alpha + _t[i]) / (alpha + _tx[i]), r + _x[i])));
        }

        return _destination[^1];
    }

    [Benchmark(Description = "BG/NBD P(alive)")]
    public double BgNbdProbabilityAlive()
    {
        BgNbd.ProbabilityAlive(_x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark(Description = "BG/NBD expected purchases, 39 weeks")]
    public double BgNbdExpectedPurchases()
    {
        BgNbd.ExpectedPurchases(Horizon.Weeks(39), _x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark(Description = "Pareto/NBD expected purchases, 39 weeks")]
    public double ParetoNbdExpectedPurchases()
    {
        Pareto.ExpectedPurchases(Horizon.Weeks(39), _x, _tx, _t, _destination);
        return _destination[^1];
    }

    [Benchmark(Description = "Pareto/NBD P(alive)")]
    public double ParetoNbdProbabilityAlive()
    {
        Pareto.ProbabilityAlive(_x, _tx, _t, _destination);
        return _destination[^1];
    }
}
