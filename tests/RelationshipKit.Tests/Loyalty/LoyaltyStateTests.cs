using RelationshipKit.Differentiation;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Summaries;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class LoyaltyStateTests
{
    [Fact]
    public void Constructor_KeepsEveryFigure()
    {
        var state = new LoyaltyState(
            Id(),
            purchaseCount: 3,
            firstPurchase: AsOf.AddDays(-100).ToOffset(TimeSpan.FromHours(2)),
            lastPurchase: AsOf.AddDays(-10),
            meanInterPurchaseTime: TimeSpan.FromDays(45),
            totalSpend: 120.5m,
            probabilityAlive: 0.8,
            lifetimeValue: 300,
            rfm: new RfmScore(5, 4, 3),
            rfmSegment: "champions",
            tier: "gold",
            positiveOpinions: 2,
            referrals: 1,
            coCreations: 4,
            openComplaints: 1,
            resolvedComplaints: 2,
            lastComplaint: AsOf.AddDays(-5),
            isPartner: true,
            birthDate: new DateOnly(1990, 6, 20),
            locality: "Lyon",
            region: "ARA",
            householdId: "h1",
            favouriteCategory: "tea");
        state.HasPurchased.Should().BeTrue();
        state.FirstPurchase.Should().Be(AsOf.AddDays(-100));
        state.FirstPurchase!.Value.Offset.Should().Be(TimeSpan.Zero);
        state.LastPurchase.Should().Be(AsOf.AddDays(-10));
        state.MeanInterPurchaseTime.Should().Be(TimeSpan.FromDays(45));
        (state.TotalSpend, state.ProbabilityAlive, state.LifetimeValue).Should().Be((120.5m, 0.8, 300.0));
        (state.Rfm, state.RfmSegment, state.Tier).Should().Be((new RfmScore(5, 4, 3), "champions", "gold"));
        (state.PositiveOpinions, state.Referrals, state.CoCreations, state.OpenComplaints, state.ResolvedComplaints).Should().Be((2, 1, 4, 1, 2));
        state.LastComplaint.Should().Be(AsOf.AddDays(-5));
        state.IsPartner.Should().BeTrue();
        state.BirthDate.Should().Be(new DateOnly(1990, 6, 20));
        (state.Locality, state.Region, state.HouseholdId, state.FavouriteCategory).Should().Be(("Lyon", "ARA", "h1", "tea"));
        state.TimeSinceLastPurchase(AsOf).Should().Be(TimeSpan.FromDays(10));
        state.TimeSinceFirstPurchase(AsOf).Should().Be(TimeSpan.FromDays(100));
        state.DaysUntilBirthday(AsOf).Should().Be(5);
    }

    [Fact]
    public void Prospect_HasNoPurchaseFigures()
    {
        LoyaltyState p = Prospect();
        p.HasPurchased.Should().BeFalse();
        p.FirstPurchase.Should().BeNull();
        p.LastPurchase.Should().BeNull();
        p.MeanInterPurchaseTime.Should().BeNull();
        p.ProbabilityAlive.Should().BeNull();
        p.LifetimeValue.Should().BeNull();
        p.BirthDate.Should().BeNull();
        p.TimeSinceLastPurchase(AsOf).Should().BeNull();
        p.DaysUntilBirthday(AsOf).Should().BeNull();
    }

    [Theory]
    [InlineData(2025, 6, 15, 0)]
    [InlineData(2025, 6, 14, 364)] // passed yesterday: next year (2026 is not a leap year)
    [InlineData(2025, 12, 31, 199)]
    public void DaysUntilBirthday_CountsWholeDays(int year, int month, int day, int expected)
    {
        var state = new LoyaltyState(Id(), birthDate: new DateOnly(1980, month, day));
        _ = year;
        state.DaysUntilBirthday(AsOf).Should().Be(expected);
    }

    [Fact]
    public void DaysUntilBirthday_LeapDay_FallsOnFebruary28InOtherYears()
    {
        var state = new LoyaltyState(Id(), birthDate: new DateOnly(2000, 2, 29));
        state.DaysUntilBirthday(new DateTimeOffset(2025, 2, 27, 9, 0, 0, TimeSpan.Zero)).Should().Be(1);
        state.DaysUntilBirthday(new DateTimeOffset(2028, 2, 27, 9, 0, 0, TimeSpan.Zero)).Should().Be(2);
    }

    [Fact]
    public void Constructor_BadFigures_ThrowNamingTheParameter()
    {
        Action[] cases =
        [
            () => _ = new LoyaltyState(default),
            () => _ = new LoyaltyState(Id(), purchaseCount: -1),
            () => _ = new LoyaltyState(Id(), purchaseCount: 1, lastPurchase: AsOf),
            () => _ = new LoyaltyState(Id(), purchaseCount: 1, firstPurchase: AsOf),
            () => _ = new LoyaltyState(Id(), purchaseCount: 1, firstPurchase: AsOf, lastPurchase: AsOf.AddDays(-1)),
            () => _ = new LoyaltyState(Id(), firstPurchase: AsOf),
            () => _ = new LoyaltyState(Id(), purchaseCount: 2, firstPurchase: AsOf, lastPurchase: AsOf, meanInterPurchaseTime: TimeSpan.Zero),
            () => _ = new LoyaltyState(Id(), probabilityAlive: 1.5),
            () => _ = new LoyaltyState(Id(), probabilityAlive: double.NaN),
            () => _ = new LoyaltyState(Id(), lifetimeValue: double.PositiveInfinity),
            () => _ = new LoyaltyState(Id(), referrals: -1),
            () => _ = new LoyaltyState(Id(), openComplaints: -1),
            () => _ = new LoyaltyState(Id(), lastComplaint: default(DateTimeOffset)),
        ];
        string[] names = ["customerId", "purchaseCount", "firstPurchase", "lastPurchase", "lastPurchase", "firstPurchase", "meanInterPurchaseTime", "probabilityAlive", "probabilityAlive", "lifetimeValue", "referrals", "openComplaints", "lastComplaint"];
        for (int i = 0; i < cases.Length; i++)
        {
            cases[i].Should().Throw<ArgumentException>().WithParameterName(names[i]);
        }
    }

    [Fact]
    public void Create_FromSummaryScoresInteractionsAndProfile()
    {
        // Purchases on 1 Jan, 31 Jan and 2 Mar 2025 (days 0, 30, 60): x = 2 repeat periods, t_x = 60 days, rhythm 30 days.
        var start = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
        CustomerId id = Id();
        var builder = new CustomerSummaryBuilder();
        CustomerSummary summary = builder.Build(
            [new Transaction(id, start, 10m), new Transaction(id, start.AddDays(30), 20m), new Transaction(id, start.AddDays(60), 30m)],
            AsOf,
            null).Single();
        CustomerValue value = new CustomerValue(id, 1.0).WithLifetimeValue(0.7, 2, 50, 120).WithTier("silver");
        Interaction[] interactions =
        [
            new("o1", id, InteractionKind.Opinion, Channel.Web, InteractionDirection.Inbound, start.AddDays(5), rating: 9),
            new("o2", id, InteractionKind.Review, Channel.Web, InteractionDirection.Inbound, start.AddDays(6), sentiment: 0.8),
            new("o3", id, InteractionKind.Review, Channel.Web, InteractionDirection.Inbound, start.AddDays(7), rating: 3, sentiment: 0.9),
            new("r1", id, InteractionKind.Referral, Channel.Web, InteractionDirection.Inbound, start.AddDays(8)),
            new("s1", id, InteractionKind.Suggestion, Channel.Email, InteractionDirection.Inbound, start.AddDays(9)),
            new("k1", id, InteractionKind.Complaint, Channel.Phone, InteractionDirection.Inbound, start.AddDays(10)),
            new("k2", id, InteractionKind.Complaint, Channel.Phone, InteractionDirection.Inbound, start.AddDays(11)),
            new("k3", id, InteractionKind.ComplaintResolved, Channel.Phone, InteractionDirection.Outbound, start.AddDays(12)),
            new("p1", id, InteractionKind.Purchase, Channel.Web, InteractionDirection.Inbound, start, 10m, attributes: [new("category", "tea")]),
            new("p2", id, InteractionKind.Purchase, Channel.Web, InteractionDirection.Inbound, start.AddDays(30), 20m, attributes: [new("category", "coffee")]),
            new("p3", id, InteractionKind.Purchase, Channel.Web, InteractionDirection.Inbound, start.AddDays(60), 30m, attributes: [new("category", "tea")]),
        ];
        GoldenProfile profile = Profile("c1", (IdentityField.BirthDate, "1985-06-20"), (IdentityField.Locality, "Porto"), (IdentityField.Region, "Norte"));

        LoyaltyState state = LoyaltyState.Create(id, summary, value, interactions.Reverse(), profile, householdId: "h9");

        state.PurchaseCount.Should().Be(3);
        state.FirstPurchase.Should().Be(start);
        state.LastPurchase.Should().Be(start.AddDays(60));
        state.MeanInterPurchaseTime.Should().Be(TimeSpan.FromDays(30));
        state.TotalSpend.Should().Be(60m);
        (state.ProbabilityAlive, state.LifetimeValue, state.Tier).Should().Be((0.7, 120.0, "silver"));
        state.PositiveOpinions.Should().Be(2, "rating 9 and sentiment 0.8 are positive; rating 3 decides against its sentiment");
        state.Referrals.Should().Be(1);
        state.CoCreations.Should().Be(1);
        (state.OpenComplaints, state.ResolvedComplaints).Should().Be((1, 1));
        state.LastComplaint.Should().Be(start.AddDays(11));
        state.FavouriteCategory.Should().Be("tea");
        state.BirthDate.Should().Be(new DateOnly(1985, 6, 20));
        (state.Locality, state.Region, state.HouseholdId).Should().Be(("Porto", "Norte", "h9"));
    }

    [Fact]
    public void Create_BadInput_Throws()
    {
        CustomerSummary noHistory = CustomerSummary.Create(Id(), 1, 10, 20, TimeUnit.Day, 5m);
        Action defaultId = () => LoyaltyState.Create(default);
        defaultId.Should().Throw<ArgumentException>().WithParameterName("customerId");
        Action history = () => LoyaltyState.Create(Id(), noHistory);
        history.Should().Throw<ArgumentException>().WithParameterName("summary");
        Action otherSummary = () => LoyaltyState.Create(Id("c2"), noHistory);
        otherSummary.Should().Throw<ArgumentException>().WithParameterName("summary");
        Action otherValue = () => LoyaltyState.Create(Id(), value: new CustomerValue(Id("c2"), 1));
        otherValue.Should().Throw<ArgumentException>().WithParameterName("value");
        Action otherInteraction = () => LoyaltyState.Create(Id(), interactions: [new Interaction("x", Id("c2"), InteractionKind.Referral, Channel.Web, InteractionDirection.Inbound, AsOf)]);
        otherInteraction.Should().Throw<ArgumentException>().WithParameterName("interactions");
        Action nullInteraction = () => LoyaltyState.Create(Id(), interactions: [null!]);
        nullInteraction.Should().Throw<ArgumentException>().WithParameterName("interactions");
        Action badOptions = () => LoyaltyState.Create(Id(), options: new LoyaltyStateOptions { PositiveRating = 11 });
        badOptions.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*LoyaltyStateOptions.PositiveRating*");
    }

    [Fact]
    public void Options_Defaults_AndInvalidMessages()
    {
        var o = new LoyaltyStateOptions();
        (o.PositiveRating, o.PositiveSentiment, o.CategoryAttribute).Should().Be((7, 0.3, "category"));
        o.CoCreationKinds.Should().Equal("suggestion");
        Action sentiment = () => LoyaltyState.Create(Id(), options: new LoyaltyStateOptions { PositiveSentiment = 2 });
        sentiment.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*PositiveSentiment*");
        var kinds = new LoyaltyStateOptions();
        kinds.CoCreationKinds.Add("Not A Kind");
        Action kind = () => LoyaltyState.Create(Id(), options: kinds);
        kind.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*CoCreationKinds*");
        Action attribute = () => LoyaltyState.Create(Id(), options: new LoyaltyStateOptions { CategoryAttribute = " " });
        attribute.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*CategoryAttribute*");
    }
}
