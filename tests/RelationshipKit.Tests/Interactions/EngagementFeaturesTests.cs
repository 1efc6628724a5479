using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class EngagementFeaturesTests
{
    private static Interaction Out(string id, InteractionKind kind, Channel channel, DateTimeOffset at) =>
        Make(id, kind: kind, channel: channel, direction: InteractionDirection.Outbound, at: at);

    private static Interaction In(string id, InteractionKind kind, Channel channel, DateTimeOffset at, string? outcome = null) =>
        Make(id, kind: kind, channel: channel, direction: InteractionDirection.Inbound, at: at, outcome: outcome);

    [Fact]
    public void FromHistory_CountsAndLatestTimesPerChannelAndKind_WhateverTheArrivalOrder()
    {
        DateTimeOffset t = Now.AddDays(-10);
        EngagementFeatures f = EngagementFeatures.FromHistory(C("c1"),
        [
            In("a", InteractionKind.Purchase, Channel.Web, t.AddDays(3)),
            In("b", InteractionKind.Purchase, Channel.Web, t.AddDays(1)),
            Out("c", InteractionKind.CampaignSent, Channel.Email, t.AddDays(2)),
            In("d", InteractionKind.Visit, Channel.StoreVisit, t),
        ]);
        f.InteractionCount.Should().Be(4);
        f.InboundCount.Should().Be(3);
        f.OutboundCount.Should().Be(1);
        f.FirstContactAt.Should().Be(t);
        f.LastContactAt.Should().Be(t.AddDays(3));
        f.LastInboundAt.Should().Be(t.AddDays(3));
        f.LastOutboundAt.Should().Be(t.AddDays(2));
        f.Channels.Select(c => c.Channel.Name).Should().Equal("email", "storeVisit", "web");
        f.GetChannel(Channel.Web)!.Count.Should().Be(2);
        f.GetChannel(Channel.Web)!.LastAt.Should().Be(t.AddDays(3));
        f.GetChannel(Channel.Sms).Should().BeNull();
        f.Kinds.Select(k => k.Kind.Name).Should().Equal("campaignSent", "purchase", "visit");
        f.CountOf(InteractionKind.Purchase).Should().Be(2);
        f.LastAtOf(InteractionKind.Purchase).Should().Be(t.AddDays(3));
        f.CountOf(InteractionKind.Chat).Should().Be(0);
        f.LastAtOf(InteractionKind.Chat).Should().BeNull();
        f.TimeSinceLastContact(Now).Should().Be(TimeSpan.FromDays(7));
    }

    [Fact]
    public void FromHistory_HostKinds_AreCountedToo()
    {
        EngagementFeatures f = EngagementFeatures.FromHistory(C("c1"),
            [Make("a", kind: new InteractionKind("warrantyClaim")), Make("b", kind: new InteractionKind("warrantyClaim"), at: Now)]);
        f.CountOf(new InteractionKind("warrantyClaim")).Should().Be(2);
        f.LastAtOf(new InteractionKind("warrantyClaim")).Should().Be(Now);
    }

    [Fact]
    public void ResponseRate_IsRespondedOverDeliveredElseSent_CappedAtOne()
    {
        DateTimeOffset t = Now.AddDays(-5);
        var sentOnly = new List<Interaction>();
        for (int n = 0; n < 4; n++)
        {
            sentOnly.Add(Out($"s{n}", InteractionKind.CampaignSent, Channel.Email, t));
        }

        sentOnly.Add(In("r", InteractionKind.CampaignResponded, Channel.Email, t));
        sentOnly.Add(In("k1", InteractionKind.CampaignClicked, Channel.Email, t));
        sentOnly.Add(In("k2", InteractionKind.CampaignClicked, Channel.Email, t));
        ChannelEngagement email = EngagementFeatures.FromHistory(C("c1"), sentOnly).GetChannel(Channel.Email)!;
        email.Sent.Should().Be(4);
        email.Reached.Should().Be(4);
        email.ResponseRate.Should().Be(0.25);
        email.ClickRate.Should().Be(0.5);

        sentOnly.Add(Out("d1", InteractionKind.CampaignDelivered, Channel.Email, t));
        sentOnly.Add(Out("d2", InteractionKind.CampaignDelivered, Channel.Email, t));
        email = EngagementFeatures.FromHistory(C("c1"), sentOnly).GetChannel(Channel.Email)!;
        email.Reached.Should().Be(2);
        email.ResponseRate.Should().Be(0.5);
        email.ClickRate.Should().Be(1);

        sentOnly.Add(In("k3", InteractionKind.CampaignClicked, Channel.Email, t));
        EngagementFeatures.FromHistory(C("c1"), sentOnly).GetChannel(Channel.Email)!.ClickRate.Should().Be(1, "inconsistent logs are capped");

        ChannelEngagement web = EngagementFeatures.FromHistory(C("c1"), [In("p", InteractionKind.Purchase, Channel.Web, t)]).GetChannel(Channel.Web)!;
        web.ResponseRate.Should().BeNull();
        web.ClickRate.Should().BeNull();
    }

    [Fact]
    public void Complaints_OpenUntilResolvedOldestFirst_AndRates()
    {
        DateTimeOffset t = Now.AddDays(-20);
        var history = new List<Interaction>
        {
            In("r0", InteractionKind.ComplaintResolved, Channel.ContactCentre, t.AddDays(-1)), // nothing open yet: ignored
            In("k1", InteractionKind.Complaint, Channel.ContactCentre, t),
            In("k2", InteractionKind.Complaint, Channel.Email, t.AddDays(1)),
            In("k3", InteractionKind.Complaint, Channel.Phone, t.AddDays(2), outcome: Interaction.ResolvedOutcome),
            In("p", InteractionKind.Purchase, Channel.Web, t.AddDays(3)),
        };
        EngagementFeatures f = EngagementFeatures.FromHistory(C("c1"), history);
        f.ComplaintCount.Should().Be(3);
        f.ResolvedComplaintCount.Should().Be(1);
        f.OpenComplaintCount.Should().Be(2);
        f.LastComplaintAt.Should().Be(t.AddDays(2));
        f.ComplaintRate.Should().Be(3d / 5);
        f.ResolutionRate.Should().Be(1d / 3);

        history.Add(In("r1", InteractionKind.ComplaintResolved, Channel.ContactCentre, t.AddDays(4)));
        history.Add(In("r2", InteractionKind.ComplaintResolved, Channel.ContactCentre, t.AddDays(5)));
        history.Add(In("r3", InteractionKind.ComplaintResolved, Channel.ContactCentre, t.AddDays(6)));
        f = EngagementFeatures.FromHistory(C("c1"), history);
        f.OpenComplaintCount.Should().Be(0);
        f.ResolutionRate.Should().Be(1);

        EngagementFeatures none = EngagementFeatures.FromHistory(C("c1"), []);
        none.ComplaintRate.Should().BeNull();
        none.ResolutionRate.Should().BeNull();
        none.LastContactAt.Should().BeNull();
        none.TimeSinceLastContact(Now).Should().BeNull();
        none.AverageRating.Should().BeNull();
        none.AverageSentiment.Should().BeNull();
    }

    [Fact]
    public void RatingsAndSentiment_AreAveraged()
    {
        EngagementFeatures f = EngagementFeatures.FromHistory(C("c1"),
        [
            Make("a", kind: InteractionKind.Review, rating: 8, sentiment: 0.5),
            Make("b", kind: InteractionKind.Opinion, rating: 3),
            Make("c", kind: InteractionKind.Opinion, sentiment: -1),
        ]);
        f.RatingCount.Should().Be(2);
        f.AverageRating.Should().Be(5.5);
        f.SentimentCount.Should().Be(2);
        f.AverageSentiment.Should().Be(-0.25);
    }

    [Fact]
    public void InferPreferredChannel_MostSignalsThenMostRecent_SkipsUnsubscribedAndWeakChannels()
    {
        DateTimeOffset t = Now.AddDays(-30);
        var history = new List<Interaction>
        {
            In("w1", InteractionKind.Inquiry, Channel.Web, t),
            In("w2", InteractionKind.Browse, Channel.Web, t.AddDays(1)),
            In("s1", InteractionKind.CampaignResponded, Channel.Sms, t.AddDays(2)),
            Out("s2", InteractionKind.CampaignClicked, Channel.Sms, t.AddDays(3)),
            In("e1", InteractionKind.CampaignOpened, Channel.Email, t.AddDays(4)),
            In("e2", InteractionKind.CampaignOpened, Channel.Email, t.AddDays(5)),
            In("e3", InteractionKind.CampaignOpened, Channel.Email, t.AddDays(6)),
            In("k", InteractionKind.Complaint, Channel.Phone, t.AddDays(7)),
            In("k2", InteractionKind.Complaint, Channel.Phone, t.AddDays(8)),
        };
        EngagementFeatures f = EngagementFeatures.FromHistory(C("c1"), history);
        f.GetChannel(Channel.Email)!.Signals.Should().Be(0, "opens are not signals");
        f.GetChannel(Channel.Phone)!.Signals.Should().Be(0, "complaints are not signals");
        f.GetChannel(Channel.Sms)!.Signals.Should().Be(2);
        f.InferPreferredChannel(2).Should().Be(Channel.Sms, "a tie on signals goes to the more recent");
        f.InferPreferredChannel(3).Should().BeNull();

        history.Add(In("s3", InteractionKind.CampaignUnsubscribed, Channel.Sms, t.AddDays(9)));
        f = EngagementFeatures.FromHistory(C("c1"), history);
        f.GetChannel(Channel.Sms)!.Unsubscribed.Should().Be(1);
        f.GetChannel(Channel.Sms)!.LastUnsubscribedAt.Should().Be(t.AddDays(9));
        f.InferPreferredChannel(2).Should().Be(Channel.Web);

        Action zero = () => f.InferPreferredChannel(0);
        zero.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void FromHistory_InvalidArguments_Throw()
    {
        Action nullHistory = () => EngagementFeatures.FromHistory(C("c1"), null!);
        nullHistory.Should().Throw<ArgumentNullException>();
        Action defaultCustomer = () => EngagementFeatures.FromHistory(default, []);
        defaultCustomer.Should().Throw<ArgumentException>();
        Action otherCustomer = () => EngagementFeatures.FromHistory(C("c1"), [Make("a", "c2")]);
        otherCustomer.Should().Throw<ArgumentException>().WithMessage("*c2*");
        Action nullItem = () => EngagementFeatures.FromHistory(C("c1"), [null!]);
        nullItem.Should().Throw<ArgumentException>();
    }
}
