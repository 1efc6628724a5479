using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.Summaries;

/// <summary>
/// How transactions become <see cref="CustomerSummary"/> values, and which transactions are rejected.
/// </summary>
/// <remarks>
/// <para>Rules for input, applied the same way by <see cref="CustomerSummaryBuilder"/> and
/// <see cref="CustomerSummaryAccumulator"/>:</para>
/// <list type="bullet">
/// <item>An empty (default) customer id, a default timestamp, an amount outside
/// [<see cref="MinimumAmount"/>, <see cref="MaximumAmount"/>], an order id that is empty or white space,
/// and a transaction dated more than <see cref="FutureTolerance"/> after "now" (from the
/// <see cref="TimeProvider"/>) are rejected with an <see cref="InvalidTransactionException"/> naming the field.</item>
/// <item>Input in any order is accepted and gives the same result.</item>
/// <item>A transaction whose order id was already seen for the same customer, with the same timestamp and
/// amount, is a replay and is counted once. The same order id with a different timestamp or amount is a
/// conflict and is rejected. Refunds (negative amounts) may share the order id of the purchase they refund and
/// of each other (partial refunds); a refund is a replay only when its order id, timestamp and amount all repeat.</item>
/// <item>A negative amount is a refund: it reduces the spend of the purchase period it falls in and never
/// creates a purchase or a purchase period. A refund in a period without a purchase reduces
/// <see cref="PurchaseHistory.TotalSpend"/> only. A period whose refunds exceed its purchases keeps its
/// negative spend. A zero amount is a purchase.</item>
/// </list>
/// This class is a plain options bag: it is not thread-safe while it is being changed.
/// </remarks>
public sealed class CustomerSummaryOptions : IValidatableObject
{
    internal const PurchasePeriod DefaultPeriod = PurchasePeriod.Day;
    internal const TimeUnit DefaultTimeUnit = TimeUnit.Day;
    internal const string DefaultTimeZoneId = "UTC";
    internal const decimal DefaultMinimumAmount = -1_000_000m;
    internal const decimal DefaultMaximumAmount = 1_000_000m;
    internal static readonly TimeSpan DefaultFutureTolerance = TimeSpan.FromMinutes(5);
    internal const int DefaultMaxDegreeOfParallelism = 1;
    internal const int MaxParallelism = 64;

    /// <summary>How purchases in the same period merge.</summary>
    /// <value>Default <see cref="PurchasePeriod.Day"/>.</value>
    [EnumDataType(typeof(PurchasePeriod))]
    public PurchasePeriod Period { get; set; } = DefaultPeriod;

    /// <summary>The unit of recency, T and holdout duration.</summary>
    /// <value>Default <see cref="TimeUnit.Day"/>.</value>
    [EnumDataType(typeof(TimeUnit))]
    public TimeUnit TimeUnit { get; set; } = DefaultTimeUnit;

    /// <summary>The time zone whose calendar defines day and week periods (an IANA or Windows id).</summary>
    /// <value>Default <c>"UTC"</c>.</value>
    [Required]
    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    /// <summary>The smallest amount accepted; negative amounts are refunds. Set it to 0 to reject refunds.</summary>
    /// <value>Default -1,000,000.</value>
    public decimal MinimumAmount { get; set; } = DefaultMinimumAmount;

    /// <summary>The largest amount accepted.</summary>
    /// <value>Default 1,000,000.</value>
    public decimal MaximumAmount { get; set; } = DefaultMaximumAmount;

    /// <summary>How far after "now" a transaction may be dated (clock skew between systems) before it is rejected.</summary>
    /// <value>Default 5 minutes; zero or more.</value>
    public TimeSpan FutureTolerance { get; set; } = DefaultFutureTolerance;

    /// <summary>
    /// The most threads <see cref="Differentiation.Rfm.RfmPopulation.FromTransactions"/> may use on a large log (the
    /// result is the same whatever the number). <see cref="CustomerSummaryBuilder"/> builds on the calling thread.
    /// </summary>
    /// <value>Default 1 (the calling thread only, as suits a host that serves many requests at once); 1 to 64. Set it to
    /// <see cref="Environment.ProcessorCount"/> for a batch job that owns the machine.</value>
    /// <remarks>Logs of fewer than 262,144 rows use one thread whatever this says: the threads would cost more than they save.</remarks>
    public int MaxDegreeOfParallelism { get; set; } = DefaultMaxDegreeOfParallelism;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        if (!Enum.IsDefined(Period))
        {
            results.Add(new ValidationResult($"{nameof(Period)} must be Day, Week or Transaction; it is {(int)Period}.", [nameof(Period)]));
        }

        if (!Enum.IsDefined(TimeUnit))
        {
            results.Add(new ValidationResult($"{nameof(TimeUnit)} must be Day, Week, Month or Year; it is {(int)TimeUnit}.", [nameof(TimeUnit)]));
        }

        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            results.Add(new ValidationResult($"{nameof(TimeZoneId)} must name a time zone.", [nameof(TimeZoneId)]));
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out _))
        {
            results.Add(new ValidationResult($"{nameof(TimeZoneId)} '{TimeZoneId}' is not a time zone known to this machine.", [nameof(TimeZoneId)]));
        }

        if (MinimumAmount > MaximumAmount)
        {
            results.Add(new ValidationResult(
                $"{nameof(MinimumAmount)} ({MinimumAmount}) must not exceed {nameof(MaximumAmount)} ({MaximumAmount}).",
                [nameof(MinimumAmount), nameof(MaximumAmount)]));
        }

        if (FutureTolerance < TimeSpan.Zero)
        {
            results.Add(new ValidationResult($"{nameof(FutureTolerance)} must be zero or more; it is {FutureTolerance}.", [nameof(FutureTolerance)]));
        }

        if (MaxDegreeOfParallelism is < 1 or > MaxParallelism)
        {
            results.Add(new ValidationResult($"{nameof(MaxDegreeOfParallelism)} must be 1 to {MaxParallelism}; it is {MaxDegreeOfParallelism}.", [nameof(MaxDegreeOfParallelism)]));
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
                nameof(CustomerSummaryOptions),
                typeof(CustomerSummaryOptions),
                results.Select(r => $"{nameof(CustomerSummaryOptions)}.{r.ErrorMessage}"));
        }
    }

    internal CustomerSummaryOptions Clone() => (CustomerSummaryOptions)MemberwiseClone();
}
