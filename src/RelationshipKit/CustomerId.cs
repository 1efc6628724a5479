using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using RelationshipKit.Serialization;

namespace RelationshipKit;

/// <summary>
/// A customer's stable, opaque identifier. It is never renumbered: a host may use its own keys
/// (an account number, a loyalty card) or the ids that identification assigns.
/// </summary>
/// <remarks>
/// Ids compare by ordinal, case-sensitive equality and sort by ordinal order. The value is kept as
/// given, without trimming: <c>" 42"</c> and <c>"42"</c> are different customers, which is why an id
/// that is empty, all white space, or longer than <see cref="MaxLength"/> characters is rejected.
/// This type is an immutable value and is safe to share between threads.
/// </remarks>
[JsonConverter(typeof(CustomerIdJsonConverter))]
public readonly record struct CustomerId : IComparable<CustomerId>
{
    /// <summary>The longest id accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    private readonly string? _value;

    /// <summary>Creates an id from its text.</summary>
    /// <param name="value">The id: not empty, not only white space, at most <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, white space or too long.</exception>
    public CustomerId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new ArgumentException(
                string.IsNullOrWhiteSpace(value)
                    ? "A customer id must not be empty or white space."
                    : $"A customer id must be at most {MaxLength} characters; this one has {value.Length}.",
                nameof(value));
        }

        _value = value;
    }

    /// <summary>The id's text; <see cref="string.Empty"/> for the <see langword="default"/> value, which is not a valid id.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value rather than an id made from text.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Tells whether <paramref name="value"/> would make a valid id.</summary>
    /// <param name="value">The candidate text.</param>
    /// <returns><see langword="true"/> when the text is not null, not white space and not too long.</returns>
    public static bool IsValid([NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxLength;

    /// <summary>Tries to make an id from <paramref name="value"/>.</summary>
    /// <param name="value">The candidate text.</param>
    /// <param name="id">The id when the text is valid.</param>
    /// <returns><see langword="true"/> when the text made a valid id.</returns>
    public static bool TryCreate(string? value, out CustomerId id)
    {
        if (IsValid(value))
        {
            id = new CustomerId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(CustomerId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(CustomerId other) => string.CompareOrdinal(_value, other._value);

    /// <summary>Orders two ids by ordinal comparison.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts before <paramref name="right"/>.</returns>
    public static bool operator <(CustomerId left, CustomerId right) => left.CompareTo(right) < 0;

    /// <summary>Orders two ids by ordinal comparison.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts after <paramref name="right"/>.</returns>
    public static bool operator >(CustomerId left, CustomerId right) => left.CompareTo(right) > 0;

    /// <summary>Orders two ids by ordinal comparison.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts before or equal to <paramref name="right"/>.</returns>
    public static bool operator <=(CustomerId left, CustomerId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two ids by ordinal comparison.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts after or equal to <paramref name="right"/>.</returns>
    public static bool operator >=(CustomerId left, CustomerId right) => left.CompareTo(right) >= 0;

    /// <summary>Returns the id's text.</summary>
    /// <returns>The id's text.</returns>
    public override string ToString() => Value;
}
