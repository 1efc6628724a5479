using System.Text.Json;
using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>Behaviour every purchase model shares (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB), on models fitted to simulated data.</summary>
public sealed class TransactionModelTests
{
    private static readonly Lazy<BgNbdModel> BgNbd = new(() =>
    {
        var (x, tx, t) = new Samplers(1).BgNbd(1500, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        return BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
    });

    private static readonly Lazy<ModifiedBgNbdModel> Mbg = new(() =>
    {
        var (x, tx, t) = new Samplers(2).BgNbd(1500, 0.5, 6.0, 0.9, 1.6, true, 20, 52);
        return ModifiedBgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
    });

    private static readonly Lazy<ParetoNbdModel> Pareto = new(() =>
    {
        var (x, tx, t) = new Samplers(3).ParetoNbd(1500, 0.55, 10.5, 0.6, 12.0, 20, 52);
        return ParetoNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
    });

    private static readonly Lazy<BgBbModel> BgBb = new(() =>
    {
        var (x, tx, n) = new Samplers(4).BgBb(3000, 1.2, 0.75, 0.66, 2.8, 6);
        return BgBbModel.Fit(x, tx, n, default, TimeUnit.Year, null);
    });

    public static TheoryData<string> Kinds() => ["bgnbd", "mbgnbd", "paretonbd", "bgbb"];

    private static ITransactionModel Model(string kind) => kind switch
    {
        "bgnbd" => BgNbd.Value,
        "mbgnbd" => Mbg.Value,
        "paretonbd" => Pareto.Value,
        _ => BgBb.Value,
    };

    // A customer valid for every model (whole numbers for BG/BB).
    private static (double X, double Tx, double T) Customer(string kind) => kind == "bgbb" ? (3, 5, 6) : (2, 30.43, 38.86);

    private static Horizon H(string kind) => kind == "bgbb" ? RelationshipKit.Differentiation.LifetimeValue.Horizon.Years(5) : RelationshipKit.Differentiation.LifetimeValue.Horizon.Weeks(39);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Kind_FittedModel_IsTheRegisteredKind(string kind)
    {
        Model(kind).Kind.Should().Be(kind);
        Model(kind).FitReport!.Converged.Should().BeTrue();
        Model(kind).Parameters.Should().HaveCount(4);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ProbabilityOfPurchases_SumsToOneAndHasTheExpectedMean(string kind)
    {
        ITransactionModel m = Model(kind);
        Horizon h = H(kind);
        double total = 0, mean = 0;
        for (int n = 0; n < 400; n++)
        {
            double p = m.ProbabilityOfPurchases(n, h);
            p.Should().BeInRange(0, 1);
            total += p;
            mean += n * p;
        }

        total.Should().BeApproximately(1, 1e-8);
        mean.Should().BeApproximately(m.ExpectedPurchasesNewCustomer(h), 1e-6 * Math.Max(1, mean));
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("paretonbd")]
    public void ExpectedPurchases_BrandNewCustomer_EqualsTheNewCustomerExpectation(string kind)
    {
        // A customer just acquired (x = 0, t_x = 0, T = 0) carries only the prior: E[X(t) | 0, 0, 0] = E[X(t)].
        ITransactionModel m = Model(kind);
        m.ExpectedPurchases(H(kind), 0, 0, 0).Should().BeApproximately(m.ExpectedPurchasesNewCustomer(H(kind)), 1e-10);
        m.ProbabilityAlive(0, 0, 0).Should().BeApproximately(1, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExpectedPurchases_HorizonInAnotherUnit_ConvertsExactly(string kind)
    {
        ITransactionModel m = Model(kind);
        var (x, tx, t) = Customer(kind);
        Horizon h = H(kind);
        Horizon days = RelationshipKit.Differentiation.LifetimeValue.Horizon.Days(h.In(TimeUnit.Day));
        m.ExpectedPurchases(days, x, tx, t).Should().BeApproximately(m.ExpectedPurchases(h, x, tx, t), 1e-12);
        m.ExpectedPurchases(new Horizon(0, TimeUnit.Day), x, tx, t).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExpectedPurchases_LongerHorizon_IsLarger(string kind)
    {
        ITransactionModel m = Model(kind);
        var (x, tx, t) = Customer(kind);
        double shortH = m.ExpectedPurchases(new Horizon(H(kind).Length, H(kind).Unit), x, tx, t);
        double longH = m.ExpectedPurchases(new Horizon(H(kind).Length * 2, H(kind).Unit), x, tx, t);
        longH.Should().BeGreaterThan(shortH);
        shortH.Should().BeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ProbabilityAlive_LongSilence_IsLower(string kind)
    {
        ITransactionModel m = Model(kind);
        var (x, tx, t) = Customer(kind);
        double recent = m.ProbabilityAlive(x, t, t);
        double lapsed = m.ProbabilityAlive(x, tx - (kind == "bgbb" ? 2 : 20), t);
        recent.Should().BeInRange(0, 1);
        lapsed.Should().BeLessThan(recent);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Spans_SameCustomers_MatchScalarCallsExactly(string kind)
    {
        ITransactionModel m = Model(kind);
        double[] x = kind == "bgbb" ? [0, 1, 2, 3, 6, 4, 1, 2, 5, 0, 3] : [0, 1, 2, 5, 0, 7, 3, 1, 2, 0, 4];
        double[] tx = kind == "bgbb" ? [0, 1, 5, 6, 6, 4, 3, 2, 5, 0, 6] : [0, 3.5, 30.43, 12, 0, 38, 20, 1, 2, 0, 30];
        double[] t = kind == "bgbb" ? [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6] : [10, 20, 38.86, 40, 39, 38.5, 21, 50, 3, 0.5, 31];
        var alive = new double[x.Length];
        var expected = new double[x.Length + 3];
        m.ProbabilityAlive(x, tx, t, alive);
        m.ExpectedPurchases(H(kind), x, tx, t, expected);
        for (int i = 0; i < x.Length; i++)
        {
            alive[i].Should().BeApproximately(m.ProbabilityAlive(x[i], tx[i], t[i]), 1e-13 * Math.Max(1, alive[i]));
            expected[i].Should().BeApproximately(m.ExpectedPurchases(H(kind), x[i], tx[i], t[i]), 1e-11 * Math.Max(1e-3, expected[i]));
        }
    }

    [Theory]
    [InlineData("bgnbd", 1.0)]
    [InlineData("bgnbd", 39.0)]
    [InlineData("bgnbd", 500.0)]
    [InlineData("mbgnbd", 39.0)]
    [InlineData("paretonbd", 39.0)]
    [InlineData("paretonbd", 300.0)]
    public void Spans_ManyRandomCustomers_MatchScalarCalls(string kind, double weeks)
    {
        ITransactionModel m = Model(kind);
        var random = new Random(3);
        int n = 997;
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = i % 50 == 0 ? 0 : 80 * random.NextDouble();
            x[i] = random.NextDouble() < 0.5 ? 0 : random.Next(1, 60);
            tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
        }

        var alive = new double[n];
        var expected = new double[n];
        var h = Horizon.Weeks(weeks);
        m.ProbabilityAlive(x, tx, t, alive);
        m.ExpectedPurchases(h, x, tx, t, expected);
        for (int i = 0; i < n; i++)
        {
            alive[i].Should().BeApproximately(m.ProbabilityAlive(x[i], tx[i], t[i]), 1e-12 * Math.Max(1e-3, alive[i]), $"row {i}");
            double scalar = m.ExpectedPurchases(h, x[i], tx[i], t[i]);
            expected[i].Should().BeApproximately(scalar, 1e-10 * Math.Max(1e-3, scalar), $"row {i}: x {x[i]}, tx {tx[i]}, T {t[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExpectedPurchases_ZeroHorizonOverColumns_IsZero(string kind)
    {
        ITransactionModel m = Model(kind);
        double[] x = Enumerable.Repeat(2.0, 20).ToArray(), tx = Enumerable.Repeat(3.0, 20).ToArray(), t = Enumerable.Repeat(6.0, 20).ToArray();
        var dest = Enumerable.Repeat(double.NaN, 20).ToArray();
        m.ExpectedPurchases(new Horizon(0, TimeUnit.Day), x, tx, t, dest);
        dest.Should().OnlyContain(v => v == 0);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Intervals_FittedModel_ContainTheEstimateInsideTheRange(string kind)
    {
        ITransactionModel m = Model(kind);
        var (x, tx, t) = Customer(kind);
        PredictionInterval alive = m.ProbabilityAliveInterval(x, tx, t, 0.95);
        alive.Estimate.Should().Be(m.ProbabilityAlive(x, tx, t));
        alive.Lower.Should().BeGreaterThan(0).And.BeLessThan(alive.Estimate);
        alive.Upper.Should().BeGreaterThan(alive.Estimate).And.BeLessThan(1);
        PredictionInterval e = m.ExpectedPurchasesInterval(H(kind), x, tx, t, 0.9);
        e.Lower.Should().BeGreaterThan(0).And.BeLessThan(e.Estimate);
        e.Upper.Should().BeGreaterThan(e.Estimate);
        PredictionInterval wider = m.ExpectedPurchasesInterval(H(kind), x, tx, t, 0.99);
        (wider.Upper - wider.Lower).Should().BeGreaterThan(e.Upper - e.Lower);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Json_RoundTrip_PredictsBitIdentically(string kind)
    {
        ITransactionModel m = Model(kind);
        string json = m.ToJson();
        ITransactionModel back = LifetimeValueModels.LoadTransactionModel(json);
        back.Should().BeOfType(m.GetType());
        back.ToJson().Should().Be(json);
        var (x, tx, t) = Customer(kind);
        back.ProbabilityAlive(x, tx, t).Should().Be(m.ProbabilityAlive(x, tx, t));
        back.ExpectedPurchases(H(kind), x, tx, t).Should().Be(m.ExpectedPurchases(H(kind), x, tx, t));
        back.ExpectedPurchasesInterval(H(kind), x, tx, t, 0.95).Should().Be(m.ExpectedPurchasesInterval(H(kind), x, tx, t, 0.95));
        back.FitReport!.LogLikelihood.Should().Be(m.FitReport!.LogLikelihood);
        using JsonDocument doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("model").GetString().Should().Be(kind);
        doc.RootElement.GetProperty("converged").GetBoolean().Should().BeTrue();
        doc.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).Should().Equal(m.Parameters.Select(p => p.Name));
        doc.RootElement.GetProperty("standardErrors").EnumerateObject().Should().HaveCount(4);
    }

    [Theory]
    [InlineData("{\"model\":\"bgnbd\",\"timeUnit\":\"Week\",\"parameters\":{\"r\":1,\"alpha\":1,\"a\":1}}")]
    [InlineData("{\"model\":\"bgnbd\",\"timeUnit\":\"Week\",\"parameters\":{\"r\":1,\"alpha\":1,\"a\":1,\"b\":-2}}")]
    [InlineData("{\"model\":\"nope\",\"timeUnit\":\"Week\",\"parameters\":{}}")]
    [InlineData("{\"model\":\"bgnbd\",\"timeUnit\":\"Week\",\"parameters\":{\"r\":1,\"alpha\":1,\"a\":1,\"b\":1},\"extra\":1}")]
    [InlineData("[]")]
    public void LoadTransactionModel_InvalidJson_ThrowsJsonException(string json) =>
        FluentActions.Invoking(() => LifetimeValueModels.LoadTransactionModel(json)).Should().Throw<JsonException>();

    [Fact]
    public void LoadTransactionModel_Null_Throws() =>
        FluentActions.Invoking(() => LifetimeValueModels.LoadTransactionModel(null!)).Should().Throw<ArgumentNullException>();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PredictionMethods_InvalidCustomer_ThrowNamingTheArgument(string kind)
    {
        ITransactionModel m = Model(kind);
        Horizon h = H(kind);
        FluentActions.Invoking(() => m.ProbabilityAlive(-1, 0, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
        FluentActions.Invoking(() => m.ProbabilityAlive(1, double.NaN, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency");
        FluentActions.Invoking(() => m.ProbabilityAlive(1, 4, 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => m.ExpectedPurchases(h, 1, 2, double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => m.ProbabilityOfPurchases(-1, h)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
        FluentActions.Invoking(() => m.ProbabilityAliveInterval(1, 1, 5, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => m.ExpectedPurchasesInterval(h, -1, 1, 5, 0.9)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => m.ProbabilityAlive(new double[3], new double[2], new double[3], new double[3])).Should().Throw<ArgumentException>().WithParameterName("recency");
        FluentActions.Invoking(() => m.ProbabilityAlive(new double[3], new double[3], new double[3], new double[2])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => m.ExpectedPurchases(h, new double[3], new double[3], new double[3], new double[1])).Should().Throw<ArgumentException>().WithParameterName("destination");
        double[] bad = new double[20];
        bad[17] = -1;
        FluentActions.Invoking(() => m.ProbabilityAlive(bad, new double[20], Enumerable.Repeat(6.0, 20).ToArray(), new double[20])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*17*");
    }

    [Fact]
    public void BgBb_FractionalInputs_AreRejected()
    {
        BgBbModel m = BgBb.Value;
        FluentActions.Invoking(() => m.ProbabilityAlive(1.5, 2, 6)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => m.ExpectedPurchases(RelationshipKit.Differentiation.LifetimeValue.Horizon.Weeks(3), 1, 2, 6)).Should().Throw<ArgumentException>().WithParameterName("horizon");
        FluentActions.Invoking(() => m.ProbabilityAlive(3, 2, 6)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Intervals_ModelFromKnownValues_Throw()
    {
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        m.FitReport.Should().BeNull();
        m.Parameters.Select(p => p.Name).Should().Equal("r", "alpha", "a", "b");
        double.IsNaN(m.Parameters[0].StandardError).Should().BeTrue();
        FluentActions.Invoking(() => m.ProbabilityAliveInterval(1, 1, 5, 0.95)).Should().Throw<InvalidOperationException>();
    }

    public static TheoryData<Func<object>, string> InvalidConstructions() => new()
    {
        { () => new BgNbdModel(0, 1, 1, 1, TimeUnit.Week), "r" },
        { () => new BgNbdModel(1, double.NaN, 1, 1, TimeUnit.Week), "alpha" },
        { () => new ModifiedBgNbdModel(1, 1, -1, 1, TimeUnit.Week), "a" },
        { () => new ModifiedBgNbdModel(1, 1, 1, double.PositiveInfinity, TimeUnit.Week), "b" },
        { () => new ParetoNbdModel(1, 1, 0, 1, TimeUnit.Week), "s" },
        { () => new ParetoNbdModel(1, 1, 1, -3, TimeUnit.Week), "beta" },
        { () => new BgBbModel(0, 1, 1, 1, TimeUnit.Year), "alpha" },
        { () => new BgBbModel(1, 1, 1, 0, TimeUnit.Year), "delta" },
        { () => new BgNbdModel(1, 1, 1, 1, (TimeUnit)42), "unit" },
    };

    [Theory]
    [MemberData(nameof(InvalidConstructions))]
    public void Constructor_InvalidParameter_ThrowsNamingIt(Func<object> make, string name) =>
        FluentActions.Invoking(make).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);

    [Fact]
    public void Fit_InvalidRows_ThrowInvalidSummaryExceptionWithFieldAndRow()
    {
        var ex = FluentActions.Invoking(() => BgNbdModel.Fit([1, -2], [1, 0], [5, 5], default, TimeUnit.Week, null)).Should().Throw<InvalidSummaryException>().Which;
        ex.ParamName.Should().Be("frequency");
        ex.Row.Should().Be(1);
        FluentActions.Invoking(() => ParetoNbdModel.Fit([1, 1], [1, 6], [5, 5], default, TimeUnit.Week, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("T");
        FluentActions.Invoking(() => ModifiedBgNbdModel.Fit([0], [1], [5], default, TimeUnit.Week, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("recency");
        FluentActions.Invoking(() => BgNbdModel.Fit([1], [1], [5], [double.NaN], TimeUnit.Week, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("weights");
        FluentActions.Invoking(() => BgNbdModel.Fit([], [], [], default, TimeUnit.Week, null)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => BgNbdModel.Fit([1], [1, 2], [5], default, TimeUnit.Week, null)).Should().Throw<ArgumentException>().WithParameterName("recency");
        FluentActions.Invoking(() => BgNbdModel.Fit(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => BgBbModel.Fit([4], [3], [6], default, TimeUnit.Year, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("recency");
        FluentActions.Invoking(() => BgBbModel.Fit([7], [7], [6], default, TimeUnit.Year, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("frequency");
    }

    [Fact]
    public void Fit_InvalidOptions_ThrowsNamingTheOption()
    {
        FluentActions.Invoking(() => BgNbdModel.Fit([1], [1], [5], default, TimeUnit.Week, new LifetimeValueFitOptions { Penalizer = -1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Penalizer").WithMessage("*Penalizer*");
        FluentActions.Invoking(() => BgNbdModel.Fit([1], [1], [5], default, TimeUnit.Week, new LifetimeValueFitOptions { ConfidenceLevel = 1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ConfidenceLevel");
        FluentActions.Invoking(() => BgNbdModel.Fit([1], [1], [5], default, TimeUnit.Week, new LifetimeValueFitOptions { MaxIterations = 1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxIterations");
    }

    [Fact]
    public void Fit_NobodyRepeats_SaysWhichParameterRunsAwayInsteadOfReturningGarbage()
    {
        // With no repeat purchase at all the dropout process is not identified: the fit must say so.
        int[] x = new int[200];
        double[] tx = new double[200];
        double[] t = Enumerable.Range(0, 200).Select(i => 10.0 + (i % 30)).ToArray();
        var ex = FluentActions.Invoking(() => BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null)).Should().Throw<ModelFitException>().Which;
        ex.Report!.Converged.Should().BeFalse();
        ex.Report.Reason.Should().NotBeNullOrEmpty();
        BgNbdModel lenient = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, new LifetimeValueFitOptions { RequireConvergence = false });
        lenient.FitReport!.Converged.Should().BeFalse();
    }

    [Fact]
    public void Fit_Penalizer_ShrinksParametersAndIsReported()
    {
        var (x, tx, t) = new Samplers(5).BgNbd(800, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        BgNbdModel plain = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        BgNbdModel penalised = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, new LifetimeValueFitOptions { Penalizer = 0.01 });
        penalised.FitReport!.Penalizer.Should().Be(0.01);
        (penalised.Alpha * penalised.Alpha + penalised.B * penalised.B).Should().BeLessThan(plain.Alpha * plain.Alpha + plain.B * plain.B);
        penalised.FitReport.LogLikelihood.Should().BeLessThan(plain.FitReport!.LogLikelihood);
    }

    [Fact]
    public void Fit_WeightsAndDuplicates_GiveTheSameEstimates()
    {
        var (x, tx, t) = new Samplers(6).BgNbd(300, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        int[] x2 = [.. x, .. x];
        double[] tx2 = [.. tx, .. tx], t2 = [.. t, .. t];
        BgNbdModel twice = BgNbdModel.Fit(x2, tx2, t2, default, TimeUnit.Week, null);
        BgNbdModel weighted = BgNbdModel.Fit(x, tx, t, Enumerable.Repeat(2.0, x.Length).ToArray(), TimeUnit.Week, null);
        weighted.R.Should().BeApproximately(twice.R, 1e-8);
        weighted.B.Should().BeApproximately(twice.B, 1e-6);
        weighted.FitReport!.LogLikelihood.Should().BeApproximately(twice.FitReport!.LogLikelihood, 1e-6);
        weighted.FitReport.RowCount.Should().Be(twice.FitReport.RowCount);
        weighted.FitReport.CustomerCount.Should().Be(600);
    }
}
