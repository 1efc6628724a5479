namespace RelationshipKit.Interactions;

/// <summary>Why a <see cref="ContactPolicy"/> denied a contact.</summary>
public enum ContactReasonCode
{
    /// <summary>The customer asked not to be contacted.</summary>
    DoNotContact = 1,

    /// <summary>No consent was recorded for the channel and purpose (and consent is required).</summary>
    ConsentMissing = 2,

    /// <summary>The latest consent for the channel and purpose was withdrawn.</summary>
    ConsentWithdrawn = 3,

    /// <summary>The customer unsubscribed on the channel after the latest consent.</summary>
    Unsubscribed = 4,

    /// <summary>A frequency cap is reached.</summary>
    FrequencyCap = 5,

    /// <summary>It is within the customer's quiet hours on an intrusive channel.</summary>
    QuietHours = 6,

    /// <summary>An unresolved complaint is recent.</summary>
    ComplaintCoolDown = 7,
}
