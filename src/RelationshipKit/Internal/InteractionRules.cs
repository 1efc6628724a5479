using System.Globalization;
using RelationshipKit.Interactions;

namespace RelationshipKit.Internal;

/// <summary>
/// The context-dependent rules of <see cref="InteractionOptions"/> (the clock and the declared kinds), applied by
/// every store and by the NDJSON import on top of the <see cref="Interaction"/> constructor's checks.
/// </summary>
internal sealed class InteractionRules
{
    private readonly HashSet<string> _customKinds;
    private readonly long _futureToleranceTicks;
    private readonly long _earliestUtcTicks;
    private readonly DateTimeOffset _earliest;

    public InteractionRules(InteractionOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid();
        _customKinds = new HashSet<string>(options.CustomKinds, StringComparer.Ordinal);
        _futureToleranceTicks = options.FutureTolerance.Ticks;
        _earliest = options.EarliestOccurredAt;
        _earliestUtcTicks = options.EarliestOccurredAt.UtcTicks;
        TimeProvider = timeProvider;
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>The latest accepted UTC ticks as of now.</summary>
    public long LatestUtcTicks()
    {
        long now = TimeProvider.GetUtcNow().UtcTicks;
        long latest = now + _futureToleranceTicks;
        return latest < now || latest > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue.UtcTicks : latest;
    }

    public bool IsKnownKind(InteractionKind kind) => kind.IsWellKnown || _customKinds.Contains(kind.Name);

    public void Check(Interaction interaction, long index, long latestUtcTicks)
    {
        if (CheckKind(interaction.Kind) is { } kindProblem)
        {
            throw new InvalidInteractionException("kind", kindProblem, index);
        }

        if (CheckTime(interaction.OccurredAt, latestUtcTicks) is { } timeProblem)
        {
            throw new InvalidInteractionException("occurredAt", $"Interaction '{interaction.Id}': {timeProblem}", index);
        }
    }

    public void CheckAll(IReadOnlyList<Interaction> interactions)
    {
        long latest = LatestUtcTicks();
        for (int i = 0; i < interactions.Count; i++)
        {
            Interaction? interaction = interactions[i];
            if (interaction is null)
            {
                throw new InvalidInteractionException("$", string.Create(CultureInfo.InvariantCulture, $"The interaction at position {i} is null."), i);
            }

            Check(interaction, i, latest);
        }
    }

    public void CheckAll(ReadOnlySpan<Interaction> interactions)
    {
        long latest = LatestUtcTicks();
        for (int i = 0; i < interactions.Length; i++)
        {
            Interaction? interaction = interactions[i];
            if (interaction is null)
            {
                throw new InvalidInteractionException("$", string.Create(CultureInfo.InvariantCulture, $"The interaction at position {i} is null."), i);
            }

            Check(interaction, i, latest);
        }
    }

    public string? CheckKind(InteractionKind kind) =>
        IsKnownKind(kind)
            ? null
            : $"The kind '{kind.Name}' is unknown: it is not a well-known kind and not declared in {nameof(InteractionOptions)}.{nameof(InteractionOptions.CustomKinds)}.";

    public string? CheckTime(DateTimeOffset occurredAt, long latestUtcTicks)
    {
        if (occurredAt.UtcTicks > latestUtcTicks)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the time {occurredAt:O} is in the future (later than now plus the tolerance, {new DateTimeOffset(latestUtcTicks, TimeSpan.Zero):O}).");
        }

        return occurredAt.UtcTicks < _earliestUtcTicks
            ? string.Create(CultureInfo.InvariantCulture, $"the time {occurredAt:O} is before the earliest accepted time {_earliest:O}.")
            : null;
    }
}
