using System.Diagnostics.CodeAnalysis;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// What an <see cref="Interaction"/> was: a purchase, a complaint, a campaign e-mail opened, and so on.
/// Names are lower camel case (<c>purchase</c>, <c>campaignOpened</c>).
/// </summary>
/// <remarks>
/// <para>The well-known kinds are the static members; <see cref="WellKnown"/> lists them. A host may define its
/// own kinds with any valid name (see <see cref="IsValidName"/>), but stores and imports accept a kind that is not
/// well known only when it is declared in <see cref="InteractionOptions.CustomKinds"/>: an undeclared kind is
/// rejected as unknown, so that a misspelt kind cannot silently start a new category.</para>
/// <para>Kinds compare by ordinal name. The value is immutable and safe to share between threads.</para>
/// </remarks>
public readonly record struct InteractionKind
{
    private static readonly Dictionary<string, InteractionKind> ByName = new(StringComparer.Ordinal);
    private static readonly List<InteractionKind> All = [];

    private readonly string? _name;
    private readonly int _wellKnownIndex;

    /// <summary>Creates a kind from its name; a well-known name gives the well-known kind.</summary>
    /// <param name="name">A lower camel case name: a lower-case ASCII letter followed by ASCII letters or digits, at most 48 characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public InteractionKind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name, out InteractionKind known))
        {
            this = known;
            return;
        }

        if (!NameRules.IsValid(name))
        {
            throw new ArgumentException(NameRules.Describe("kind", name), nameof(name));
        }

        _name = NameRules.Intern(name);
        _wellKnownIndex = -1;
    }

    private InteractionKind(string name, int wellKnownIndex)
    {
        _name = name;
        _wellKnownIndex = wellKnownIndex;
    }

    /// <summary>A purchase (usually with an amount).</summary>
    public static InteractionKind Purchase { get; } = Define("purchase");

    /// <summary>Goods returned (usually with a negative amount).</summary>
    public static InteractionKind Return { get; } = Define("return");

    /// <summary>A visit (to a store, a branch, an event).</summary>
    public static InteractionKind Visit { get; } = Define("visit");

    /// <summary>Browsing (web or app sessions, product views).</summary>
    public static InteractionKind Browse { get; } = Define("browse");

    /// <summary>A question from the customer.</summary>
    public static InteractionKind Inquiry { get; } = Define("inquiry");

    /// <summary>A complaint. It stays open until a <see cref="ComplaintResolved"/> follows it or its outcome is <c>resolved</c>.</summary>
    public static InteractionKind Complaint { get; } = Define("complaint");

    /// <summary>A complaint was resolved: it closes the oldest open complaint of the customer.</summary>
    public static InteractionKind ComplaintResolved { get; } = Define("complaintResolved");

    /// <summary>An opinion given by the customer (usually with a rating or a sentiment).</summary>
    public static InteractionKind Opinion { get; } = Define("opinion");

    /// <summary>A review of a product or service (usually with a rating or a sentiment).</summary>
    public static InteractionKind Review { get; } = Define("review");

    /// <summary>A suggestion from the customer.</summary>
    public static InteractionKind Suggestion { get; } = Define("suggestion");

    /// <summary>The customer referred someone.</summary>
    public static InteractionKind Referral { get; } = Define("referral");

    /// <summary>A campaign message was sent to the customer.</summary>
    public static InteractionKind CampaignSent { get; } = Define("campaignSent");

    /// <summary>A campaign message was delivered (a receipt of an earlier send, not a new contact).</summary>
    public static InteractionKind CampaignDelivered { get; } = Define("campaignDelivered");

    /// <summary>The customer opened a campaign message.</summary>
    public static InteractionKind CampaignOpened { get; } = Define("campaignOpened");

    /// <summary>The customer clicked a link in a campaign message.</summary>
    public static InteractionKind CampaignClicked { get; } = Define("campaignClicked");

    /// <summary>The customer responded to a campaign (answered, bought through it, booked).</summary>
    public static InteractionKind CampaignResponded { get; } = Define("campaignResponded");

    /// <summary>The customer unsubscribed from campaigns on the interaction's channel.</summary>
    public static InteractionKind CampaignUnsubscribed { get; } = Define("campaignUnsubscribed");

    /// <summary>A service call (inbound or outbound).</summary>
    public static InteractionKind ServiceCall { get; } = Define("serviceCall");

    /// <summary>A chat conversation.</summary>
    public static InteractionKind Chat { get; } = Define("chat");

    /// <summary>Every well-known kind, in a fixed order.</summary>
    public static IReadOnlyList<InteractionKind> WellKnown => All;

    /// <summary>The kind's name; <see cref="string.Empty"/> for the <see langword="default"/> value, which is not a valid kind.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value rather than a named kind.</summary>
    public bool IsEmpty => _name is null;

    /// <summary>Whether this kind is one of the library's well-known kinds.</summary>
    public bool IsWellKnown => _name is not null && _wellKnownIndex >= 0;

    /// <summary>The position in <see cref="WellKnown"/>, or -1.</summary>
    internal int WellKnownIndex => _name is null ? -1 : _wellKnownIndex;

    /// <summary>Tells whether <paramref name="name"/> is a valid kind name (well known or not).</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><see langword="true"/> for a lower camel case ASCII name of at most 48 characters.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name) => name is not null && NameRules.IsValid(name);

    /// <summary>Tries to make a kind from <paramref name="name"/>.</summary>
    /// <param name="name">The candidate name.</param>
    /// <param name="kind">The kind when the name is valid; a well-known name gives the well-known kind.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool TryParse(string? name, out InteractionKind kind)
    {
        if (name is not null && ByName.TryGetValue(name, out kind))
        {
            return true;
        }

        if (IsValidName(name))
        {
            kind = new InteractionKind(name);
            return true;
        }

        kind = default;
        return false;
    }

    internal static bool TryGetWellKnown(ReadOnlySpan<char> name, out InteractionKind kind) =>
        ByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out kind);

    /// <inheritdoc />
    public bool Equals(InteractionKind other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Returns the kind's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static InteractionKind Define(string name)
    {
        var kind = new InteractionKind(name, All.Count);
        ByName.Add(name, kind);
        All.Add(kind);
        return kind;
    }
}
