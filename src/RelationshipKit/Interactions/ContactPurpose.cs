using System.Diagnostics.CodeAnalysis;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// Why a customer would be contacted: marketing, service, a transactional message, a survey, or a host-defined
/// purpose. Consent is given or withdrawn per channel and purpose. Names are lower camel case.
/// </summary>
/// <remarks>Purposes compare by ordinal name. The value is immutable and safe to share between threads.</remarks>
public readonly record struct ContactPurpose
{
    private static readonly Dictionary<string, ContactPurpose> ByName = new(StringComparer.Ordinal);
    private static readonly List<ContactPurpose> All = [];

    private readonly string? _name;

    /// <summary>Creates a purpose from its name.</summary>
    /// <param name="name">A lower camel case name: a lower-case ASCII letter followed by ASCII letters or digits, at most 48 characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public ContactPurpose(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name, out ContactPurpose known))
        {
            this = known;
            return;
        }

        if (!NameRules.IsValid(name))
        {
            throw new ArgumentException(NameRules.Describe("purpose", name), nameof(name));
        }

        _name = NameRules.Intern(name);
    }

    private ContactPurpose(string name, bool wellKnown)
    {
        _ = wellKnown;
        _name = name;
    }

    /// <summary>Marketing: offers, newsletters, campaigns.</summary>
    public static ContactPurpose Marketing { get; } = Define("marketing");

    /// <summary>Service: about an order, an account, a complaint the customer raised.</summary>
    public static ContactPurpose Service { get; } = Define("service");

    /// <summary>Transactional: confirmations, receipts, legally required notices.</summary>
    public static ContactPurpose Transactional { get; } = Define("transactional");

    /// <summary>Surveys and requests for opinions.</summary>
    public static ContactPurpose Survey { get; } = Define("survey");

    /// <summary>Every well-known purpose, in a fixed order.</summary>
    public static IReadOnlyList<ContactPurpose> WellKnown => All;

    /// <summary>The purpose's name; <see cref="string.Empty"/> for the <see langword="default"/> value, which is not a valid purpose.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value rather than a named purpose.</summary>
    public bool IsEmpty => _name is null;

    /// <summary>Tells whether <paramref name="name"/> is a valid purpose name.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><see langword="true"/> for a lower camel case ASCII name of at most 48 characters.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name) => name is not null && NameRules.IsValid(name);

    /// <summary>Tries to make a purpose from <paramref name="name"/>.</summary>
    /// <param name="name">The candidate name.</param>
    /// <param name="purpose">The purpose when the name is valid.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool TryParse(string? name, out ContactPurpose purpose)
    {
        if (IsValidName(name))
        {
            purpose = new ContactPurpose(name);
            return true;
        }

        purpose = default;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(ContactPurpose other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Returns the purpose's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static ContactPurpose Define(string name)
    {
        var purpose = new ContactPurpose(name, wellKnown: true);
        ByName.Add(name, purpose);
        All.Add(purpose);
        return purpose;
    }
}
