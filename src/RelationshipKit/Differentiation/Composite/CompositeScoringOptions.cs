using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RelationshipKit.Differentiation.Composite;

/// <summary>The components, weights and normalisation of a <see cref="WeightedCompositeStrategy"/>.</summary>
/// <remarks>A plain options bag: not thread-safe while it is being changed. The strategy copies it.</remarks>
public sealed class CompositeScoringOptions : IValidatableObject
{
    internal const CompositeNormalization DefaultNormalization = CompositeNormalization.PercentileRank;
    internal const int DefaultMaxKnots = 1001;

    /// <summary>The components: registered strategy names with weights; at least one, names distinct.</summary>
    /// <value>Default empty, which is invalid: add components.</value>
    public IList<CompositeComponentOptions> Components { get; set; } = [];

    /// <summary>How component scores are put on one scale.</summary>
    /// <value>Default <see cref="CompositeNormalization.PercentileRank"/>.</value>
    [EnumDataType(typeof(CompositeNormalization), ErrorMessage = "Normalization must be PercentileRank or MinMax.")]
    public CompositeNormalization Normalization { get; set; } = DefaultNormalization;

    /// <summary>The most points a fitted percentile-rank curve keeps per component (exact when the fitted scores have no more distinct values).</summary>
    /// <value>Default 1,001; from 2 to 100,000.</value>
    [Range(2, 100_000, ErrorMessage = "MaxKnots must be from {1} to {2}.")]
    public int MaxKnots { get; set; } = DefaultMaxKnots;

    /// <summary>Adds a component.</summary>
    /// <param name="strategy">The registered strategy name.</param>
    /// <param name="weight">The weight; finite and above 0.</param>
    /// <returns>These options, for chaining.</returns>
    public CompositeScoringOptions Add(string strategy, double weight = 1d)
    {
        Components.Add(new CompositeComponentOptions { Strategy = strategy, Weight = weight });
        return this;
    }

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(includeAnnotations: false);

    internal List<ValidationResult> Validate(bool includeAnnotations)
    {
        var results = new List<ValidationResult>();
        if (includeAnnotations)
        {
            if (!Enum.IsDefined(Normalization))
            {
                results.Add(new ValidationResult($"Normalization must be PercentileRank or MinMax; it is {(int)Normalization}.", [nameof(Normalization)]));
            }

            if (MaxKnots is < 2 or > 100_000)
            {
                results.Add(new ValidationResult($"MaxKnots must be from 2 to 100000; it is {MaxKnots}.", [nameof(MaxKnots)]));
            }
        }

        if (Components is null || Components.Count == 0)
        {
            results.Add(new ValidationResult("Components must hold at least one component.", [nameof(Components)]));
            return results;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Components.Count; i++)
        {
            CompositeComponentOptions? component = Components[i];
            if (component is null || string.IsNullOrWhiteSpace(component.Strategy))
            {
                results.Add(new ValidationResult($"Components[{i}].Strategy must name a registered strategy.", [nameof(Components)]));
                continue;
            }

            if (!names.Add(component.Strategy))
            {
                results.Add(new ValidationResult($"Components[{i}].Strategy '{component.Strategy}' appears twice.", [nameof(Components)]));
            }

            if (!double.IsFinite(component.Weight) || component.Weight <= 0)
            {
                results.Add(new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"Components[{i}].Weight must be finite and above 0; it is {component.Weight}."), [nameof(Components)]));
            }
        }

        return results;
    }

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate(includeAnnotations: true);
        if (results.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                nameof(CompositeScoringOptions),
                typeof(CompositeScoringOptions),
                results.Select(r => $"{nameof(CompositeScoringOptions)}.{r.ErrorMessage}"));
        }
    }
}
