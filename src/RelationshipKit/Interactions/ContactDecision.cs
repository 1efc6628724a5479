namespace RelationshipKit.Interactions;

/// <summary>
/// The answer of a <see cref="ContactPolicy"/> for one customer, channel, purpose and time: allowed or not, every
/// reason against, and the best channel that is allowed.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class ContactDecision
{
    private readonly ContactReason[] _reasons;

    internal ContactDecision(
        CustomerId customerId,
        Channel channel,
        ContactPurpose purpose,
        DateTimeOffset at,
        ContactReason[] reasons,
        Channel? bestChannel,
        Channel? preferredChannel,
        PreferredChannelSource preferredChannelSource)
    {
        CustomerId = customerId;
        Channel = channel;
        Purpose = purpose;
        At = at;
        _reasons = reasons;
        BestChannel = bestChannel;
        PreferredChannel = preferredChannel;
        PreferredChannelSource = preferredChannelSource;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The channel asked about.</summary>
    public Channel Channel { get; }

    /// <summary>The purpose asked about.</summary>
    public ContactPurpose Purpose { get; }

    /// <summary>The time asked about.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Whether the contact is allowed: true exactly when <see cref="Reasons"/> is empty.</summary>
    public bool IsAllowed => _reasons.Length == 0;

    /// <summary>Every reason the contact is denied, in rule order; empty when it is allowed.</summary>
    public IReadOnlyList<ContactReason> Reasons => _reasons;

    /// <summary>
    /// The best channel allowed for this purpose at this time: the first allowed of the stated preferred channels, the
    /// inferred preferred channel, the channels with consent for the purpose (best response rate first) and the
    /// channel asked about; <see langword="null"/> when none is allowed.
    /// </summary>
    public Channel? BestChannel { get; }

    /// <summary>The customer's preferred channel (stated first, else inferred), allowed or not; <see langword="null"/> when unknown.</summary>
    public Channel? PreferredChannel { get; }

    /// <summary>Where <see cref="PreferredChannel"/> comes from.</summary>
    public PreferredChannelSource PreferredChannelSource { get; }

    /// <summary>Tells whether the contact is denied for a given reason.</summary>
    /// <param name="code">The reason.</param>
    /// <returns><see langword="true"/> when <see cref="Reasons"/> holds that code.</returns>
    public bool HasReason(ContactReasonCode code)
    {
        foreach (ContactReason reason in _reasons)
        {
            if (reason.Code == code)
            {
                return true;
            }
        }

        return false;
    }
}
