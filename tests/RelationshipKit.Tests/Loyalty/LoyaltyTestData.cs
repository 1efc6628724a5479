using RelationshipKit.Identification;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Tests.Loyalty;

/// <summary>Fixed times and state builders shared by the loyalty tests (also linked into the SQLite tests).</summary>
internal static class LoyaltyTestData
{
    public static readonly DateTimeOffset AsOf = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static CustomerId Id(string id = "c1") => new(id);

    public static LoyaltyState Prospect(string id = "c1") => new(new CustomerId(id));

    /// <summary>A buyer whose first and last purchases are the given number of days before <see cref="AsOf"/>.</summary>
    public static LoyaltyState Buyer(
        int purchases,
        double firstDaysAgo,
        double lastDaysAgo,
        double? rhythmDays = null,
        string id = "c1",
        double? probabilityAlive = null,
        int positiveOpinions = 0,
        int referrals = 0,
        int coCreations = 0,
        int openComplaints = 0,
        bool isPartner = false,
        decimal totalSpend = 100m,
        DateOnly? birthDate = null,
        string? locality = null,
        DateTimeOffset? lastComplaint = null) =>
        new(
            new CustomerId(id),
            purchases,
            AsOf.AddDays(-firstDaysAgo),
            AsOf.AddDays(-lastDaysAgo),
            rhythmDays is { } r ? TimeSpan.FromDays(r) : null,
            totalSpend,
            probabilityAlive,
            positiveOpinions: positiveOpinions,
            referrals: referrals,
            coCreations: coCreations,
            openComplaints: openComplaints,
            lastComplaint: lastComplaint,
            isPartner: isPartner,
            birthDate: birthDate,
            locality: locality);

    public static GoldenProfile Profile(string id, params (IdentityField Field, string Value)[] fields)
    {
        var map = new Dictionary<IdentityField, ProfileValue>();
        foreach ((IdentityField field, string value) in fields)
        {
            map[field] = new ProfileValue(value, new IdentityRecordKey("crm", id), AsOf, SurvivorshipRule.MostRecent);
        }

        return new GoldenProfile(new CustomerId(id), map, [], []);
    }
}
