namespace RelationshipKit.Interactions;

/// <summary>Who started an <see cref="Interaction"/>. Written <c>inbound</c> or <c>outbound</c> in NDJSON.</summary>
public enum InteractionDirection
{
    /// <summary>The customer reached the company (a purchase, a call in, a complaint, an e-mail opened).</summary>
    Inbound = 1,

    /// <summary>The company reached the customer (a campaign sent, a call out, a field visit).</summary>
    Outbound = 2,
}
