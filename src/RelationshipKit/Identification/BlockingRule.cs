namespace RelationshipKit.Identification;

/// <summary>
/// A blocking rule: two records become a candidate pair when they agree exactly on every key part
/// (after normalisation; a missing or blocked value never agrees). Several rules are unioned and each pair is
/// scored once, so the work grows with the number of records that share keys, not with the square of all records.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class BlockingRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="parts">The key parts: 1 to 4 fields, each whole or a prefix.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no parts or more than 4, or a part is the default value.</exception>
    public BlockingRule(params IEnumerable<BlockingKeyPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        BlockingKeyPart[] copy = [.. parts];
        if (copy.Length is 0 or > 4)
        {
            throw new ArgumentException($"A blocking rule needs 1 to 4 key parts; it has {copy.Length}.", nameof(parts));
        }

        if (copy.Any(p => p.Field.Field is null && p.Field.AttributeName is null))
        {
            throw new ArgumentException("A key part is the default value; use BlockingKeyPart.Of.", nameof(parts));
        }

        Parts = Array.AsReadOnly(copy);
        Name = string.Join(" + ", copy.Select(p => p.ToString()));
    }

    /// <summary>The key parts.</summary>
    public IReadOnlyList<BlockingKeyPart> Parts { get; }

    /// <summary>A readable name such as <c>FamilyName + BirthDate</c>.</summary>
    public string Name { get; }

    /// <summary>A rule on whole values of the given fields.</summary>
    /// <param name="fields">The fields (1 to 4).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException">There are no fields or more than 4.</exception>
    public static BlockingRule On(params IdentityField[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new BlockingRule(fields.Select(f => BlockingKeyPart.Of(f)));
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
