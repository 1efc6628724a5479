using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Loyalty;

/// <summary>The options of <c>AddLoyalty</c>: the built-in stage models, how states are read, and the next best action rules.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed.</remarks>
public sealed class LoyaltyOptions : IValidatableObject
{
    /// <summary>The loyalty ladder's thresholds.</summary>
    /// <value>Default: a new <see cref="LoyaltyLadderOptions"/> with its defaults.</value>
    [ValidateObjectMembers]
    public LoyaltyLadderOptions Ladder { get; set; } = new();

    /// <summary>The lifecycle's thresholds.</summary>
    /// <value>Default: a new <see cref="LifecycleOptions"/> with its defaults.</value>
    [ValidateObjectMembers]
    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>How <see cref="LoyaltyState.Create"/> reads interactions.</summary>
    /// <value>Default: a new <see cref="LoyaltyStateOptions"/> with its defaults.</value>
    [ValidateObjectMembers]
    public LoyaltyStateOptions State { get; set; } = new();

    /// <summary>The next best action rules and weights.</summary>
    /// <value>Default: a new <see cref="NextBestActionOptions"/> with its defaults.</value>
    [ValidateObjectMembers]
    public NextBestActionOptions NextBestAction { get; set; } = new();

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => ValidateOwn();

    internal List<ValidationResult> ValidateOwn()
    {
        var results = new List<ValidationResult>();
        if (Ladder is null)
        {
            results.Add(new ValidationResult($"{nameof(Ladder)} must not be null.", [nameof(Ladder)]));
        }

        if (Lifecycle is null)
        {
            results.Add(new ValidationResult($"{nameof(Lifecycle)} must not be null.", [nameof(Lifecycle)]));
        }

        if (State is null)
        {
            results.Add(new ValidationResult($"{nameof(State)} must not be null.", [nameof(State)]));
        }

        if (NextBestAction is null)
        {
            results.Add(new ValidationResult($"{nameof(NextBestAction)} must not be null.", [nameof(NextBestAction)]));
        }

        return results;
    }

    /// <summary>Throws when any option (nested ones included) is invalid.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it (for example <c>LoyaltyOptions.Lifecycle.LostAfter ...</c>).</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = ValidateOwn();
        if (Ladder is not null)
        {
            results.AddRange(Ladder.Validate($"{nameof(Ladder)}."));
        }

        if (Lifecycle is not null)
        {
            results.AddRange(Lifecycle.Validate($"{nameof(Lifecycle)}."));
        }

        if (State is not null)
        {
            results.AddRange(State.Validate($"{nameof(State)}."));
        }

        if (NextBestAction is not null)
        {
            results.AddRange(NextBestAction.Validate($"{nameof(NextBestAction)}."));
        }

        LoyaltyValidation.Throw<LoyaltyOptions>(results);
    }
}
