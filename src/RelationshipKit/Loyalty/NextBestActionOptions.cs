using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RelationshipKit.Interactions;

namespace RelationshipKit.Loyalty;

/// <summary>The rules and ranking weights of the <see cref="NextBestActionEngine"/>.</summary>
/// <remarks>
/// <para>An action's score is its kind's weight times its urgency in (0, 1] (see <see cref="NextBestActionEngine"/>);
/// a weight of 0 turns the kind off.</para>
/// <para>A plain options bag; not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class NextBestActionOptions : IValidatableObject
{
    internal const string DefaultRequestedChannel = "email";
    internal const int DefaultBirthdayWindowDays = 7;
    internal const int DefaultCrossSellCount = 3;
    internal const int DefaultMaxActions = 10;
    internal static readonly TimeSpan DefaultWelcomePeriod = TimeSpan.FromDays(14);
    internal static readonly TimeSpan DefaultThankYouPeriod = TimeSpan.FromDays(3);
    internal static readonly TimeSpan DefaultReviewDelay = TimeSpan.FromDays(7);
    internal static readonly TimeSpan DefaultReviewPeriod = TimeSpan.FromDays(30);
    internal static readonly TimeSpan DefaultReplenishmentLead = TimeSpan.FromDays(7);

    /// <summary>The channel the policy is asked about first; it then picks the best allowed channel by the customer's preferences and consents.</summary>
    /// <value>Default <c>"email"</c>; a valid channel name.</value>
    public string RequestedChannel { get; set; } = DefaultRequestedChannel;

    /// <summary>Weight of <see cref="NextBestActionKind.Welcome"/>.</summary>
    /// <value>Default 1.5; from 0 to 100.</value>
    public double WelcomeWeight { get; set; } = 1.5;

    /// <summary>Weight of <see cref="NextBestActionKind.ThankYou"/>.</summary>
    /// <value>Default 1; from 0 to 100.</value>
    public double ThankYouWeight { get; set; } = 1.0;

    /// <summary>Weight of <see cref="NextBestActionKind.CrossSell"/>.</summary>
    /// <value>Default 1; from 0 to 100.</value>
    public double CrossSellWeight { get; set; } = 1.0;

    /// <summary>Weight of <see cref="NextBestActionKind.Replenishment"/>.</summary>
    /// <value>Default 1.5; from 0 to 100.</value>
    public double ReplenishmentWeight { get; set; } = 1.5;

    /// <summary>Weight of <see cref="NextBestActionKind.Birthday"/>.</summary>
    /// <value>Default 1.5; from 0 to 100.</value>
    public double BirthdayWeight { get; set; } = 1.5;

    /// <summary>Weight of <see cref="NextBestActionKind.WinBack"/>.</summary>
    /// <value>Default 2; from 0 to 100.</value>
    public double WinBackWeight { get; set; } = 2.0;

    /// <summary>Weight of <see cref="NextBestActionKind.ServiceRecovery"/>.</summary>
    /// <value>Default 3; from 0 to 100.</value>
    public double ServiceRecoveryWeight { get; set; } = 3.0;

    /// <summary>Weight of <see cref="NextBestActionKind.AskForReview"/>.</summary>
    /// <value>Default 0.5; from 0 to 100.</value>
    public double AskForReviewWeight { get; set; } = 0.5;

    /// <summary>Weight of <see cref="NextBestActionKind.AskForReferral"/>.</summary>
    /// <value>Default 1; from 0 to 100.</value>
    public double AskForReferralWeight { get; set; } = 1.0;

    /// <summary>How long after the first purchase a welcome is due.</summary>
    /// <value>Default 14 days; positive.</value>
    public TimeSpan WelcomePeriod { get; set; } = DefaultWelcomePeriod;

    /// <summary>How long after a repeat purchase a thank-you is due.</summary>
    /// <value>Default 3 days; positive.</value>
    public TimeSpan ThankYouPeriod { get; set; } = DefaultThankYouPeriod;

    /// <summary>How long after a purchase a review is first asked for (time to use the goods).</summary>
    /// <value>Default 7 days; zero or more, less than <see cref="ReviewPeriod"/>.</value>
    public TimeSpan ReviewDelay { get; set; } = DefaultReviewDelay;

    /// <summary>How long after a purchase a review may still be asked for.</summary>
    /// <value>Default 30 days; positive.</value>
    public TimeSpan ReviewPeriod { get; set; } = DefaultReviewPeriod;

    /// <summary>How long before the due date of the next purchase (last purchase + mean inter-purchase time) the reminder starts.</summary>
    /// <value>Default 7 days; zero or more.</value>
    public TimeSpan ReplenishmentLead { get; set; } = DefaultReplenishmentLead;

    /// <summary>How many days before a birthday the greeting is due.</summary>
    /// <value>Default 7; from 0 to 60.</value>
    public int BirthdayWindowDays { get; set; } = DefaultBirthdayWindowDays;

    /// <summary>How many products a cross-sell offers.</summary>
    /// <value>Default 3; from 1 to 50.</value>
    public int CrossSellCount { get; set; } = DefaultCrossSellCount;

    /// <summary>The most actions returned (allowed ones; refused ones are all reported).</summary>
    /// <value>Default 10; from 1 to 100.</value>
    public int MaxActions { get; set; } = DefaultMaxActions;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        if (!Channel.IsValidName(RequestedChannel))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(RequestedChannel)} '{RequestedChannel}' is not a valid channel name.", [nameof(RequestedChannel)]));
        }

        LoyaltyValidation.Range(results, prefix, nameof(WelcomeWeight), WelcomeWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(ThankYouWeight), ThankYouWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(CrossSellWeight), CrossSellWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(ReplenishmentWeight), ReplenishmentWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(BirthdayWeight), BirthdayWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(WinBackWeight), WinBackWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(ServiceRecoveryWeight), ServiceRecoveryWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(AskForReviewWeight), AskForReviewWeight, 0, 100);
        LoyaltyValidation.Range(results, prefix, nameof(AskForReferralWeight), AskForReferralWeight, 0, 100);
        LoyaltyValidation.Positive(results, prefix, nameof(WelcomePeriod), WelcomePeriod);
        LoyaltyValidation.Positive(results, prefix, nameof(ThankYouPeriod), ThankYouPeriod);
        LoyaltyValidation.Positive(results, prefix, nameof(ReviewPeriod), ReviewPeriod);
        if (ReviewDelay < TimeSpan.Zero || ReviewDelay >= ReviewPeriod)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(ReviewDelay)} must be zero or more and less than {nameof(ReviewPeriod)} ({ReviewPeriod}); it is {ReviewDelay}.", [nameof(ReviewDelay)]));
        }

        if (ReplenishmentLead < TimeSpan.Zero)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(ReplenishmentLead)} must be zero or more; it is {ReplenishmentLead}.", [nameof(ReplenishmentLead)]));
        }

        LoyaltyValidation.Range(results, prefix, nameof(BirthdayWindowDays), BirthdayWindowDays, 0, 60);
        LoyaltyValidation.Range(results, prefix, nameof(CrossSellCount), CrossSellCount, 1, 50);
        LoyaltyValidation.Range(results, prefix, nameof(MaxActions), MaxActions, 1, 100);
        return results;
    }

    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid() => LoyaltyValidation.Throw<NextBestActionOptions>(Validate(string.Empty));

    internal NextBestActionOptions Clone() => (NextBestActionOptions)MemberwiseClone();
}
