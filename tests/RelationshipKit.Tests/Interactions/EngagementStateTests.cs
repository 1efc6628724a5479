using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class EngagementStateTests
{
    [Fact]
    public void WellKnownKindSlots_CoverEveryWellKnownKind()
    {
        InteractionKind.WellKnown.Count.Should().Be(EngagementState.WellKnownKindSlots);
    }

    [Fact]
    public void Add_OneOfEveryWellKnownKindOnSeveralChannels_CountsEachKindAndChannel()
    {
        var state = new EngagementState();
        Channel[] channels = [Channel.Web, Channel.Email, Channel.Sms, Channel.Phone, Channel.App];
        for (int i = 0; i < InteractionKind.WellKnown.Count; i++)
        {
            state.Add(Make("k" + i, kind: InteractionKind.WellKnown[i], channel: channels[i % channels.Length], at: Now.AddHours(-100 + i)));
        }

        EngagementFeatures features = state.ToFeatures(C("c1"));
        features.Kinds.Should().HaveCount(InteractionKind.WellKnown.Count).And.OnlyContain(k => k.Count == 1);
        features.Kinds.Single(k => k.Kind == InteractionKind.Chat).LastAt.Should().Be(Now.AddHours(-100 + InteractionKind.WellKnown.Count - 1));
        features.Channels.Select(c => c.Channel).Should().BeEquivalentTo(channels);
        features.Channels.Sum(c => c.Count).Should().Be(InteractionKind.WellKnown.Count);
        features.Channels.Single(c => c.Channel == Channel.Web).Count.Should().Be(4); // positions 0, 5, 10, 15
    }
}
