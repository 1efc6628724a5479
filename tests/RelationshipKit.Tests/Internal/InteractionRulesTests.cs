using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class InteractionRulesTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void LatestUtcTicksFor_SystemClock_StaysBetweenReadingsTakenAroundIt()
    {
        var rules = new InteractionRules(new InteractionOptions { FutureTolerance = Tolerance }, TimeProvider.System);
        long first = DateTimeOffset.UtcNow.UtcTicks + Tolerance.Ticks;
        for (int i = 0; i < 1_000; i++)
        {
            // An instant the reading accepts (now) and one it does not (an hour ahead): the answer is never later
            // than a fresh reading and never earlier than one taken before the first call.
            long now = DateTimeOffset.UtcNow.UtcTicks;
            long accepted = rules.LatestUtcTicks(now);
            long refused = rules.LatestUtcTicks(now + TimeSpan.FromHours(1).Ticks);
            long after = DateTimeOffset.UtcNow.UtcTicks + Tolerance.Ticks;
            accepted.Should().BeGreaterThanOrEqualTo(first).And.BeLessThanOrEqualTo(after).And.BeGreaterThanOrEqualTo(now);
            refused.Should().BeGreaterThanOrEqualTo(now + Tolerance.Ticks).And.BeLessThanOrEqualTo(after)
                .And.BeLessThan(now + TimeSpan.FromHours(1).Ticks);
        }
    }

    [Fact]
    public void LatestUtcTicksFor_HostClock_IsReadEveryTimeEvenWhenItGoesBack()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var rules = new InteractionRules(new InteractionOptions { FutureTolerance = Tolerance }, clock);
        long instant = clock.GetUtcNow().UtcTicks;
        rules.LatestUtcTicks(instant).Should().Be(instant + Tolerance.Ticks);
        clock.AdjustTime(clock.GetUtcNow().AddHours(-1));
        rules.LatestUtcTicks(instant).Should().Be(instant - TimeSpan.FromHours(1).Ticks + Tolerance.Ticks);
    }

    [Fact]
    public void LatestUtcTicksFor_NoInstantAcceptedThatAFreshReadingRefuses()
    {
        var rules = new InteractionRules(new InteractionOptions { FutureTolerance = TimeSpan.Zero }, TimeProvider.System);
        _ = rules.LatestUtcTicks(DateTimeOffset.UtcNow.UtcTicks); // a reading to reuse
        long ahead = DateTimeOffset.UtcNow.AddSeconds(30).UtcTicks;
        rules.LatestUtcTicks(ahead).Should().BeLessThan(ahead);
    }
}
