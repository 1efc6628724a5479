using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

/// <summary>
/// Defaults: new for 30 days; rhythm multiples 2 (at risk), 3 (lapsed), 6 (lost); fixed days 90, 180, 365;
/// P(alive) 0.5, 0.25, 0.1; reactivated for 90 days.
/// </summary>
public sealed class CustomerLifecycleTests
{
    private static readonly StageModel Rhythm = CustomerLifecycle.Create();
    private static readonly StageModel Fixed = CustomerLifecycle.Create(new LifecycleOptions { Basis = LifecycleBasis.FixedDays });
    private static readonly StageModel Alive = CustomerLifecycle.Create(new LifecycleOptions { Basis = LifecycleBasis.ProbabilityAlive });

    [Fact]
    public void Create_Prospect_New_Active()
    {
        Rhythm.Assign(Prospect(), AsOf).Stage.Should().Be(CustomerLifecycle.Prospect);
        StageAssignment fresh = Rhythm.Assign(Buyer(1, 10, 10), AsOf);
        fresh.Stage.Should().Be(CustomerLifecycle.New);
        fresh.Reason.Should().Be("first purchase less than 30 days ago");
        StageAssignment active = Rhythm.Assign(Buyer(5, 200, 20, 30), AsOf);
        active.Stage.Should().Be(CustomerLifecycle.Active);
        active.Reason.Should().Be("buying within their rhythm");
    }

    [Theory]
    [InlineData(59, "active")] // 59 days < 2 x 30
    [InlineData(61, "atRisk")] // 2 x 30 < 61 <= 3 x 30
    [InlineData(100, "lapsed")] // 3 x 30 < 100 <= 6 x 30
    [InlineData(181, "lost")] // 6 x 30 < 181
    public void Create_RhythmBasis_UsesTheCustomersOwnRhythm(double daysSinceLast, string expected)
    {
        StageAssignment a = Rhythm.Assign(Buyer(5, 400, daysSinceLast, 30), AsOf);
        a.Stage.Name.Should().Be(expected);
        if (expected != "active")
        {
            a.Reason.Should().Contain("mean inter-purchase time");
        }
    }

    [Fact]
    public void Create_RhythmBasis_SlowBuyerIsNotAtRiskWhereAFastBuyerIs()
    {
        // Both last bought 100 days ago: every 60 days (100 < 120) is still active, every 20 days (100 > 60) is lapsed.
        Rhythm.Assign(Buyer(5, 400, 100, 60), AsOf).Stage.Should().Be(CustomerLifecycle.Active);
        Rhythm.Assign(Buyer(5, 400, 100, 20), AsOf).Stage.Should().Be(CustomerLifecycle.Lapsed);
    }

    [Fact]
    public void Create_RhythmBasis_OnePurchase_FallsBackToFixedDays_AndSaysSo()
    {
        StageAssignment a = Rhythm.Assign(Buyer(1, 100, 100), AsOf);
        a.Stage.Should().Be(CustomerLifecycle.AtRisk);
        a.Reason.Should().Be("one purchase period only (no rhythm yet), more than 90 days ago");
        Rhythm.Assign(Buyer(1, 400, 400), AsOf).Stage.Should().Be(CustomerLifecycle.Lost);
    }

    [Theory]
    [InlineData(80, "active")]
    [InlineData(100, "atRisk")]
    [InlineData(200, "lapsed")]
    [InlineData(400, "lost")]
    public void Create_FixedDays_SameThresholdsForEveryone(double daysSinceLast, string expected)
    {
        Fixed.Assign(Buyer(5, 800, daysSinceLast, 10), AsOf).Stage.Name.Should().Be(expected);
        Fixed.Assign(Buyer(5, 800, daysSinceLast, 150), AsOf).Stage.Name.Should().Be(expected);
    }

    [Theory]
    [InlineData(0.9, "active")]
    [InlineData(0.4, "atRisk")]
    [InlineData(0.2, "lapsed")]
    [InlineData(0.05, "lost")]
    public void Create_ProbabilityAliveBasis_UsesTheFittedModel(double p, string expected)
    {
        // The last purchase is 300 days ago: by fixed days this customer would be lapsed whatever P(alive) says.
        StageAssignment a = Alive.Assign(Buyer(5, 800, 300, 100, probabilityAlive: p), AsOf);
        a.Stage.Name.Should().Be(expected);
        if (expected != "active")
        {
            a.Reason.Should().StartWith("P(alive) below");
        }
    }

