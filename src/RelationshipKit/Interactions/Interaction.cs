using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// One thing that passed between the company and a customer: a purchase, a visit, a call, a complaint, an
/// opinion, a campaign sent or answered, on one channel, in one direction, at one time.
/// </summary>
/// <remarks>
/// <para><see cref="Id"/> is the idempotency key: appending the same interaction again is recognised as a replay,
/// and appending a different interaction under an id already used is a conflict. Keys must be unique across all
/// customers and should not themselves contain personal data (a store keeps a one-way digest of the keys of
/// erased interactions so that a replay cannot bring them back).</para>
/// <para>Two interactions are equal when every field is equal: the id, the customer, kind, channel, direction,
/// the instant and the offset of <see cref="OccurredAt"/>, the amount (by value, so <c>10.0</c> equals
/// <c>10.00</c>), campaign, outcome, rating, sentiment and the attributes (by key, in any order).</para>
/// <para>The constructor checks every field and throws <see cref="InvalidInteractionException"/> naming it
/// (by its NDJSON name). Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Interaction : IEquatable<Interaction>
{
    /// <summary>The longest <see cref="Id"/> accepted, in UTF-16 code units.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest <see cref="Campaign"/> or <see cref="Outcome"/> accepted, in UTF-16 code units.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The most attributes one interaction may carry.</summary>
    public const int MaxAttributeCount = 64;

    /// <summary>The longest attribute key accepted, in UTF-16 code units.</summary>
    public const int MaxAttributeKeyLength = 64;

    /// <summary>The longest attribute value accepted, in UTF-16 code units.</summary>
    public const int MaxAttributeValueLength = 4096;

    /// <summary>The smallest <see cref="Rating"/> (0, the bottom of a 0-10 scale; a 1-5 star scale fits inside).</summary>
    public const int MinRating = 0;

    /// <summary>The largest <see cref="Rating"/>.</summary>
    public const int MaxRating = 10;

    /// <summary>The outcome that marks a complaint as resolved when it is recorded (see <see cref="InteractionKind.Complaint"/>).</summary>
    public const string ResolvedOutcome = "resolved";

    private readonly InteractionAttributes _attributes;

    /// <summary>Creates an interaction, checking every field.</summary>
    /// <param name="id">The idempotency key: not empty or white space, at most <see cref="MaxIdLength"/> characters, no control characters.</param>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="kind">What happened; not the default value.</param>
    /// <param name="channel">Where it happened; not the default value.</param>
    /// <param name="direction">Who started it.</param>
    /// <param name="occurredAt">When, with its offset from UTC (kept as given); not the default value.</param>
    /// <param name="amount">An amount in the host's currency (negative for a refund or return), or <see langword="null"/>.</param>
    /// <param name="campaign">The campaign it belongs to, or <see langword="null"/>; at most <see cref="MaxTextLength"/> characters.</param>
    /// <param name="outcome">Its outcome (free text such as <c>resolved</c>, <c>sold</c>, <c>noAnswer</c>), or <see langword="null"/>; at most <see cref="MaxTextLength"/> characters.</param>
    /// <param name="rating">A rating from <see cref="MinRating"/> to <see cref="MaxRating"/>, or <see langword="null"/>.</param>
    /// <param name="sentiment">A sentiment score from -1 (negative) to 1 (positive), or <see langword="null"/>.</param>
    /// <param name="attributes">Free string attributes (at most <see cref="MaxAttributeCount"/>, keys unique), or <see langword="null"/>.</param>
    /// <exception cref="InvalidInteractionException">A field is missing or malformed; <see cref="InvalidInteractionException.FieldName"/> names it.</exception>
    public Interaction(
        string id,
        CustomerId customerId,
        InteractionKind kind,
        Channel channel,
        InteractionDirection direction,
        DateTimeOffset occurredAt,
        decimal? amount = null,
        string? campaign = null,
        string? outcome = null,
        int? rating = null,
        double? sentiment = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        CheckId(id);
        if (customerId.IsEmpty)
        {
            throw new InvalidInteractionException("customerId", "The customer id is missing (default value).");
        }

        if (kind.IsEmpty)
        {
            throw new InvalidInteractionException("kind", "The kind is missing (default value).");
        }

        if (channel.IsEmpty)
        {
            throw new InvalidInteractionException("channel", "The channel is missing (default value).");
        }

        if (direction is not InteractionDirection.Inbound and not InteractionDirection.Outbound)
        {
            throw new InvalidInteractionException("direction", $"The direction must be inbound or outbound; it is {(int)direction}.");
        }

        if (occurredAt == default)
        {
            throw new InvalidInteractionException("occurredAt", "The time is missing (default value 0001-01-01).");
        }

        CheckText("campaign", campaign);
        CheckText("outcome", outcome);
        if (rating is < MinRating or > MaxRating)
        {
            throw new InvalidInteractionException("rating", $"The rating {rating} is outside [{MinRating}, {MaxRating}].");
        }

        if (sentiment is { } s)
        {
            if (!double.IsFinite(s) || s < -1 || s > 1)
            {
                throw new InvalidInteractionException("sentiment", $"The sentiment {s.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite number in [-1, 1].");
            }

            sentiment = s == 0 ? 0d : s; // -0 and 0 are one value
        }

        Id = id;
        CustomerId = customerId;
        Kind = kind;
        Channel = channel;
        Direction = direction;
        OccurredAt = occurredAt;
        Amount = amount;
        Campaign = campaign;
        Outcome = outcome;
        Rating = rating;
        Sentiment = sentiment;
        _attributes = InteractionAttributes.Create(attributes);
    }

    /// <summary>The idempotency key, unique across all customers.</summary>
    public string Id { get; }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>What happened.</summary>
    public InteractionKind Kind { get; }

    /// <summary>Where it happened.</summary>
    public Channel Channel { get; }

    /// <summary>Who started it.</summary>
    public InteractionDirection Direction { get; }

    /// <summary>When it happened, with the offset it was given with.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>An amount in the host's currency, if any; negative for a refund or return.</summary>
    public decimal? Amount { get; }

    /// <summary>The campaign it belongs to, if any.</summary>
    public string? Campaign { get; }

    /// <summary>Its outcome, if any (<see cref="ResolvedOutcome"/> closes a complaint when recorded with it).</summary>
    public string? Outcome { get; }

    /// <summary>A rating from <see cref="MinRating"/> to <see cref="MaxRating"/>, if any.</summary>
    public int? Rating { get; }

    /// <summary>A sentiment score from -1 to 1, if any.</summary>
    public double? Sentiment { get; }

    /// <summary>Free string attributes, ordered by ordinal key; empty when none.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    internal InteractionAttributes AttributeMap => _attributes;

    /// <inheritdoc />
    public bool Equals(Interaction? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(Id, other.Id, StringComparison.Ordinal)
                && CustomerId == other.CustomerId
                && Kind == other.Kind
                && Channel == other.Channel
                && Direction == other.Direction
                && OccurredAt.EqualsExact(other.OccurredAt)
                && Amount == other.Amount
                && string.Equals(Campaign, other.Campaign, StringComparison.Ordinal)
                && string.Equals(Outcome, other.Outcome, StringComparison.Ordinal)
                && Rating == other.Rating
                && Nullable.Equals(Sentiment, other.Sentiment)
                && _attributes.ContentEquals(other._attributes)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Interaction);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Id), CustomerId, OccurredAt.UtcTicks, Kind);

    /// <summary>Describes the interaction for logs (id, customer, kind, channel, direction, time).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Id}: {CustomerId} {Kind} via {Channel} ({Direction}) at {OccurredAt:O}");

    internal static void CheckId(string? id)
    {
        if (id is null)
        {
            throw new InvalidInteractionException("id", "The id (idempotency key) is missing.");
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidInteractionException("id", "The id (idempotency key) is empty or white space.");
        }

        if (TextRules.Check(id, MaxIdLength, allowControl: false) is { } problem)
        {
            throw new InvalidInteractionException("id", $"The id {problem}.");
        }
    }

    private static void CheckText(string field, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInteractionException(field, $"The {field} is empty or white space; leave it out when there is none.");
        }

        if (TextRules.Check(text, MaxTextLength, allowControl: false) is { } problem)
        {
            throw new InvalidInteractionException(field, $"The {field} {problem}.");
        }
    }
}
