using System.Globalization;
using RelationshipKit.Interactions;

namespace RelationshipKit.Internal;

/// <summary>
/// The context-dependent rules of <see cref="InteractionOptions"/> (the clock and the declared kinds), applied by
/// every store and by the NDJSON import on top of the <see cref="Interaction"/> constructor's checks.
/// </summary>
internal sealed class InteractionRules
{
    /// <summary>How long a reading of the system clock is reused by <see cref="LatestUtcTicks(long)"/>.</summary>
    internal const long ReadingLifetimeMilliseconds = 100;

    private readonly HashSet<string> _customKinds;
    private readonly long _futureToleranceTicks;
    private readonly long _earliestUtcTicks;
    private readonly DateTimeOffset _earliest;
    private readonly bool _systemClock;
    private ClockReading? _reading;

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
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>The latest accepted UTC ticks as of now.</summary>
    public long LatestUtcTicks()
    {
        long now = TimeProvider.GetUtcNow().UtcTicks;
        long latest = now + _futureToleranceTicks;
        return latest < now || latest > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue.UtcTicks : latest;
    }

    /// <summary>
    /// The latest accepted UTC ticks, as of now or as of a reading of the system clock taken less than
    /// <see cref="ReadingLifetimeMilliseconds"/> ago when that reading already accepts <paramref name="utcTicks"/>.
    /// </summary>
    /// <remarks>
    /// Reading the system clock costs 60-100 ns on a virtual machine, more than the rest of an in-memory append. The
    /// clock only moves forward between two readings, so an instant accepted by the earlier reading is accepted by
    /// now as well; an instant the earlier reading does not accept is checked against a fresh reading, so nothing is
    /// refused on old information. The lifetime bounds what a step of the wall clock back in time can let through.
    /// A host's own <see cref="System.TimeProvider"/> (such as a fake clock in tests) is read every time.
    /// </remarks>
    public long LatestUtcTicks(long utcTicks)
    {
        if (_systemClock
            && Volatile.Read(ref _reading) is { } reading
            && utcTicks <= reading.Latest
            && Environment.TickCount64 - reading.TakenAt < ReadingLifetimeMilliseconds)
        {
            return reading.Latest;
        }

        long fresh = LatestUtcTicks();
        if (_systemClock)
        {
            Volatile.Write(ref _reading, new ClockReading(fresh, Environment.TickCount64));
        }

        return fresh;
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

    /// <summary>The latest accepted UTC ticks from one reading of the clock, and when it was taken (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record ClockReading(long Latest, long TakenAt);
}
