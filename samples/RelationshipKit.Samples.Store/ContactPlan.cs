using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Samples.Store;

/// <summary>A contact planned for today: the customer's next best action, on the channel the contact policy chose, with its message.</summary>
internal sealed record PlannedContact(CustomerId Customer, string Action, string Why, Channel Requested, Channel Channel, ContactPurpose Purpose, ContactDecision Decision, double Score, double Priority, string Message);

/// <summary>An action the policy refused on every channel, with its reasons.</summary>
internal sealed record RefusedContact(CustomerId Customer, string Action, string Why, Channel Requested, ContactPurpose Purpose, ContactDecision Decision, double Score);

/// <summary>Today's contact plan.</summary>
internal sealed class ContactPlan
{
    public List<PlannedContact> Planned { get; } = [];

    public List<RefusedContact> Refused { get; } = [];

    /// <summary>How many customers were considered.</summary>
    public int Considered { get; set; }

    /// <summary>How many customers had at least one candidate action.</summary>
    public int WithCandidates { get; set; }

    /// <summary>The segments each customer belongs to today (by position in the loyalty outcome).</summary>
    public SegmentMembership[] Memberships { get; set; } = [];

    /// <summary>The segments and templates.</summary>
    public TemplateCatalog? Catalog { get; set; }

    /// <summary>The co-purchase statistics behind cross-sell.</summary>
    public CoPurchaseModel? CoPurchases { get; set; }
}
