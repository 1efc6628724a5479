namespace RelationshipKit.Loyalty;

/// <summary>What a next best action does.</summary>
public enum NextBestActionKind
{
    /// <summary>Welcome a new customer (purpose <c>marketing</c>).</summary>
    Welcome = 0,

    /// <summary>Thank a repeat customer for a recent purchase (purpose <c>marketing</c>).</summary>
    ThankYou = 1,

    /// <summary>Offer goods often bought with theirs, from co-purchase statistics (purpose <c>marketing</c>).</summary>
    CrossSell = 2,

    /// <summary>Remind when the next purchase is due by the customer's own rhythm (purpose <c>marketing</c>).</summary>
    Replenishment = 3,

    /// <summary>Greet for a coming birthday (purpose <c>marketing</c>).</summary>
    Birthday = 4,

    /// <summary>Win back a customer at risk, lapsed or lost (purpose <c>marketing</c>).</summary>
    WinBack = 5,

    /// <summary>Recover service after an unresolved complaint (purpose <c>service</c>).</summary>
    ServiceRecovery = 6,

    /// <summary>Ask for a review of a recent purchase (purpose <c>survey</c>).</summary>
    AskForReview = 7,

    /// <summary>Ask an advocate or partner for a referral (purpose <c>marketing</c>).</summary>
    AskForReferral = 8,
}
