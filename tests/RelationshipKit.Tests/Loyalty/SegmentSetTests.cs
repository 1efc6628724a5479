using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class SegmentSetTests
{
    private static SegmentSet Set() => new(
    [
        new SegmentDefinition("birthdaySoon", SegmentPredicates.BirthdayWithin(7), "birthday within a week"),
        new SegmentDefinition("birthdayMonth", SegmentPredicates.BirthdayThisMonth(), "birthday this month"),
        new SegmentDefinition("lyon", SegmentPredicates.InLocality("Lyon"), "lives in Lyon"),
        new SegmentDefinition("advocates", SegmentPredicates.InLoyaltyStage(LoyaltyLadder.Advocate), "loyalty stage advocate"),
        new SegmentDefinition("slipping", SegmentPredicates.Any(SegmentPredicates.InLifecycleStage(CustomerLifecycle.AtRisk), SegmentPredicates.ProbabilityAliveBelow(0.3)), "at risk or unlikely alive"),
        new SegmentDefinition("valuableUnhappy", SegmentPredicates.All(SegmentPredicates.LifetimeValueAtLeast(500), SegmentPredicates.HasOpenComplaint()), "valuable with an open complaint"),
        new SegmentDefinition("notBuyer", SegmentPredicates.Not(SegmentPredicates.PurchasesAtLeast(1)), "never bought"),
    ]);

    [Fact]
    public void Evaluate_ACustomerMayBelongToSeveralSegments()
    {
        SegmentSet set = Set();
        var state = new LoyaltyState(Id(), 3, AsOf.AddDays(-300), AsOf.AddDays(-10), TimeSpan.FromDays(90), 900m, probabilityAlive: 0.2, lifetimeValue: 800, openComplaints: 1, birthDate: new DateOnly(1990, 6, 18), locality: "LYON");
        SegmentMembership m = set.Evaluate(state, new LoyaltyContext(AsOf, LoyaltyLadder.Advocate, CustomerLifecycle.Active));
        m.GetNames().Should().Equal("birthdaySoon", "birthdayMonth", "lyon", "advocates", "slipping", "valuableUnhappy");
        m.Count.Should().Be(6);
        m.Contains("lyon").Should().BeTrue();
        m.Contains("notBuyer").Should().BeFalse();
        m.Contains(6).Should().BeFalse();
        m.Contains(0).Should().BeTrue();
        m.Set.Should().BeSameAs(set);
        m.ToString().Should().Be("birthdaySoon, birthdayMonth, lyon, advocates, slipping, valuableUnhappy");
    }

    [Fact]
    public void Evaluate_OtherCustomer_OtherSegments()
    {
        SegmentMembership m = Set().Evaluate(new LoyaltyState(Id(), birthDate: new DateOnly(1970, 7, 30), locality: "Paris"), new LoyaltyContext(AsOf));
        m.GetNames().Should().Equal("notBuyer");
        Set().Evaluate(Buyer(2, 50, 5), new LoyaltyContext(AsOf, default, CustomerLifecycle.AtRisk)).GetNames().Should().Equal("slipping");
        Set().Evaluate(Buyer(2, 50, 5), new LoyaltyContext(AsOf)).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void BirthdayWithin_WrapsTheYear()
    {
        SegmentPredicate soon = SegmentPredicates.BirthdayWithin(7);
        var state = new LoyaltyState(Id(), birthDate: new DateOnly(1990, 1, 3));
        var newYearsEve = new LoyaltyContext(new DateTimeOffset(2025, 12, 30, 0, 0, 0, TimeSpan.Zero));
        soon(in state, in newYearsEve).Should().BeTrue();
        var july = new LoyaltyContext(AsOf);
        soon(in state, in july).Should().BeFalse();
    }

    [Fact]
    public void EvaluateSpan_EqualsOneAtATime()
    {
        SegmentSet set = Set();
        LoyaltyState[] states = [Prospect("a"), Buyer(1, 5, 5, id: "b", locality: "lyon"), new LoyaltyState(Id("c"), birthDate: new DateOnly(2000, 6, 16))];
        var memberships = new SegmentMembership[3];
        set.Evaluate(states, AsOf, memberships);
        for (int i = 0; i < states.Length; i++)
        {
            memberships[i].Should().Be(set.Evaluate(states[i], new LoyaltyContext(AsOf)));
        }
    }

    [Fact]
    public void Constructor_AndMethods_BadArguments_Throw()
    {
        SegmentDefinition any = new("x", (in _, in _) => true, "all");
        Action duplicate = () => _ = new SegmentSet([any, any]);
        duplicate.Should().Throw<ArgumentException>().WithParameterName("segments");
        Action tooMany = () => _ = new SegmentSet(Enumerable.Range(0, 65).Select(i => new SegmentDefinition($"s{i}", (in _, in _) => true, "d")));
        tooMany.Should().Throw<ArgumentException>().WithParameterName("segments");
        Action nullOne = () => _ = new SegmentSet([null!]);
        nullOne.Should().Throw<ArgumentNullException>();
        Action badName = () => _ = new SegmentDefinition("Bad Name", (in _, in _) => true, "d");
        badName.Should().Throw<ArgumentException>().WithParameterName("name");
        Action noDescription = () => _ = new SegmentDefinition("ok", (in _, in _) => true, "");
        noDescription.Should().Throw<ArgumentException>().WithParameterName("description");
        Action nullPredicate = () => _ = new SegmentDefinition("ok", null!, "d");
        nullPredicate.Should().Throw<ArgumentNullException>().WithParameterName("predicate");
        SegmentSet set = Set();
        Action defaultState = () => set.Evaluate(default(LoyaltyState), new LoyaltyContext(AsOf));
        defaultState.Should().Throw<ArgumentException>().WithParameterName("state");
        Action defaultContext = () => set.Evaluate(Prospect(), default(LoyaltyContext));
        defaultContext.Should().Throw<ArgumentException>().WithParameterName("context");
        Action shortSpan = () => set.Evaluate([Prospect()], AsOf, Span<SegmentMembership>.Empty);
        shortSpan.Should().Throw<ArgumentException>().WithParameterName("memberships");
        SegmentMembership m = set.Evaluate(Prospect(), new LoyaltyContext(AsOf));
        Action unknown = () => m.Contains("ghost");
        unknown.Should().Throw<ArgumentException>().WithParameterName("name");
        Action outside = () => m.Contains(7);
        outside.Should().Throw<ArgumentOutOfRangeException>();
        Action badWindow = () => SegmentPredicates.BirthdayWithin(400);
        badWindow.Should().Throw<ArgumentOutOfRangeException>();
        Action badLocality = () => SegmentPredicates.InLocality(" ");
        badLocality.Should().Throw<ArgumentException>();
        Action emptyAll = () => SegmentPredicates.All();
        emptyAll.Should().Throw<ArgumentException>();
        Action badP = () => SegmentPredicates.ProbabilityAliveBelow(0);
        badP.Should().Throw<ArgumentOutOfRangeException>();
        Action defaultStage = () => SegmentPredicates.InLoyaltyStage(default);
        defaultStage.Should().Throw<ArgumentException>();
        Action badTime = () => _ = new LoyaltyContext(default);
        badTime.Should().Throw<ArgumentException>().WithParameterName("asOf");
        set.IndexOf("lyon").Should().Be(2);
        set.IndexOf("ghost").Should().Be(-1);
    }

    [Fact]
    public void Predicates_OverScoresHouseholdAndRegion()
    {
        var state = new LoyaltyState(Id(), 2, AsOf.AddDays(-10), AsOf, null, 0m, rfmSegment: "Champions", tier: "gold", region: "Norte", householdId: "h1", referrals: 2);
        var context = new LoyaltyContext(AsOf);
        SegmentPredicates.RfmSegment("champions")(in state, in context).Should().BeTrue();
        SegmentPredicates.Tier("GOLD")(in state, in context).Should().BeTrue();
        SegmentPredicates.InRegion("norte")(in state, in context).Should().BeTrue();
        SegmentPredicates.InAnyHousehold()(in state, in context).Should().BeTrue();
        SegmentPredicates.InHousehold("h2")(in state, in context).Should().BeFalse();
        SegmentPredicates.ReferralsAtLeast(2)(in state, in context).Should().BeTrue();
        SegmentPredicates.ReferralsAtLeast(3)(in state, in context).Should().BeFalse();
    }
}
