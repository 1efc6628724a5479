using RelationshipKit.Interactions;

namespace RelationshipKit.Samples.Store;

/// <summary>A contact planned for today: what, why, on which channel (chosen by the contact policy) and the policy's decision.</summary>
internal sealed record PlannedContact(CustomerId Customer, string Action, string Why, Channel Requested, Channel Channel, ContactPurpose Purpose, ContactDecision Decision, double Priority);

/// <summary>A contact the policy refused on every channel, with its reasons.</summary>
internal sealed record RefusedContact(CustomerId Customer, string Action, string Why, Channel Requested, ContactPurpose Purpose, ContactDecision Decision, double Priority);

/// <summary>Today's contact plan.</summary>
internal sealed class ContactPlan
{
    public List<PlannedContact> Planned { get; } = [];

    public List<RefusedContact> Refused { get; } = [];

    /// <summary>How many customers were considered.</summary>
    public int Considered { get; set; }
}
