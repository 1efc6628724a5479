using RelationshipKit.Interactions;

namespace RelationshipKit.Tests.Interactions;

/// <summary>Builders and fixed times shared by the interaction tests (also linked into the SQLite tests).</summary>
internal static class InteractionTestData
{
    public static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CustomerId C(string id) => new(id);

    public static Interaction Make(
        string id,
        string customer = "c1",
        InteractionKind? kind = null,
        Channel? channel = null,
        InteractionDirection direction = InteractionDirection.Inbound,
        DateTimeOffset? at = null,
        decimal? amount = null,
        string? campaign = null,
        string? outcome = null,
        int? rating = null,
        double? sentiment = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null) =>
        new(
            id,
            new CustomerId(customer),
            kind ?? InteractionKind.Purchase,
            channel ?? Channel.Web,
            direction,
            at ?? Now.AddDays(-1),
            amount,
            campaign,
            outcome,
            rating,
            sentiment,
            attributes);

    /// <summary>An interaction with every optional field set, an unusual offset and non-ASCII text.</summary>
    public static Interaction Full(string id, string customer = "c-full") =>
        Make(
            id,
            customer,
            InteractionKind.Review,
            Channel.ContactCentre,
            InteractionDirection.Inbound,
            new DateTimeOffset(2024, 3, 1, 10, 15, 30, 123, TimeSpan.FromMinutes(345)).AddTicks(4567),
            amount: 10.50m,
            campaign: "spring-2024",
            outcome: "resolved",
            rating: 4,
            sentiment: -0.125,
            attributes: new Dictionary<string, string> { ["note"] = "Très bien, merci 👍\nline two", ["email"] = "jane@example.com" });

    public static async Task<List<Interaction>> ToListAsync(IAsyncEnumerable<Interaction> source)
    {
        var list = new List<Interaction>();
        await foreach (Interaction interaction in source)
        {
            list.Add(interaction);
        }

        return list;
    }
}
