using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The shop's segments of one (predicates over the profile, scores, stages and engagement; a customer may be in
/// several) and its message templates per segment, rendered per customer from the golden profile and history.
/// </summary>
internal static class ShopSegments
{
    /// <summary>The message for customers in no segment with a template.</summary>
    public const string DefaultTemplate = "Hello {givenName|there}, thank you for shopping with us.";

    /// <summary>The message template of each segment that has one, in priority order.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> TemplateList =
    [
        new("birthdayThisWeek", "Happy birthday, {givenName|dear customer}! A treat from our {favouriteCategory|kitchen} range is waiting for you."),
        new("openComplaint", "{givenName|Hello}, we are sorry about your recent experience; your case is with our {city|local} team."),
        new("valuableSlipping", "{givenName|Hello}, we have missed you since {lastPurchase|your last visit}: here is 15 % off your next order."),
        new("advocates", "{givenName|Hello}, thank you for recommending us: your friends get 10 % off."),
        new("coffeeLovers", "{givenName|Hello}, fresh beans have landed in {city|your area}."),
        new("bakers", "{givenName|Hello}, new baking tins are in for the season."),
    ];

    /// <summary>The templates by segment name.</summary>
    public static IReadOnlyDictionary<string, string> Templates { get; } = TemplateList.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    /// <summary>Builds the segments and the template catalogue (the first matching segment with a template wins).</summary>
    public static TemplateCatalog Create()
    {
        var segments = new SegmentSet(
        [
            new SegmentDefinition("birthdayThisWeek", SegmentPredicates.BirthdayWithin(7), "birthday within the next 7 days"),
            new SegmentDefinition("openComplaint", SegmentPredicates.HasOpenComplaint(), "an unresolved complaint"),
            new SegmentDefinition(
                "valuableSlipping",
                SegmentPredicates.All(
                    SegmentPredicates.Any(SegmentPredicates.Tier("platinum"), SegmentPredicates.Tier("gold"), SegmentPredicates.Tier("silver")),
                    SegmentPredicates.Any(SegmentPredicates.InLifecycleStage(CustomerLifecycle.AtRisk), SegmentPredicates.InLifecycleStage(CustomerLifecycle.Lapsed))),
                "top 20 % by CLV, lifecycle at risk or lapsed"),
            new SegmentDefinition(
                "advocates",
                SegmentPredicates.Any(SegmentPredicates.InLoyaltyStage(LoyaltyLadder.Advocate), SegmentPredicates.InLoyaltyStage(LoyaltyLadder.Partner)),
                "loyalty ladder advocate or partner"),
            new SegmentDefinition("coffeeLovers", (in LoyaltyState s, in LoyaltyContext _) => s.FavouriteCategory == "coffee", "buys coffee goods most"),
            new SegmentDefinition("bakers", (in LoyaltyState s, in LoyaltyContext _) => s.FavouriteCategory == "baking", "buys baking goods most"),
            new SegmentDefinition("champions", SegmentPredicates.RfmSegment(RfmSegments.Champions), "RFM segment Champions"),
            new SegmentDefinition("newSouthWales", SegmentPredicates.InRegion("nsw"), "lives in New South Wales"),
            new SegmentDefinition("prospects", SegmentPredicates.Not(SegmentPredicates.PurchasesAtLeast(1)), "no purchase yet"),
        ]);

        return new TemplateCatalog(
            segments,
            MessageTemplate.Parse(DefaultTemplate),
            TemplateList.Select(t => new KeyValuePair<string, MessageTemplate>(t.Key, MessageTemplate.Parse(t.Value))));
    }
}
