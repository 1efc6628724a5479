using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class NextBestActionEngineTests
{
    private static readonly ContactPolicy Policy = new(new InMemoryInteractionStore(), new InMemoryContactPreferenceStore());

    private static ContactHistory History(string id = "c1", IReadOnlyList<Channel>? preferred = null, IEnumerable<Interaction>? interactions = null, DateTimeOffset? doNotContact = null, params (Channel Channel, ContactPurpose Purpose)[] consents)
    {
        ConsentRecord[] records = [.. consents.Select(c => new ConsentRecord(c.Channel, c.Purpose, ConsentStatus.Granted, AsOf.AddDays(-300), "signup form"))];
        var preferences = new ContactPreferences(Id(id), preferred, null, doNotContact, doNotContact is null ? null : "phone call", records);
        return new ContactHistory(preferences, EngagementFeatures.FromHistory(Id(id), interactions ?? []), []);
    }

    [Fact]
    public void Decide_RanksByWeightTimesUrgency_AndReportsRefusalsApart()
    {
        // Bought every 30 days, last 28 days ago: due in 2 days, u = 1 - 0.5 * 2/7 = 0.857, score 1.5 * 0.857 = 1.286.
        // Birthday in 3 days: u = 1 - 3/8 = 0.625, score 1.5 * 0.625 = 0.9375.
        // Review: purchase 28 days ago, u = 1 - 0.5 * (28 - 7)/(30 - 7) = 0.543, score 0.5 * 0.543 = 0.272; no survey consent.
        LoyaltyState state = Buyer(3, 200, 28, 30, birthDate: new DateOnly(1980, 6, 18));
        var engine = new NextBestActionEngine(Policy);
        NextBestActionResult result = engine.Decide(state, new LoyaltyContext(AsOf), History(consents: (Channel.Email, ContactPurpose.Marketing)));

        result.CustomerId.Should().Be(Id());
        result.AsOf.Should().Be(AsOf);
        result.Actions.Select(a => a.Kind).Should().Equal(NextBestActionKind.Replenishment, NextBestActionKind.Birthday);
        result.Actions[0].Score.Should().BeApproximately(1.5 * (1 - (0.5 * 2 / 7)), 1e-9);
        result.Actions[1].Score.Should().BeApproximately(1.5 * 0.625, 1e-9);
        result.Actions.Should().OnlyContain(a => a.Channel == Channel.Email && a.IsAllowed && a.Purpose == ContactPurpose.Marketing);
        result.Actions[0].Reason.Should().Be("next purchase due on 2025-06-17 (buys every 30 days on average)");
        result.Actions[1].Reason.Should().Be("birthday in 3 days");
        result.Best!.Kind.Should().Be(NextBestActionKind.Replenishment);

        NextBestAction review = result.Refused.Should().ContainSingle().Which;
        review.Kind.Should().Be(NextBestActionKind.AskForReview);
        review.Score.Should().BeApproximately(0.5 * (1 - (0.5 * 21 / 23)), 1e-9);
        review.Purpose.Should().Be(ContactPurpose.Survey);
        review.Channel.Should().BeNull();
        review.IsAllowed.Should().BeFalse();
        review.Decision.HasReason(ContactReasonCode.ConsentMissing).Should().BeTrue();
    }

    [Fact]
    public void Decide_OpenComplaint_ServiceRecoveryAllowed_MarketingRefusedByTheCoolDown()
    {
        var complaint = new Interaction("k1", Id(), InteractionKind.Complaint, Channel.Phone, InteractionDirection.Inbound, AsOf.AddDays(-5));
        LoyaltyState state = Buyer(2, 200, 20, 90, openComplaints: 1, lastComplaint: AsOf.AddDays(-5));
        NextBestActionResult result = new NextBestActionEngine(Policy).Decide(
            state,
            new LoyaltyContext(AsOf, LoyaltyLadder.Client, CustomerLifecycle.AtRisk),
            History(interactions: [complaint], consents: (Channel.Email, ContactPurpose.Marketing)));

        NextBestAction recovery = result.Actions.Should().ContainSingle().Which;
        recovery.Kind.Should().Be(NextBestActionKind.ServiceRecovery);
        recovery.Purpose.Should().Be(ContactPurpose.Service);
        recovery.Channel.Should().Be(Channel.Email);
        recovery.Reason.Should().Be("1 unresolved complaint(s), the latest on 2025-06-10");
        NextBestAction winBack = result.Refused.Should().ContainSingle().Which;
        winBack.Kind.Should().Be(NextBestActionKind.WinBack);
        winBack.Decision.HasReason(ContactReasonCode.ComplaintCoolDown).Should().BeTrue();
    }

    [Fact]
    public void Decide_CrossSellFromCoPurchases_OnThePreferredChannel()
    {
        // Welcome: first purchase 2 days ago, u = 1 - 0.5 * 2/14, score 1.5 * 0.929 = 1.393.
        // Cross-sell: bread's best association is jam (confidence 1/2), score 1 * 0.5.
        CoPurchaseModel coPurchases = CoPurchaseModel.Fit(CoPurchaseModelTests.Baskets);
        var engine = new NextBestActionEngine(Policy).WithCoPurchases(coPurchases);
        engine.CoPurchases.Should().BeSameAs(coPurchases);
        NextBestActionResult result = engine.Decide(
            Buyer(1, 2, 2),
            new LoyaltyContext(AsOf),
            History(preferred: [Channel.Sms], consents: [(Channel.Email, ContactPurpose.Marketing), (Channel.Sms, ContactPurpose.Marketing)]),
            ["bread"]);

        result.Actions.Select(a => a.Kind).Should().Equal(NextBestActionKind.Welcome, NextBestActionKind.CrossSell);
        result.Actions.Should().OnlyContain(a => a.Channel == Channel.Sms, "the customer prefers text messages and consented to them");
        result.Actions[0].Score.Should().BeApproximately(1.5 * (1 - (0.5 * 2 / 14)), 1e-9);
        NextBestAction crossSell = result.Actions[1];
        crossSell.Score.Should().BeApproximately(0.5, 1e-9);
        crossSell.Products.Select(p => p.Associated).Should().Equal("jam", "butter");
        crossSell.Reason.Should().Be("'jam' is often bought with 'bread' (2 baskets, confidence 0.5, lift 1.25)");
        result.Actions[0].Products.Should().BeEmpty();
        result.Refused.Should().BeEmpty();
    }

    [Fact]
    public void Decide_AdvocateAndLapsed_WinBackAndReferral_WeightsConfigurable()
    {
        LoyaltyState state = Buyer(5, 600, 100, 30, referrals: 2);
        var context = new LoyaltyContext(AsOf, LoyaltyLadder.Advocate, CustomerLifecycle.Lapsed);
        ContactHistory history = History(consents: (Channel.Email, ContactPurpose.Marketing));
        new NextBestActionEngine(Policy).Decide(state, context, history).Actions.Select(a => a.Kind)
            .Should().Equal(NextBestActionKind.WinBack, NextBestActionKind.AskForReferral);
        new NextBestActionEngine(Policy, new NextBestActionOptions { WinBackWeight = 0 }).Decide(state, context, history).Actions.Select(a => a.Kind)
            .Should().Equal(NextBestActionKind.AskForReferral);
        new NextBestActionEngine(Policy, new NextBestActionOptions { AskForReferralWeight = 5 }).Decide(state, context, history).Actions.Select(a => a.Kind)
            .Should().Equal(NextBestActionKind.AskForReferral, NextBestActionKind.WinBack);
        new NextBestActionEngine(Policy, new NextBestActionOptions { MaxActions = 1 }).Decide(state, context, history).Actions.Should().ContainSingle();
    }

    [Fact]
    public void Decide_DoNotContact_NothingAllowed_EverythingReportedAsRefused()
    {
        LoyaltyState state = Buyer(3, 200, 28, 30, birthDate: new DateOnly(1980, 6, 18));
        NextBestActionResult result = new NextBestActionEngine(Policy).Decide(state, new LoyaltyContext(AsOf), History(doNotContact: AsOf.AddDays(-1), consents: (Channel.Email, ContactPurpose.Marketing)));
        result.Actions.Should().BeEmpty();
        result.Best.Should().BeNull();
        result.Refused.Select(a => a.Kind).Should().Equal(NextBestActionKind.Replenishment, NextBestActionKind.Birthday, NextBestActionKind.AskForReview);
        result.Refused.Should().OnlyContain(a => a.Decision.HasReason(ContactReasonCode.DoNotContact));
    }

    [Fact]
    public void Decide_IsPure()
    {
        var engine = new NextBestActionEngine(Policy);
        LoyaltyState state = Buyer(3, 200, 28, 30, birthDate: new DateOnly(1980, 6, 18));
        ContactHistory history = History(consents: (Channel.Email, ContactPurpose.Marketing));
        NextBestActionResult a = engine.Decide(state, new LoyaltyContext(AsOf), history);
        NextBestActionResult b = engine.Decide(state, new LoyaltyContext(AsOf), history);
        a.Actions.Select(x => (x.Kind, x.Score, x.Reason, x.Channel)).Should().Equal(b.Actions.Select(x => (x.Kind, x.Score, x.Reason, x.Channel)));
    }

    [Fact]
    public void Methods_BadArguments_Throw()
    {
        Action nullPolicy = () => _ = new NextBestActionEngine(null!);
        nullPolicy.Should().Throw<ArgumentNullException>().WithParameterName("policy");
        var engine = new NextBestActionEngine(Policy);
        Action nullHistory = () => engine.Decide(Prospect(), new LoyaltyContext(AsOf), null!);
        nullHistory.Should().Throw<ArgumentNullException>().WithParameterName("history");
        Action defaultState = () => engine.Decide(default, new LoyaltyContext(AsOf), History());
        defaultState.Should().Throw<ArgumentException>().WithParameterName("state");
        Action defaultContext = () => engine.Decide(Prospect(), default, History());
        defaultContext.Should().Throw<ArgumentException>().WithParameterName("context");
        Action otherCustomer = () => engine.Decide(Prospect("c2"), new LoyaltyContext(AsOf), History());
        otherCustomer.Should().Throw<ArgumentException>().WithParameterName("history");
    }

    [Fact]
    public void Options_Defaults()
    {
        var o = new NextBestActionOptions();
        o.RequestedChannel.Should().Be("email");
        (o.WelcomeWeight, o.ThankYouWeight, o.CrossSellWeight, o.ReplenishmentWeight, o.BirthdayWeight).Should().Be((1.5, 1.0, 1.0, 1.5, 1.5));
        (o.WinBackWeight, o.ServiceRecoveryWeight, o.AskForReviewWeight, o.AskForReferralWeight).Should().Be((2.0, 3.0, 0.5, 1.0));
        (o.WelcomePeriod, o.ThankYouPeriod, o.ReviewDelay, o.ReviewPeriod, o.ReplenishmentLead).Should().Be((TimeSpan.FromDays(14), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(7)));
        (o.BirthdayWindowDays, o.CrossSellCount, o.MaxActions).Should().Be((7, 3, 10));
    }

    public static TheoryData<string, Action<NextBestActionOptions>> InvalidOptions => new()
    {
        { "RequestedChannel", o => o.RequestedChannel = "E Mail" },
        { "WinBackWeight", o => o.WinBackWeight = -1 },
        { "BirthdayWeight", o => o.BirthdayWeight = double.NaN },
        { "WelcomePeriod", o => o.WelcomePeriod = TimeSpan.Zero },
        { "ReviewDelay", o => o.ReviewDelay = TimeSpan.FromDays(40) },
        { "ReplenishmentLead", o => o.ReplenishmentLead = TimeSpan.FromDays(-1) },
        { "BirthdayWindowDays", o => o.BirthdayWindowDays = 61 },
        { "CrossSellCount", o => o.CrossSellCount = 0 },
        { "MaxActions", o => o.MaxActions = 101 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowNamingTheOption(string option, Action<NextBestActionOptions> spoil)
    {
        var o = new NextBestActionOptions();
        spoil(o);
        Action act = () => _ = new NextBestActionEngine(Policy, o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*NextBestActionOptions.{option}*");
    }
}