    [Fact]
    public void Create_ProbabilityAliveBasis_WithoutPAlive_FallsBackToFixedDays()
    {
        StageAssignment a = Alive.Assign(Buyer(5, 800, 200, 100), AsOf);
        a.Stage.Should().Be(CustomerLifecycle.Lapsed);
        a.Reason.Should().Be("no P(alive); last purchase more than 180 days ago");
    }

    [Fact]
    public void Create_Reactivated_NeedsThePreviousStage()
    {
        LoyaltyState back = Buyer(6, 800, 3, 100);
        Rhythm.Assign(back, AsOf).Stage.Should().Be(CustomerLifecycle.Active, "without a stored stage nothing says they were gone");
        StageAssignment won = Rhythm.Assign(back, new StageContext(AsOf, CustomerLifecycle.Lapsed, AsOf.AddDays(-200)));
        won.Stage.Should().Be(CustomerLifecycle.Reactivated);
        won.Reason.Should().Be("bought again after lapsing");
        Rhythm.Assign(back, new StageContext(AsOf, CustomerLifecycle.Lost, AsOf.AddDays(-20))).Stage.Should().Be(CustomerLifecycle.Reactivated);
        Rhythm.Assign(back, new StageContext(AsOf, CustomerLifecycle.AtRisk, AsOf.AddDays(-20))).Stage.Should().Be(CustomerLifecycle.Active, "at risk is not gone");
    }

    [Fact]
    public void Create_Reactivated_HoldsForTheReactivatedPeriod_ThenActive()
    {
        LoyaltyState back = Buyer(6, 800, 3, 100);
        Rhythm.Assign(back, new StageContext(AsOf, CustomerLifecycle.Reactivated, AsOf.AddDays(-89))).Stage.Should().Be(CustomerLifecycle.Reactivated);
        Rhythm.Assign(back, new StageContext(AsOf, CustomerLifecycle.Reactivated, AsOf.AddDays(-91))).Stage.Should().Be(CustomerLifecycle.Active);
        Rhythm.Assign(Buyer(6, 800, 250, 60), new StageContext(AsOf, CustomerLifecycle.Reactivated, AsOf.AddDays(-10))).Stage.Should().Be(CustomerLifecycle.Lapsed, "a won-back customer can lapse again");
    }

    [Fact]
    public void Options_Defaults()
    {
        var o = new LifecycleOptions();
        o.Basis.Should().Be(LifecycleBasis.Rhythm);
        o.NewPeriod.Should().Be(TimeSpan.FromDays(30));
        (o.AtRiskRhythmMultiple, o.LapsedRhythmMultiple, o.LostRhythmMultiple).Should().Be((2.0, 3.0, 6.0));
        (o.AtRiskProbability, o.LapsedProbability, o.LostProbability).Should().Be((0.5, 0.25, 0.1));
        (o.AtRiskAfter, o.LapsedAfter, o.LostAfter).Should().Be((TimeSpan.FromDays(90), TimeSpan.FromDays(180), TimeSpan.FromDays(365)));
        o.ReactivatedPeriod.Should().Be(TimeSpan.FromDays(90));
    }

    public static TheoryData<string, Action<LifecycleOptions>> InvalidOptions => new()
    {
        { "Basis", o => o.Basis = (LifecycleBasis)9 },
        { "NewPeriod", o => o.NewPeriod = TimeSpan.Zero },
        { "LapsedRhythmMultiple", o => o.LapsedRhythmMultiple = 1.5 },
        { "LostRhythmMultiple", o => o.LostRhythmMultiple = 2.5 },
        { "AtRiskRhythmMultiple", o => o.AtRiskRhythmMultiple = double.NaN },
        { "LostProbability", o => o.LostProbability = 0.3 },
        { "AtRiskProbability", o => o.AtRiskProbability = 1 },
        { "LapsedAfter", o => o.LapsedAfter = TimeSpan.FromDays(60) },
        { "LostAfter", o => o.LostAfter = TimeSpan.FromDays(100) },
        { "ReactivatedPeriod", o => o.ReactivatedPeriod = TimeSpan.FromDays(-1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Create_InvalidOptions_ThrowNamingTheOption(string option, Action<LifecycleOptions> spoil)
    {
        var o = new LifecycleOptions();
        spoil(o);
        Action act = () => CustomerLifecycle.Create(o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*LifecycleOptions.{option}*");
    }
}
