using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.Simulation;

/// <summary>
/// The options of <see cref="TransactionSimulator"/>: the size and period of the synthetic customer base, the
/// BG/NBD buying process, the Gamma-Gamma spend process and the random seed.
/// </summary>
/// <remarks>
/// <para>Buying (Fader, Hardie and Lee 2005, "Counting your customers the easy way: an alternative to the
/// Pareto/NBD model", Marketing Science 24(2)): each customer has a purchase rate
/// lambda ~ Gamma(shape <see cref="R"/>, rate <see cref="Alpha"/>) per <see cref="TimeUnit"/> and a dropout
/// probability p ~ Beta(<see cref="A"/>, <see cref="B"/>). While active, the times between purchases are
/// exponential with rate lambda; after each repeat purchase the customer drops out for good with probability p.</para>
/// <para>Spend (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves for customer base analysis",
/// Journal of Marketing Research 42(4); Colombo and Jiang 1999): each customer has nu ~ Gamma(shape
/// <see cref="Q"/>, rate <see cref="Gamma"/>), and each purchase is worth z ~ Gamma(shape <see cref="P"/>,
/// rate nu), so a customer's mean spend is <see cref="P"/>/nu and the population mean is
/// <see cref="P"/> * <see cref="Gamma"/> / (<see cref="Q"/> - 1) when <see cref="Q"/> &gt; 1.</para>
/// <para>The defaults are of the order of the published CDNOW estimates (weekly BG/NBD r = 0.243,
/// alpha = 4.414, a = 0.793, b = 2.426; Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44): a cohort acquired
/// over 12 weeks and followed for about 78 weeks.</para>
/// <para>This class is a plain options bag: it is not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class TransactionSimulatorOptions : IValidatableObject
{
    internal const int DefaultCustomerCount = 1000;
    internal const int MaximumCustomerCount = 100_000_000;
    internal const ulong DefaultSeed = 1;
    internal const TimeUnit DefaultTimeUnit = TimeUnit.Week;
    internal const double DefaultR = 0.243;
    internal const double DefaultAlpha = 4.414;
    internal const double DefaultA = 0.793;
    internal const double DefaultB = 2.426;
    internal const double DefaultP = 6.25;
    internal const double DefaultQ = 3.74;
    internal const double DefaultGamma = 15.44;
    internal const SimulatedTransactionOrder DefaultOrder = SimulatedTransactionOrder.ByCustomer;
    internal const decimal DefaultMaximumAmount = 1_000_000m;
    internal const decimal LargestMaximumAmount = 10_000_000m;
    internal static readonly DateTimeOffset DefaultStart = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset DefaultEnd = new(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);
    internal static readonly TimeSpan DefaultAcquisitionWindow = TimeSpan.FromDays(84);

    /// <summary>The number of customers to simulate; each makes a first purchase.</summary>
    /// <value>Default 1,000; from 1 to 100,000,000.</value>
    public int CustomerCount { get; set; } = DefaultCustomerCount;

    /// <summary>The seed of the random stream: the same options and seed give the same transactions.</summary>
    /// <value>Default 1.</value>
    public ulong Seed { get; set; } = DefaultSeed;

    /// <summary>The start of the simulated period and of the acquisition window.</summary>
    /// <value>Default 2023-01-01T00:00:00Z.</value>
    public DateTimeOffset Start { get; set; } = DefaultStart;

    /// <summary>The end of the simulated period: no purchase is later than this.</summary>
    /// <value>Default 2024-07-01T00:00:00Z (78 weeks and 1 day after the default start).</value>
    public DateTimeOffset End { get; set; } = DefaultEnd;

    /// <summary>
    /// The length of the window, from <see cref="Start"/>, over which first purchases are spread uniformly;
    /// zero makes every customer's first purchase fall at <see cref="Start"/>.
    /// </summary>
    /// <value>Default 84 days (12 weeks); from zero to <see cref="End"/> - <see cref="Start"/>.</value>
    public TimeSpan AcquisitionWindow { get; set; } = DefaultAcquisitionWindow;

    /// <summary>The unit in which purchase rates (lambda, <see cref="Alpha"/>) are expressed.</summary>
    /// <value>Default <see cref="TimeUnit.Week"/>.</value>
    public TimeUnit TimeUnit { get; set; } = DefaultTimeUnit;

    /// <summary>BG/NBD r: the shape of the Gamma distribution of purchase rates.</summary>
    /// <value>Default 0.243; positive and finite.</value>
    public double R { get; set; } = DefaultR;

    /// <summary>BG/NBD alpha: the rate of the Gamma distribution of purchase rates, in <see cref="TimeUnit"/>s (mean rate r/alpha per unit).</summary>
    /// <value>Default 4.414; positive and finite.</value>
    public double Alpha { get; set; } = DefaultAlpha;

    /// <summary>BG/NBD a: the first shape of the Beta distribution of dropout probabilities (mean a/(a+b)).</summary>
    /// <value>Default 0.793; positive and finite.</value>
    public double A { get; set; } = DefaultA;

    /// <summary>BG/NBD b: the second shape of the Beta distribution of dropout probabilities.</summary>
    /// <value>Default 2.426; positive and finite.</value>
    public double B { get; set; } = DefaultB;

    /// <summary>Gamma-Gamma p: the shape of the Gamma distribution of one purchase's value given the customer's nu.</summary>
    /// <value>Default 6.25; positive and finite.</value>
    public double P { get; set; } = DefaultP;

    /// <summary>Gamma-Gamma q: the shape of the Gamma distribution of nu across customers.</summary>
    /// <value>Default 3.74; positive and finite.</value>
    public double Q { get; set; } = DefaultQ;

    /// <summary>Gamma-Gamma gamma: the rate of the Gamma distribution of nu across customers.</summary>
    /// <value>Default 15.44; positive and finite.</value>
    public double Gamma { get; set; } = DefaultGamma;

    /// <summary>The order of the simulated rows.</summary>
    /// <value>Default <see cref="SimulatedTransactionOrder.ByCustomer"/>.</value>
    public SimulatedTransactionOrder Order { get; set; } = DefaultOrder;

    /// <summary>The largest amount of one purchase: a larger draw is capped at it (amounts are rounded to cents, and at least 0.01).</summary>
    /// <value>Default 1,000,000 (the default largest amount that summaries accept); from 0.01 to 10,000,000.</value>
    public decimal MaximumAmount { get; set; } = DefaultMaximumAmount;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        if (CustomerCount is < 1 or > MaximumCustomerCount)
        {
            results.Add(Error(nameof(CustomerCount), $"must be from 1 to {MaximumCustomerCount:N0}; it is {CustomerCount}."));
        }

        if (Start == default)
        {
            results.Add(Error(nameof(Start), $"must be set; it is the default value (0001-01-01)."));
        }

        if (End <= Start)
        {
            results.Add(Error(nameof(End), $"({End:O}) must be after {nameof(Start)} ({Start:O})."));
        }
        else if (AcquisitionWindow < TimeSpan.Zero || AcquisitionWindow > End - Start)
        {
            results.Add(Error(nameof(AcquisitionWindow), $"must be from zero to {nameof(End)} - {nameof(Start)} ({End - Start}); it is {AcquisitionWindow}."));
        }

        if (!Enum.IsDefined(TimeUnit))
        {
            results.Add(Error(nameof(TimeUnit), $"must be Day, Week, Month or Year; it is {(int)TimeUnit}."));
        }

        if (!Enum.IsDefined(Order))
        {
            results.Add(Error(nameof(Order), $"must be ByCustomer or ByTime; it is {(int)Order}."));
        }

        CheckPositive(results, nameof(R), R);
        CheckPositive(results, nameof(Alpha), Alpha);
        CheckPositive(results, nameof(A), A);
        CheckPositive(results, nameof(B), B);
        CheckPositive(results, nameof(P), P);
        CheckPositive(results, nameof(Q), Q);
        CheckPositive(results, nameof(Gamma), Gamma);
        if (MaximumAmount is < 0.01m or > LargestMaximumAmount)
        {
            results.Add(Error(nameof(MaximumAmount), $"must be from 0.01 to {LargestMaximumAmount:N0}; it is {MaximumAmount}."));
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate();
        if (results.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                nameof(TransactionSimulatorOptions),
                typeof(TransactionSimulatorOptions),
                results.Select(r => $"{nameof(TransactionSimulatorOptions)}.{r.ErrorMessage}"));
        }
    }

    internal TransactionSimulatorOptions Clone() => (TransactionSimulatorOptions)MemberwiseClone();

    private static void CheckPositive(List<ValidationResult> results, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            results.Add(Error(name, $"must be positive and finite; it is {value}."));
        }
    }

    private static ValidationResult Error(string name, FormattableString message) =>
        new(name + " " + message.ToString(System.Globalization.CultureInfo.InvariantCulture), [name]);
}
