namespace RelationshipKit.Interactions;

/// <summary>A filter for reading interactions; the <see langword="default"/> value matches everything.</summary>
/// <param name="From">The earliest <see cref="Interaction.OccurredAt"/> instant included, or <see langword="null"/>.</param>
/// <param name="To">The instant before which interactions are included (exclusive), or <see langword="null"/>.</param>
/// <param name="Channel">Only this channel, or <see langword="null"/> for all.</param>
/// <param name="Kind">Only this kind, or <see langword="null"/> for all.</param>
/// <param name="Direction">Only this direction, or <see langword="null"/> for both.</param>
/// <remarks>Times compare as instants, whatever their offsets. Results keep the store's order (see <see cref="IInteractionStore"/>).</remarks>
public readonly record struct InteractionQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    Channel? Channel = null,
    InteractionKind? Kind = null,
    InteractionDirection? Direction = null)
{
    /// <summary>Tells whether an interaction passes the filter.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <returns><see langword="true"/> when it matches every condition that is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interaction"/> is <see langword="null"/>.</exception>
    public bool Matches(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        long t = interaction.OccurredAt.UtcTicks;
        return (From is not { } from || t >= from.UtcTicks)
            && (To is not { } to || t < to.UtcTicks)
            && (Channel is not { } channel || channel == interaction.Channel)
            && (Kind is not { } kind || kind == interaction.Kind)
            && (Direction is not { } direction || direction == interaction.Direction);
    }

    /// <summary>Throws when the filter is malformed.</summary>
    /// <param name="parameterName">The parameter to name.</param>
    internal void Validate(string parameterName)
    {
        if (From is { } from && To is { } to && from.UtcTicks > to.UtcTicks)
        {
            throw new ArgumentException($"The query's From ({from:O}) is after its To ({to:O}).", parameterName);
        }

        if (Channel is { IsEmpty: true })
        {
            throw new ArgumentException("The query's Channel is the default value; use null for all channels.", parameterName);
        }

        if (Kind is { IsEmpty: true })
        {
            throw new ArgumentException("The query's Kind is the default value; use null for all kinds.", parameterName);
        }

        if (Direction is { } d && d is not InteractionDirection.Inbound and not InteractionDirection.Outbound)
        {
            throw new ArgumentException($"The query's Direction {(int)d} is not inbound or outbound.", parameterName);
        }
    }
}
