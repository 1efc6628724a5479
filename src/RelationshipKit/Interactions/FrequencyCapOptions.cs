using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.Interactions;

/// <summary>
/// One frequency cap of a <see cref="ContactPolicy"/>: at most <see cref="MaxContacts"/> contacts in any rolling
/// <see cref="Window"/>, counted over all channels, each channel, or one channel.
/// </summary>
/// <remarks>
/// A contact is an outbound interaction whose kind is not listed in
/// <see cref="ContactPolicyOptions.UncountedKinds"/>. A new contact at time t is allowed when fewer than
/// <see cref="MaxContacts"/> contacts fall in (t - <see cref="Window"/>, t]. A plain options bag; not thread-safe
/// while it is being changed.
/// </remarks>
public sealed class FrequencyCapOptions : IValidatableObject
{
    /// <summary>Which contacts are counted.</summary>
    /// <value>Default <see cref="FrequencyCapScope.Overall"/>.</value>
    [EnumDataType(typeof(FrequencyCapScope))]
    public FrequencyCapScope Scope { get; set; } = FrequencyCapScope.Overall;

    /// <summary>The channel counted when <see cref="Scope"/> is <see cref="FrequencyCapScope.Channel"/>; ignored otherwise.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Channel { get; set; }

    /// <summary>The most contacts allowed in one window; 0 forbids every (non-exempt) contact in the scope.</summary>
    /// <value>Default 3.</value>
    [Range(0, int.MaxValue)]
    public int MaxContacts { get; set; } = 3;

    /// <summary>The length of the rolling window.</summary>
    /// <value>Default 7 days; more than zero and at most 3,660 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        if (!Enum.IsDefined(Scope))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(Scope)} must be Overall, EachChannel or Channel; it is {(int)Scope}.", [nameof(Scope)]));
        }

        if (Scope == FrequencyCapScope.Channel && !Interactions.Channel.IsValidName(Channel))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(Channel)} must name a channel (lower camel case) when {nameof(Scope)} is Channel; it is '{Channel}'.", [nameof(Channel)]));
        }

        if (MaxContacts < 0)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(MaxContacts)} must be zero or more; it is {MaxContacts}.", [nameof(MaxContacts)]));
        }

        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(3660))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(Window)} must be more than zero and at most 3660 days; it is {Window}.", [nameof(Window)]));
        }

        return results;
    }
}
