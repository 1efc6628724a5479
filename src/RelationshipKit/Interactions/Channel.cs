using System.Diagnostics.CodeAnalysis;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// Where an <see cref="Interaction"/> took place or through which a customer is contacted: the web, e-mail,
/// the contact centre, a store visit, and so on. Names are lower camel case (<c>email</c>, <c>contactCentre</c>).
/// </summary>
/// <remarks>
/// <para>The well-known channels are the static members; <see cref="WellKnown"/> lists them. A host may use its own
/// channels (<c>whatsApp</c>, <c>kiosk</c>): any name that passes <see cref="IsValidName"/> is accepted everywhere.</para>
/// <para>Channels compare by ordinal name. The value is immutable and safe to share between threads.</para>
/// </remarks>
public readonly record struct Channel
{
    private static readonly Dictionary<string, Channel> ByName = new(StringComparer.Ordinal);
    private static readonly List<Channel> All = [];

    private readonly string? _name;
    private readonly int _wellKnownIndex;

    /// <summary>Creates a channel from its name; a well-known name gives the well-known channel.</summary>
    /// <param name="name">A lower camel case name: a lower-case ASCII letter followed by ASCII letters or digits, at most 48 characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public Channel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name, out Channel known))
        {
            this = known;
            return;
        }

        if (!NameRules.IsValid(name))
        {
            throw new ArgumentException(NameRules.Describe("channel", name), nameof(name));
        }

        _name = NameRules.Intern(name);
        _wellKnownIndex = -1;
    }

    private Channel(string name, int wellKnownIndex)
    {
        _name = name;
        _wellKnownIndex = wellKnownIndex;
    }

    /// <summary>The web site.</summary>
    public static Channel Web { get; } = Define("web");

    /// <summary>A mobile app (including push notifications).</summary>
    public static Channel App { get; } = Define("app");

    /// <summary>E-mail.</summary>
    public static Channel Email { get; } = Define("email");

    /// <summary>Text messages.</summary>
    public static Channel Sms { get; } = Define("sms");

    /// <summary>Telephone, outside a contact centre.</summary>
    public static Channel Phone { get; } = Define("phone");

    /// <summary>The contact centre (call centre).</summary>
    public static Channel ContactCentre { get; } = Define("contactCentre");

    /// <summary>Live chat or messaging.</summary>
    public static Channel Chat { get; } = Define("chat");

    /// <summary>A visit to a store or branch.</summary>
    public static Channel StoreVisit { get; } = Define("storeVisit");

    /// <summary>A field visit (a representative visits the customer).</summary>
    public static Channel FieldVisit { get; } = Define("fieldVisit");

    /// <summary>Social media.</summary>
    public static Channel Social { get; } = Define("social");

    /// <summary>Postal mail.</summary>
    public static Channel Post { get; } = Define("post");

    /// <summary>Every well-known channel, in a fixed order.</summary>
    public static IReadOnlyList<Channel> WellKnown => All;

    /// <summary>The channel's name; <see cref="string.Empty"/> for the <see langword="default"/> value, which is not a valid channel.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Whether this is the <see langword="default"/> value rather than a named channel.</summary>
    public bool IsEmpty => _name is null;

    /// <summary>Whether this channel is one of the library's well-known channels.</summary>
    public bool IsWellKnown => _name is not null && _wellKnownIndex >= 0;

    /// <summary>The position in <see cref="WellKnown"/>, or -1.</summary>
    internal int WellKnownIndex => _name is null ? -1 : _wellKnownIndex;

    /// <summary>Tells whether <paramref name="name"/> is a valid channel name.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><see langword="true"/> for a lower camel case ASCII name of at most 48 characters.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name) => name is not null && NameRules.IsValid(name);

    /// <summary>Tries to make a channel from <paramref name="name"/>.</summary>
    /// <param name="name">The candidate name.</param>
    /// <param name="channel">The channel when the name is valid; a well-known name gives the well-known channel.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool TryParse(string? name, out Channel channel)
    {
        if (name is not null && ByName.TryGetValue(name, out channel))
        {
            return true;
        }

        if (IsValidName(name))
        {
            channel = new Channel(name);
            return true;
        }

        channel = default;
        return false;
    }

    internal static bool TryGetWellKnown(ReadOnlySpan<char> name, out Channel channel) =>
        ByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out channel);

    /// <inheritdoc />
    public bool Equals(Channel other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <summary>Returns the channel's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static Channel Define(string name)
    {
        var channel = new Channel(name, All.Count);
        ByName.Add(name, channel);
        All.Add(channel);
        return channel;
    }
}
