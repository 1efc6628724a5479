using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Loyalty;

/// <summary>The thresholds of the customer lifecycle (<see cref="CustomerLifecycle"/>).</summary>
/// <remarks>
/// <para>Thresholds must increase from at risk to lapsed to lost (rhythm multiples and days) and decrease for
/// P(alive); validation reports the option that breaks the order.</para>
/// <para>A plain options bag; not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class LifecycleOptions : IValidatableObject
{
    internal const LifecycleBasis DefaultBasis = LifecycleBasis.Rhythm;
    internal const double DefaultAtRiskRhythmMultiple = 2.0;
    internal const double DefaultLapsedRhythmMultiple = 3.0;
    internal const double DefaultLostRhythmMultiple = 6.0;
    internal const double DefaultAtRiskProbability = 0.5;
    internal const double DefaultLapsedProbability = 0.25;
    internal const double DefaultLostProbability = 0.1;
    internal static readonly TimeSpan DefaultNewPeriod = TimeSpan.FromDays(30);
    internal static readonly TimeSpan DefaultAtRiskAfter = TimeSpan.FromDays(90);
    internal static readonly TimeSpan DefaultLapsedAfter = TimeSpan.FromDays(180);
    internal static readonly TimeSpan DefaultLostAfter = TimeSpan.FromDays(365);
    internal static readonly TimeSpan DefaultReactivatedPeriod = TimeSpan.FromDays(90);

    /// <summary>How at risk, lapsed and lost are decided.</summary>
    /// <value>Default <see cref="LifecycleBasis.Rhythm"/>.</value>
    public LifecycleBasis Basis { get; set; } = DefaultBasis;

    /// <summary>How long after the first purchase a customer is new.</summary>
    /// <value>Default 30 days; positive.</value>
    public TimeSpan NewPeriod { get; set; } = DefaultNewPeriod;

    /// <summary>Rhythm basis: at risk when the time since the last purchase exceeds this multiple of the mean inter-purchase time.</summary>
    /// <value>Default 2; from 1 to 100.</value>
    public double AtRiskRhythmMultiple { get; set; } = DefaultAtRiskRhythmMultiple;

    /// <summary>Rhythm basis: lapsed beyond this multiple.</summary>
    /// <value>Default 3; from 1 to 100, more than <see cref="AtRiskRhythmMultiple"/>.</value>
    public double LapsedRhythmMultiple { get; set; } = DefaultLapsedRhythmMultiple;

    /// <summary>Rhythm basis: lost beyond this multiple.</summary>
    /// <value>Default 6; from 1 to 100, more than <see cref="LapsedRhythmMultiple"/>.</value>
    public double LostRhythmMultiple { get; set; } = DefaultLostRhythmMultiple;

    /// <summary>P(alive) basis: at risk below this probability.</summary>
    /// <value>Default 0.5; in (0, 1).</value>
    public double AtRiskProbability { get; set; } = DefaultAtRiskProbability;

    /// <summary>P(alive) basis: lapsed below this probability.</summary>
    /// <value>Default 0.25; in (0, 1), less than <see cref="AtRiskProbability"/>.</value>
    public double LapsedProbability { get; set; } = DefaultLapsedProbability;

    /// <summary>P(alive) basis: lost below this probability.</summary>
    /// <value>Default 0.1; in (0, 1), less than <see cref="LapsedProbability"/>.</value>
    public double LostProbability { get; set; } = DefaultLostProbability;

    /// <summary>Fixed days (and the fallback of the other bases): at risk when the last purchase is older than this.</summary>
    /// <value>Default 90 days; positive.</value>
    public TimeSpan AtRiskAfter { get; set; } = DefaultAtRiskAfter;

    /// <summary>Fixed days: lapsed when the last purchase is older than this.</summary>
    /// <value>Default 180 days; more than <see cref="AtRiskAfter"/>.</value>
    public TimeSpan LapsedAfter { get; set; } = DefaultLapsedAfter;

    /// <summary>Fixed days: lost when the last purchase is older than this.</summary>
    /// <value>Default 365 days; more than <see cref="LapsedAfter"/>.</value>
    public TimeSpan LostAfter { get; set; } = DefaultLostAfter;

    /// <summary>How long a won-back customer stays <c>reactivated</c> (while active) before they count as active again.</summary>
    /// <value>Default 90 days; positive.</value>
    public TimeSpan ReactivatedPeriod { get; set; } = DefaultReactivatedPeriod;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(string.Empty);

    internal List<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        if (!Enum.IsDefined(Basis))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(Basis)} must be Rhythm, ProbabilityAlive or FixedDays; it is {(int)Basis}.", [nameof(Basis)]));
        }

        LoyaltyValidation.Positive(results, prefix, nameof(NewPeriod), NewPeriod);
        LoyaltyValidation.Positive(results, prefix, nameof(AtRiskAfter), AtRiskAfter);
        LoyaltyValidation.Positive(results, prefix, nameof(ReactivatedPeriod), ReactivatedPeriod);
        LoyaltyValidation.Range(results, prefix, nameof(AtRiskRhythmMultiple), AtRiskRhythmMultiple, 1, 100);
        LoyaltyValidation.Range(results, prefix, nameof(LapsedRhythmMultiple), LapsedRhythmMultiple, 1, 100);
        LoyaltyValidation.Range(results, prefix, nameof(LostRhythmMultiple), LostRhythmMultiple, 1, 100);
        Open01(results, prefix, nameof(AtRiskProbability), AtRiskProbability);
        Open01(results, prefix, nameof(LapsedProbability), LapsedProbability);
        Open01(results, prefix, nameof(LostProbability), LostProbability);
        if (!(LapsedRhythmMultiple > AtRiskRhythmMultiple))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LapsedRhythmMultiple)} ({LapsedRhythmMultiple}) must be more than {nameof(AtRiskRhythmMultiple)} ({AtRiskRhythmMultiple}).", [nameof(LapsedRhythmMultiple)]));
        }

        if (!(LostRhythmMultiple > LapsedRhythmMultiple))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LostRhythmMultiple)} ({LostRhythmMultiple}) must be more than {nameof(LapsedRhythmMultiple)} ({LapsedRhythmMultiple}).", [nameof(LostRhythmMultiple)]));
        }

        if (!(LapsedProbability < AtRiskProbability))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LapsedProbability)} ({LapsedProbability}) must be less than {nameof(AtRiskProbability)} ({AtRiskProbability}).", [nameof(LapsedProbability)]));
        }

        if (!(LostProbability < LapsedProbability))
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LostProbability)} ({LostProbability}) must be less than {nameof(LapsedProbability)} ({LapsedProbability}).", [nameof(LostProbability)]));
        }

        if (LapsedAfter <= AtRiskAfter)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LapsedAfter)} ({LapsedAfter}) must be more than {nameof(AtRiskAfter)} ({AtRiskAfter}).", [nameof(LapsedAfter)]));
        }

        if (LostAfter <= LapsedAfter)
        {
            results.Add(new ValidationResult($"{prefix}{nameof(LostAfter)} ({LostAfter}) must be more than {nameof(LapsedAfter)} ({LapsedAfter}).", [nameof(LostAfter)]));
        }

        return results;
    }

    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid() => LoyaltyValidation.Throw<LifecycleOptions>(Validate(string.Empty));

    private static void Open01(List<ValidationResult> results, string prefix, string name, double value)
    {
        if (!(value > 0 && value < 1))
        {
            results.Add(new ValidationResult($"{prefix}{name} must be between 0 and 1 (exclusive); it is {value}.", [name]));
        }
    }
}
