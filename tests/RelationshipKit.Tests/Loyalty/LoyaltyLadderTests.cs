using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.Loyalty;

public sealed class LoyaltyLadderTests
{
    private static readonly StageModel Ladder = LoyaltyLadder.Create();

    public static TheoryData<string, LoyaltyState, string> EveryRung => new()
    {
        { "prospect", Prospect(), "no purchase yet" },
        { "purchaser", Buyer(1, 10, 10), "first purchase made" },
        { "client", Buyer(2, 60, 10), "2+ purchase periods" },
        { "supporter", Buyer(2, 60, 10, positiveOpinions: 1), "client with 1+ positive opinions, no open complaint" },
        { "advocate", Buyer(3, 60, 10, positiveOpinions: 4, referrals: 1), "client with 1+ referrals, no open complaint" },
        { "partner", Buyer(3, 60, 10, referrals: 2, coCreations: 3), "client flagged as partner or with 3+ co-creations, no open complaint" },
        { "partner", Buyer(2, 60, 10, isPartner: true), "client flagged as partner or with 3+ co-creations, no open complaint" },
    };

    [Theory]
    [MemberData(nameof(EveryRung))]
    public void Create_EachRungIsReached_WithItsReason(string expected, LoyaltyState state, string reason)
    {
        StageAssignment a = Ladder.Assign(state, AsOf);
        a.Stage.Name.Should().Be(expected);
        a.Reason.Should().Be(reason);
    }

    [Fact]
    public void Create_SpendAlone_NeverLiftsAboveClient()
    {
        Ladder.Assign(Buyer(1, 10, 10, totalSpend: 1_000_000m), AsOf).Stage.Should().Be(LoyaltyLadder.Purchaser);
        Ladder.Assign(Buyer(40, 700, 1, 17, totalSpend: 1_000_000m), AsOf).Stage.Should().Be(LoyaltyLadder.Client);
    }

    [Fact]
    public void Create_UpperRungsNeedRepeatPurchases()
    {
        Ladder.Assign(Buyer(1, 10, 10, referrals: 5, positiveOpinions: 5, isPartner: true), AsOf).Stage.Should().Be(LoyaltyLadder.Purchaser);
        Ladder.Assign(new LoyaltyState(Id(), referrals: 3), AsOf).Stage.Should().Be(LoyaltyLadder.Prospect);
    }

    [Fact]
    public void Create_OpenComplaint_HoldsBelowSupporter_UnlessTurnedOff()
    {
        LoyaltyState aggrieved = Buyer(3, 60, 10, referrals: 2, openComplaints: 1);
        Ladder.Assign(aggrieved, AsOf).Stage.Should().Be(LoyaltyLadder.Client);
        LoyaltyLadder.Create(new LoyaltyLadderOptions { OpenComplaintBlocksUpperRungs = false }).Assign(aggrieved, AsOf).Stage.Should().Be(LoyaltyLadder.Advocate);
    }

    [Fact]
    public void Create_Thresholds_AreOptions()
    {
        StageModel strict = LoyaltyLadder.Create(new LoyaltyLadderOptions { ClientMinimumPurchases = 3, AdvocateMinimumReferrals = 2 });
        strict.Assign(Buyer(2, 60, 10), AsOf).Stage.Should().Be(LoyaltyLadder.Purchaser);
        strict.Assign(Buyer(3, 60, 10, referrals: 1), AsOf).Stage.Should().Be(LoyaltyLadder.Client);
        strict.Assign(Buyer(3, 60, 10, referrals: 2), AsOf).Stage.Should().Be(LoyaltyLadder.Advocate);
        strict.Name.Should().Be(LoyaltyLadder.ModelName);
        strict.Stages.Should().Equal(LoyaltyLadder.Prospect, LoyaltyLadder.Purchaser, LoyaltyLadder.Client, LoyaltyLadder.Supporter, LoyaltyLadder.Advocate, LoyaltyLadder.Partner);
    }

    [Fact]
    public void Options_Defaults()
    {
        var o = new LoyaltyLadderOptions();
        o.ClientMinimumPurchases.Should().Be(2);
        o.SupporterMinimumPositiveOpinions.Should().Be(1);
        o.AdvocateMinimumReferrals.Should().Be(1);
        o.PartnerMinimumCoCreations.Should().Be(3);
        o.OpenComplaintBlocksUpperRungs.Should().BeTrue();
    }

    [Theory]
    [InlineData(nameof(LoyaltyLadderOptions.ClientMinimumPurchases))]
    [InlineData(nameof(LoyaltyLadderOptions.SupporterMinimumPositiveOpinions))]
    [InlineData(nameof(LoyaltyLadderOptions.AdvocateMinimumReferrals))]
    [InlineData(nameof(LoyaltyLadderOptions.PartnerMinimumCoCreations))]
    public void Create_InvalidOptions_ThrowNamingTheOption(string option)
    {
        var o = new LoyaltyLadderOptions();
        typeof(LoyaltyLadderOptions).GetProperty(option)!.SetValue(o, 0);
        Action act = () => LoyaltyLadder.Create(o);
        act.Should().Throw<OptionsValidationException>().WithMessage($"*LoyaltyLadderOptions.{option}*");
    }
}
