namespace RelationshipKit.Interactions;

/// <summary>What a <see cref="ContactPolicy"/> needs to know about one customer: preferences, engagement and recent outbound interactions.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class ContactHistory
{
    private readonly Interaction[] _recentOutbound;

    /// <summary>Gathers a customer's history for a decision.</summary>
    /// <param name="preferences">The customer's stated preferences and consents.</param>
    /// <param name="engagement">The customer's engagement features.</param>
    /// <param name="recentOutbound">
    /// The customer's outbound interactions within the longest frequency-cap window before the decision time (more
    /// is harmless: the policy filters by time, direction and kind).
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The parts belong to different customers, or an interaction is null.</exception>
    public ContactHistory(ContactPreferences preferences, EngagementFeatures engagement, IReadOnlyList<Interaction> recentOutbound)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(engagement);
        ArgumentNullException.ThrowIfNull(recentOutbound);
        if (engagement.CustomerId != preferences.CustomerId)
        {
            throw new ArgumentException($"The engagement is of customer '{engagement.CustomerId}', the preferences of '{preferences.CustomerId}'.", nameof(engagement));
        }

        _recentOutbound = [.. recentOutbound];
        foreach (Interaction interaction in _recentOutbound)
        {
            if (interaction is null)
            {
                throw new ArgumentException("An interaction is null.", nameof(recentOutbound));
            }

            if (interaction.CustomerId != preferences.CustomerId)
            {
                throw new ArgumentException($"Interaction '{interaction.Id}' is of customer '{interaction.CustomerId}', not '{preferences.CustomerId}'.", nameof(recentOutbound));
            }
        }

        Preferences = preferences;
        Engagement = engagement;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId => Preferences.CustomerId;

    /// <summary>The customer's stated preferences and consents.</summary>
    public ContactPreferences Preferences { get; }

    /// <summary>The customer's engagement features.</summary>
    public EngagementFeatures Engagement { get; }

    /// <summary>The customer's recent outbound interactions.</summary>
    public IReadOnlyList<Interaction> RecentOutbound => _recentOutbound;
}
