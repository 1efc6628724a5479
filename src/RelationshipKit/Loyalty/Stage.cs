using System.Diagnostics.CodeAnalysis;
using RelationshipKit.Internal;

namespace RelationshipKit.Loyalty;

/// <summary>
/// A stage of a <see cref="StageModel"/>: <c>prospect</c>, <c>advocate</c>, <c>atRisk</c>, or a host's own. Names are
/// lower camel case ASCII (a lower-case letter, then letters or digits, at most 48 characters), so they are also valid
/// Mermaid state ids and storage keys.
/// </summary>
/// <remarks>Stages compare by ordinal name. The <see langword="default"/> value means "no stage" (see <see cref="IsEmpty"/>). Immutable and thread-safe.</remarks>
public readonly record struct Stage
{
    private readonly string? _name;

    /// <summary>Creates a stage from its name.</summary>
    /// <param name="name">A lower camel case name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public Stage(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NameRules.IsValid(name))
        {
            throw new ArgumentException(NameRules.Describe("stage", name), nameof(name));
        }

        _name = NameRules.Intern(name);
    }

    /// <summary>The stage's name; <see cref="string.Empty"/> for the <see langword="default"/> value.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value ("no stage").</summary>
    public bool IsEmpty => _name is null;

    /// <summary>Tells whether <paramref name="name"/> is a valid stage name.</summary>
    /// <param name="name">The candidate.</param>
    /// <returns><see langword="true"/> for a lower camel case ASCII name of at most 48 characters.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name) => name is not null && NameRules.IsValid(name);

    /// <inheritdoc />
    public bool Equals(Stage other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Returns the stage's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
