using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RelationshipKit.Differentiation.Profitability;

/// <summary>
/// What it costs to serve a customer, as the host knows it: a fixed cost per customer, a cost per order and a cost per
/// interaction of each kind (a call, a chat, a complaint, a catalogue sent, ...); and the profit standard below which
/// a customer is reported.
/// </summary>
/// <remarks>
/// <para>Cost to serve = <see cref="PerCustomer"/> + <see cref="PerOrder"/> × orders + Σ over kinds of
/// <see cref="PerInteraction"/>[kind] × interactions of that kind. Profit = revenue − cost to serve. Amounts are in the
/// host's currency and may be negative (a credit).</para>
/// <para>This class is a plain options bag: it is not thread-safe while it is being changed. The analyzer copies it.</para>
/// </remarks>
public sealed class CostToServeOptions : IValidatableObject
{
    /// <summary>A fixed cost per customer per analysis period (account upkeep, statements).</summary>
    /// <value>Default 0.</value>
    public decimal PerCustomer { get; set; }

    /// <summary>The cost of handling one order (picking, shipping, payment fees).</summary>
    /// <value>Default 0.</value>
    public decimal PerOrder { get; set; }

    /// <summary>The cost of one interaction of each kind (ordinal, case-sensitive kind names); kinds not listed cost 0 and are reported.</summary>
    /// <value>Default an empty dictionary.</value>
    public IDictionary<string, decimal> PerInteraction { get; set; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>The profit standard: customers whose profit is below it are listed by <see cref="ProfitabilityReport.BelowStandard"/>.</summary>
    /// <value>Default 0 (customers who cost more than they bring).</value>
    public decimal ProfitStandard { get; set; }

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        if (PerInteraction is null)
        {
            results.Add(new ValidationResult("PerInteraction must not be null (use an empty dictionary).", [nameof(PerInteraction)]));
            return results;
        }

        foreach (KeyValuePair<string, decimal> cost in PerInteraction)
        {
            if (string.IsNullOrWhiteSpace(cost.Key))
            {
                results.Add(new ValidationResult("PerInteraction has an empty or white-space kind.", [nameof(PerInteraction)]));
            }
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate();
        if (results.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                nameof(CostToServeOptions),
                typeof(CostToServeOptions),
                results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{nameof(CostToServeOptions)}.{r.ErrorMessage}")));
        }
    }

    internal CostToServeOptions Clone() => new()
    {
        PerCustomer = PerCustomer,
        PerOrder = PerOrder,
        PerInteraction = new Dictionary<string, decimal>(PerInteraction, StringComparer.Ordinal),
        ProfitStandard = ProfitStandard,
    };
}
