namespace RelationshipKit.Samples.Store;

/// <summary>The sample's clock: "now" is the moment today's contact plan is made for, so the simulated history is in the past.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
