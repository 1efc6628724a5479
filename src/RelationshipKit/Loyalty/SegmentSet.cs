namespace RelationshipKit.Loyalty;

/// <summary>
/// Up to 64 segments of one, evaluated together for a customer: a customer may belong to several. Evaluation runs each
/// predicate once and returns a bit set (<see cref="SegmentMembership"/>), with no allocation, so it can run per request.
/// </summary>
/// <remarks>Immutable and thread-safe, provided the predicates are pure (as they must be).</remarks>
public sealed class SegmentSet
{
    /// <summary>The most segments one set can hold.</summary>
    public const int MaxSegments = 64;

    private readonly SegmentDefinition[] _segments;
    private readonly SegmentPredicate[] _predicates;
    private readonly Dictionary<string, int> _byName;

    /// <summary>Creates a set.</summary>
    /// <param name="segments">The segments, in the order memberships are reported; names unique; at most <see cref="MaxSegments"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two segments share a name, or there are more than <see cref="MaxSegments"/>.</exception>
    public SegmentSet(IEnumerable<SegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = [.. segments];
        if (_segments.Length > MaxSegments)
        {
            throw new ArgumentException($"A segment set holds at most {MaxSegments} segments; {_segments.Length} were given.", nameof(segments));
        }

        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        _predicates = new SegmentPredicate[_segments.Length];
        for (int i = 0; i < _segments.Length; i++)
        {
            SegmentDefinition segment = _segments[i] ?? throw new ArgumentNullException(nameof(segments), $"Segment {i} is null.");
            if (!_byName.TryAdd(segment.Name, i))
            {
                throw new ArgumentException($"Two segments are named '{segment.Name}'.", nameof(segments));
            }

            _predicates[i] = segment.Predicate;
        }
    }

    /// <summary>The segments, in order.</summary>
    public IReadOnlyList<SegmentDefinition> Segments => _segments;

    /// <summary>How many segments the set holds.</summary>
    public int Count => _segments.Length;

    /// <summary>The position of a segment.</summary>
    /// <param name="name">The segment's name.</param>
    /// <returns>The position, or -1 when there is none of that name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out int index) ? index : -1;
    }

    /// <summary>Evaluates every segment for one customer.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="context">The time and the customer's stages.</param>
    /// <returns>The segments the customer belongs to.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> or <paramref name="context"/> is the default value.</exception>
    public SegmentMembership Evaluate(in LoyaltyState state, in LoyaltyContext context)
    {
        if (state.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The state is the default value (no customer).", nameof(state));
        }

        if (context.AsOf == default)
        {
            throw new ArgumentException("The context is the default value (no time).", nameof(context));
        }

        ulong bits = 0;
        SegmentPredicate[] predicates = _predicates;
        for (int i = 0; i < predicates.Length; i++)
        {
            if (predicates[i](in state, in context))
            {
                bits |= 1UL << i;
            }
        }

        return new SegmentMembership(this, bits);
    }

    /// <summary>Evaluates every segment for a population at one time (stages unknown), with no allocation.</summary>
    /// <param name="states">The customers' states.</param>
    /// <param name="asOf">The time.</param>
    /// <param name="memberships">Receives one membership per state; at least as long as <paramref name="states"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is the default value, the destination is too short, or a state is the default value.</exception>
    public void Evaluate(ReadOnlySpan<LoyaltyState> states, DateTimeOffset asOf, Span<SegmentMembership> memberships)
    {
        if (memberships.Length < states.Length)
        {
            throw new ArgumentException($"The destination holds {memberships.Length} memberships; {states.Length} are needed.", nameof(memberships));
        }

        var context = new LoyaltyContext(asOf);
        for (int i = 0; i < states.Length; i++)
        {
            memberships[i] = Evaluate(in states[i], in context);
        }
    }
}
