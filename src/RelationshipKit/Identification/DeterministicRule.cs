namespace RelationshipKit.Identification;

/// <summary>
/// A deterministic rule: two records that agree exactly on every listed field (normalised, none missing or
/// blocked) match with probability 1, whatever the probabilistic score. Each rule is also used as a blocking rule.
/// Merge protection and never-match overrides still apply.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class DeterministicRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="fields">The fields that must all agree exactly (1 to 4).</param>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no fields or more than 4.</exception>
    public DeterministicRule(params IEnumerable<FieldSelector> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        FieldSelector[] copy = [.. fields];
        if (copy.Length is 0 or > 4 || copy.Any(f => f.Field is null && f.AttributeName is null))
        {
            throw new ArgumentException($"A deterministic rule needs 1 to 4 fields; it has {copy.Length}.", nameof(fields));
        }

        Fields = Array.AsReadOnly(copy);
        Name = "deterministic: " + string.Join(" + ", copy.Select(f => f.DisplayName));
        BlockingRule = new BlockingRule(copy.Select(f => BlockingKeyPart.Of(f)));
    }

    /// <summary>The fields that must agree.</summary>
    public IReadOnlyList<FieldSelector> Fields { get; }

    /// <summary>A readable name.</summary>
    public string Name { get; }

    internal BlockingRule BlockingRule { get; }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
