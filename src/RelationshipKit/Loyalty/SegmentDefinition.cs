namespace RelationshipKit.Loyalty;

/// <summary>A named segment: a predicate over the customer's profile, scores, stages and engagement, with a description.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SegmentDefinition
{
    /// <summary>Defines a segment.</summary>
    /// <param name="name">The name: lower camel case ASCII, at most 48 characters.</param>
    /// <param name="predicate">Who belongs; pure and thread-safe.</param>
    /// <param name="description">What the segment is, for people.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name or <paramref name="description"/> is empty.</exception>
    public SegmentDefinition(string name, SegmentPredicate predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (!Stage.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid segment name: use lower camel case ASCII, at most 48 characters.", nameof(name));
        }

        Name = name;
        Predicate = predicate;
        Description = description;
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    /// <summary>Who belongs.</summary>
    public SegmentPredicate Predicate { get; }

    /// <summary>What the segment is, for people.</summary>
    public string Description { get; }

    /// <summary>Returns the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
