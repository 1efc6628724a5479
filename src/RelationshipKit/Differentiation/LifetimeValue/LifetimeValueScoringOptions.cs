using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Options of <see cref="LifetimeValueScoringStrategy"/>: which models to fit and how to value customers.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed. The strategy copies it when it is made.</remarks>
public sealed class LifetimeValueScoringOptions
{
    internal const double DefaultHorizonLength = 1;
    internal const double DefaultDiscountRate = 0.1;
    internal const double DefaultMargin = 1;

    /// <summary>The purchase model to fit.</summary>
    /// <value>Default: <see cref="TransactionModelKind.BgNbd"/>.</value>
    [EnumDataType(typeof(TransactionModelKind))]
    public TransactionModelKind Model { get; set; } = TransactionModelKind.BgNbd;

    /// <summary>Whether to fit a Gamma-Gamma spend model on the repeat customers and report expected spend and lifetime value.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool FitSpendModel { get; set; } = true;

    /// <summary>The length of the valuation and expected-purchases horizon, in <see cref="HorizonUnit"/>.</summary>
    /// <value>Default: 1.</value>
    [Range(0d, 100000d)]
    public double HorizonLength { get; set; } = DefaultHorizonLength;

    /// <summary>The unit of <see cref="HorizonLength"/>.</summary>
    /// <value>Default: <see cref="TimeUnit.Year"/>.</value>
    [EnumDataType(typeof(TimeUnit))]
    public TimeUnit HorizonUnit { get; set; } = TimeUnit.Year;

    /// <summary>The discount rate per <see cref="DiscountPeriod"/>.</summary>
    /// <value>Default: 0.1 (10 %).</value>
    [Range(0d, 100d)]
    public double DiscountRate { get; set; } = DefaultDiscountRate;

    /// <summary>The compounding period of <see cref="DiscountRate"/>.</summary>
    /// <value>Default: <see cref="TimeUnit.Year"/>.</value>
    [EnumDataType(typeof(TimeUnit))]
    public TimeUnit DiscountPeriod { get; set; } = TimeUnit.Year;

    /// <summary>The profit margin applied to expected spend (1 values revenue).</summary>
    /// <value>Default: 1.</value>
    [Range(-100d, 100d)]
    public double Margin { get; set; } = DefaultMargin;

    /// <summary>How the models are fitted.</summary>
    /// <value>Default: a new <see cref="LifetimeValueFitOptions"/> with its defaults.</value>
    [Required]
    [ValidateObjectMembers]
    public LifetimeValueFitOptions Fit { get; set; } = new();
}
