using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Loyalty;

/// <summary>How a <see cref="CoPurchaseModel"/> is fitted.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed.</remarks>
public sealed class CoPurchaseOptions : IValidatableObject
{
    internal const int DefaultMinimumSupport = 2;
    internal const double DefaultMinimumConfidence = 0.0;
    internal const int DefaultMaxAssociations = 20;
    internal const CoPurchaseRanking DefaultRanking = CoPurchaseRanking.Lift;

    /// <summary>The fewest baskets that must hold both products for an association to be kept (the support, as a count).</summary>
    /// <value>Default 2; from 1 to 1,000,000.</value>
    public int MinimumSupport { get; set; } = DefaultMinimumSupport;

    /// <summary>The lowest confidence (baskets with both / baskets with the first) an association needs.</summary>
    /// <value>Default 0; from 0 to 1.</value>
    public double MinimumConfidence { get; set; } = DefaultMinimumConfidence;

    /// <summary>How many associations are kept per product (the best by <see cref="Ranking"/>).</summary>
    /// <value>Default 20; from 1 to 1,000.</value>
    public int MaxAssociations { get; set; } = DefaultMaxAssociations;

    /// <summary>How associations are ordered.</summary>
    /// <value>Default <see cref="CoPurchaseRanking.Lift"/>.</value>
    public CoPurchaseRanking Ranking { get; set; } = DefaultRanking;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        LoyaltyValidation.Range(results, prefix, nameof(MinimumSupport), MinimumSupport, 1, 1_000_000);
        LoyaltyValidation.Range(results, prefix, nameof(MinimumConfidence), MinimumConfidence, 0, 1);
        LoyaltyValidation.Range(results, prefix, nameof(MaxAssociations), MaxAssociations, 1, 1000);
        if (!Enum.IsDefined(Ranking))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(Ranking)} must be Lift or Confidence; it is {(int)Ranking}.", [nameof(Ranking)]));
        }

        return results;
    }

    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid() => LoyaltyValidation.Throw<CoPurchaseOptions>(Validate(string.Empty));
}
