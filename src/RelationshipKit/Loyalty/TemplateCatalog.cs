namespace RelationshipKit.Loyalty;

/// <summary>
/// Per-segment message templates: the first template (in catalog order) whose segment the customer belongs to, or the
/// default template. Adapts a message or offer to the customer's segments of one.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TemplateCatalog
{
    private readonly (int Segment, MessageTemplate Template)[] _entries;

    /// <summary>Creates a catalog over a segment set.</summary>
    /// <param name="segments">The segments the templates are for.</param>
    /// <param name="defaultTemplate">The template for a customer in none of the listed segments.</param>
    /// <param name="templates">Segment name and template pairs, in priority order; every name must be a segment of <paramref name="segments"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or a template is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A segment name is not in <paramref name="segments"/>.</exception>
    public TemplateCatalog(SegmentSet segments, MessageTemplate defaultTemplate, IEnumerable<KeyValuePair<string, MessageTemplate>> templates)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(defaultTemplate);
        ArgumentNullException.ThrowIfNull(templates);
        var entries = new List<(int, MessageTemplate)>();
        foreach ((string name, MessageTemplate template) in templates)
        {
            ArgumentNullException.ThrowIfNull(template, nameof(templates));
            int index = segments.IndexOf(name ?? throw new ArgumentNullException(nameof(templates), "A segment name is null."));
            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not a segment of the set.", nameof(templates));
            }

            entries.Add((index, template));
        }

        Segments = segments;
        DefaultTemplate = defaultTemplate;
        _entries = [.. entries];
    }

    /// <summary>The segments the templates are for.</summary>
    public SegmentSet Segments { get; }

    /// <summary>The template for a customer in none of the listed segments.</summary>
    public MessageTemplate DefaultTemplate { get; }

    /// <summary>Picks the template for a customer.</summary>
    /// <param name="membership">The customer's segments, evaluated with <see cref="Segments"/>.</param>
    /// <returns>The first template whose segment the customer belongs to, else <see cref="DefaultTemplate"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="membership"/> was evaluated with another segment set.</exception>
    public MessageTemplate Select(SegmentMembership membership)
    {
        if (!ReferenceEquals(membership.Set, Segments))
        {
            throw new ArgumentException("The membership was evaluated with another segment set.", nameof(membership));
        }

        foreach ((int segment, MessageTemplate template) in _entries)
        {
            if ((membership.Bits & (1UL << segment)) != 0)
            {
                return template;
            }
        }

        return DefaultTemplate;
    }
}
