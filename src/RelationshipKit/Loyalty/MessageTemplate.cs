using System.Globalization;
using System.Text;
using RelationshipKit.Identification;

namespace RelationshipKit.Loyalty;

/// <summary>
/// A message or offer text with placeholders from the golden profile and the customer's history, parsed once and
/// rendered per customer: <c>"Happy birthday, {givenName|dear customer}! Our {city} store has new {favouriteCategory|arrivals}."</c>
/// </summary>
/// <remarks>
/// <para>Syntax: <c>{name}</c> is a placeholder; <c>{name|fallback}</c> declares the text used when the customer has
/// no value for it (otherwise the template's default fallback is used); <c>{{</c> and <c>}}</c> are literal braces.
/// Known names are listed in <see cref="Placeholders"/>; any other name is rejected when the template is parsed, with
/// an <see cref="InvalidTemplateException"/> naming it.</para>
/// <para>Values: <c>givenName</c>, <c>familyName</c>, <c>fullName</c> (the profile's, or given and family names)
/// from the <see cref="GoldenProfile"/>; <c>city</c> and <c>region</c> from the state, else the profile;
/// <c>birthday</c> (day and month), <c>firstPurchase</c> and <c>lastPurchase</c> (dates) and <c>totalSpend</c>
/// (a number with two decimals) formatted with the culture given to <see cref="Render"/>; <c>favouriteCategory</c>,
/// <c>tier</c> and <c>rfmSegment</c> from the state.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MessageTemplate
{
    private static readonly string[] Known =
    [
        "givenName", "familyName", "fullName", "city", "region", "birthday", "firstPurchase", "lastPurchase",
        "totalSpend", "favouriteCategory", "tier", "rfmSegment",
    ];

    private readonly Part[] _parts;

    private MessageTemplate(string text, string defaultFallback, Part[] parts)
    {
        Text = text;
        DefaultFallback = defaultFallback;
        _parts = parts;
        var used = new List<string>();
        foreach (Part part in parts)
        {
            if (part.Field >= 0 && !used.Contains(Known[part.Field]))
            {
                used.Add(Known[part.Field]);
            }
        }

        UsedPlaceholders = used;
    }

    /// <summary>Every placeholder name a template may use.</summary>
    public static IReadOnlyList<string> Placeholders => Known;

    /// <summary>The template text as given.</summary>
    public string Text { get; }

    /// <summary>The text used for a missing value whose placeholder declares no fallback.</summary>
    public string DefaultFallback { get; }

    /// <summary>The placeholders the template uses, in order of first use.</summary>
    public IReadOnlyList<string> UsedPlaceholders { get; }

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template text.</param>
    /// <param name="defaultFallback">The text for a missing value without a declared fallback; empty by default.</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidTemplateException">A placeholder is unknown or empty, or a brace is not closed or not escaped.</exception>
    public static MessageTemplate Parse(string text, string defaultFallback = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaultFallback);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (ch == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (ch == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (ch == '}')
            {
                throw new InvalidTemplateException($"A '}}' at position {i} closes no placeholder (write '}}}}' for a literal brace).", null, i);
            }
            else if (ch == '{')
            {
                int close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new InvalidTemplateException($"The placeholder opened at position {i} is not closed.", null, i);
                }

                string inside = text[(i + 1)..close];
                int bar = inside.IndexOf('|', StringComparison.Ordinal);
                string name = (bar < 0 ? inside : inside[..bar]).Trim();
                string? fallback = bar < 0 ? null : inside[(bar + 1)..];
                if (name.Length == 0)
                {
                    throw new InvalidTemplateException($"The placeholder at position {i} has no name.", null, i);
                }

                if (name.Contains('{', StringComparison.Ordinal) || (fallback?.Contains('{', StringComparison.Ordinal) ?? false))
                {
                    throw new InvalidTemplateException($"The placeholder at position {i} holds a '{{'.", name, i);
                }

                int field = Array.IndexOf(Known, name);
                if (field < 0)
                {
                    throw new InvalidTemplateException($"Unknown placeholder '{{{name}}}' at position {i}. Known: {string.Join(", ", Known)}.", name, i);
                }

                if (literal.Length > 0)
                {
                    parts.Add(new Part(-1, literal.ToString(), null));
                    literal.Clear();
                }

                parts.Add(new Part(field, null, fallback));
                i = close + 1;
            }
            else
            {
                literal.Append(ch);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(-1, literal.ToString(), null));
        }

        return new MessageTemplate(text, defaultFallback, [.. parts]);
    }

    /// <summary>Renders the template for one customer.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="profile">The customer's golden profile, or <see langword="null"/>.</param>
    /// <param name="culture">Formats dates and amounts; the invariant culture when <see langword="null"/>.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is the default value, or the profile belongs to another customer.</exception>
    public string Render(in LoyaltyState state, GoldenProfile? profile = null, CultureInfo? culture = null)
    {
        if (state.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The state is the default value (no customer).", nameof(state));
        }

        if (profile is not null && profile.CustomerId != state.CustomerId)
        {
            throw new ArgumentException($"The profile belongs to customer '{profile.CustomerId}', not '{state.CustomerId}'.", nameof(profile));
        }

        culture ??= CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        foreach (Part part in _parts)
        {
            if (part.Field < 0)
            {
                text.Append(part.Literal);
                continue;
            }

            string? value = ValueOf(part.Field, in state, profile, culture);
            text.Append(string.IsNullOrWhiteSpace(value) ? part.Fallback ?? DefaultFallback : value);
        }

        return text.ToString();
    }

    /// <summary>Returns the template text.</summary>
    /// <returns>The text as given.</returns>
    public override string ToString() => Text;

    private static string? ValueOf(int field, in LoyaltyState state, GoldenProfile? profile, CultureInfo culture) => Known[field] switch
    {
        "givenName" => profile?[IdentityField.GivenName],
        "familyName" => profile?[IdentityField.FamilyName],
        "fullName" => profile?[IdentityField.FullName] ?? JoinNames(profile),
        "city" => state.Locality ?? profile?[IdentityField.Locality],
        "region" => state.Region ?? profile?[IdentityField.Region],
        "birthday" => state.BirthDate?.ToString(culture.DateTimeFormat.MonthDayPattern, culture),
        "firstPurchase" => state.FirstPurchase?.ToString("d", culture),
        "lastPurchase" => state.LastPurchase?.ToString("d", culture),
        "totalSpend" => state.HasPurchased ? state.TotalSpend.ToString("N2", culture) : null,
        "favouriteCategory" => state.FavouriteCategory,
        "tier" => state.Tier,
        _ => state.RfmSegment,
    };

    private static string? JoinNames(GoldenProfile? profile)
    {
        string? given = profile?[IdentityField.GivenName];
        string? family = profile?[IdentityField.FamilyName];
        return given is null ? family : family is null ? given : $"{given} {family}";
    }

    private readonly record struct Part(int Field, string? Literal, string? Fallback);
}
