using RelationshipKit.Interactions;

namespace RelationshipKit.Loyalty;

/// <summary>One candidate action for one customer: what, why, how strongly, on which channel, and the policy's decision.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class NextBestAction
{
    internal NextBestAction(NextBestActionKind kind, double score, string reason, ContactPurpose purpose, ContactDecision decision, IReadOnlyList<ProductAssociation> products)
    {
        Kind = kind;
        Score = score;
        Reason = reason;
        Purpose = purpose;
        Decision = decision;
        Products = products;
    }

    /// <summary>What the action does.</summary>
    public NextBestActionKind Kind { get; }

    /// <summary>The ranking score: the kind's weight times the action's urgency (0 to 1).</summary>
    public double Score { get; }

    /// <summary>Why, for people.</summary>
    public string Reason { get; }

    /// <summary>The contact purpose the policy was asked about.</summary>
    public ContactPurpose Purpose { get; }

    /// <summary>The channel chosen by the contact policy and the customer's preferences; <see langword="null"/> when every channel is refused.</summary>
    public Channel? Channel => Decision.BestChannel;

    /// <summary>Whether a channel is allowed.</summary>
    public bool IsAllowed => Decision.BestChannel is not null;

    /// <summary>The policy's decision (for a refused action, its reasons say why).</summary>
    public ContactDecision Decision { get; }

    /// <summary>For a cross-sell, the products to offer, best first; empty otherwise.</summary>
    public IReadOnlyList<ProductAssociation> Products { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} ({Score:0.###}) via {(Channel is { } c ? c.Name : "refused")}: {Reason}";
}
