using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Loyalty;

/// <summary>The thresholds of the loyalty ladder (<see cref="LoyaltyLadder"/>).</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed.</remarks>
public sealed class LoyaltyLadderOptions : IValidatableObject
{
    internal const int DefaultClientMinimumPurchases = 2;
    internal const int DefaultSupporterMinimumPositiveOpinions = 1;
    internal const int DefaultAdvocateMinimumReferrals = 1;
    internal const int DefaultPartnerMinimumCoCreations = 3;

    /// <summary>The purchase periods that make a purchaser a client (a repeat customer).</summary>
    /// <value>Default 2; from 2 to 1,000.</value>
    public int ClientMinimumPurchases { get; set; } = DefaultClientMinimumPurchases;

    /// <summary>The positive opinions or reviews that make a client a supporter.</summary>
    /// <value>Default 1; from 1 to 1,000.</value>
    public int SupporterMinimumPositiveOpinions { get; set; } = DefaultSupporterMinimumPositiveOpinions;

    /// <summary>The referrals that make a client an advocate.</summary>
    /// <value>Default 1; from 1 to 1,000.</value>
    public int AdvocateMinimumReferrals { get; set; } = DefaultAdvocateMinimumReferrals;

    /// <summary>The co-creation contributions (suggestions and the like) that make a client a partner (the host's partner flag does too).</summary>
    /// <value>Default 3; from 1 to 1,000.</value>
    public int PartnerMinimumCoCreations { get; set; } = DefaultPartnerMinimumCoCreations;

    /// <summary>Whether an unresolved complaint holds a customer below the supporter rung (a customer with an open grievance is not counted as a supporter, advocate or partner).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool OpenComplaintBlocksUpperRungs { get; set; } = true;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        LoyaltyValidation.Range(results, prefix, nameof(ClientMinimumPurchases), ClientMinimumPurchases, 2, 1000);
        LoyaltyValidation.Range(results, prefix, nameof(SupporterMinimumPositiveOpinions), SupporterMinimumPositiveOpinions, 1, 1000);
        LoyaltyValidation.Range(results, prefix, nameof(AdvocateMinimumReferrals), AdvocateMinimumReferrals, 1, 1000);
        LoyaltyValidation.Range(results, prefix, nameof(PartnerMinimumCoCreations), PartnerMinimumCoCreations, 1, 1000);
        return results;
    }

    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid() => LoyaltyValidation.Throw<LoyaltyLadderOptions>(Validate(string.Empty));
}
