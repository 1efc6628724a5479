using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>How <see cref="RfmStrategy"/> scores recency, frequency and monetary value, combines them and names segments.</summary>
/// <remarks>
/// <para>Every option is validated when a strategy is built (with <c>new RfmStrategy(options)</c> or through
/// <c>AddRfmScoring</c>); an invalid value throws an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> whose message names the option.</para>
/// <para>A dimension with thresholds (<see cref="RecencyThresholds"/>, <see cref="FrequencyThresholds"/>,
/// <see cref="MonetaryThresholds"/>) uses them; the others use population quantiles with
/// <see cref="TiePolicy"/>. Thresholds are k − 1 strictly increasing upper bin edges: a value v gets bin
/// 1 + (the number of thresholds below v), so each bin is right-closed (t(j−1), t(j)] as in pandas <c>cut</c>.
/// Recency thresholds are on the time since the last purchase, in the summaries' time unit, and the recency score
/// is k + 1 − bin (the most recent bin scores k).</para>
/// <para>This class is a plain options bag: it is not thread-safe while it is being changed. The strategy copies it.</para>
/// </remarks>
public sealed class RfmOptions : IValidatableObject
{
    internal const int DefaultBins = 5;
    internal const int MinBins = 2;
    internal const int MaxBins = 10;
    internal const RfmTiePolicy DefaultTiePolicy = RfmTiePolicy.First;
    internal const RfmMonetaryBasis DefaultMonetary = RfmMonetaryBasis.Total;
    internal const double DefaultWeight = 1d;
    internal const int MaxParallelism = 64;

    /// <summary>The number of bins k: every score runs from 1 to k.</summary>
    /// <value>Default 5; from 2 to 10.</value>
    [Range(MinBins, MaxBins, ErrorMessage = "Bins must be from {1} to {2}.")]
    public int Bins { get; set; } = DefaultBins;

    /// <summary>How quantile binning treats equal values.</summary>
    /// <value>Default <see cref="RfmTiePolicy.First"/> (the pandas <c>qcut(rank(method='first'))</c> scores).</value>
    [EnumDataType(typeof(RfmTiePolicy), ErrorMessage = "TiePolicy must be First or Shared.")]
    public RfmTiePolicy TiePolicy { get; set; } = DefaultTiePolicy;

    /// <summary>Which spend figure the monetary dimension ranks.</summary>
    /// <value>Default <see cref="RfmMonetaryBasis.Total"/>.</value>
    [EnumDataType(typeof(RfmMonetaryBasis), ErrorMessage = "Monetary must be Total or Average.")]
    public RfmMonetaryBasis Monetary { get; set; } = DefaultMonetary;

    /// <summary>Fixed recency thresholds: k − 1 strictly increasing times since the last purchase, in the summaries' time unit.</summary>
    /// <value>Default <see langword="null"/> (population quantiles).</value>
    public IList<double>? RecencyThresholds { get; set; }

    /// <summary>Fixed frequency thresholds: k − 1 strictly increasing numbers of purchase periods.</summary>
    /// <value>Default <see langword="null"/> (population quantiles).</value>
    public IList<double>? FrequencyThresholds { get; set; }

    /// <summary>Fixed monetary thresholds: k − 1 strictly increasing amounts, on the <see cref="Monetary"/> basis.</summary>
    /// <value>Default <see langword="null"/> (population quantiles).</value>
    public IList<double>? MonetaryThresholds { get; set; }

    /// <summary>The weight of the recency score in the combined score w_R·R + w_F·F + w_M·M.</summary>
    /// <value>Default 1 (with the other defaults, the combined score is the sum R + F + M); finite, 0 or more.</value>
    public double RecencyWeight { get; set; } = DefaultWeight;

    /// <summary>The weight of the frequency score in the combined score.</summary>
    /// <value>Default 1; finite, 0 or more.</value>
    public double FrequencyWeight { get; set; } = DefaultWeight;

    /// <summary>The weight of the monetary score in the combined score.</summary>
    /// <value>Default 1; finite, 0 or more. At least one weight must be above 0.</value>
    public double MonetaryWeight { get; set; } = DefaultWeight;

    /// <summary>The segment rules; each cell must match rules of exactly one segment (see <see cref="RfmSegmentTable"/>).</summary>
    /// <value>Default <see langword="null"/>: the default eleven-segment table for <see cref="Bins"/>.</value>
    public IList<RfmSegmentRule>? Segments { get; set; }

    /// <summary>The segment of cells that match none of <see cref="Segments"/>; used only with host rules.</summary>
    /// <value>Default <see langword="null"/>: every cell must match a rule.</value>
    public string? FallbackSegment { get; set; }

    /// <summary>
    /// The most threads a fit may use, and a fitted (or loaded) model's span scoring after it: with more than one, the
    /// three dimensions' quantile bins of a large population are fitted side by side, and a large table or population
    /// is scored in ranges of rows side by side (<see cref="RfmModel.MaxDegreeOfParallelism"/>). The model and the
    /// scores are the same whatever the number.
    /// </summary>
    /// <value>Default 1 (the calling thread only, as suits a host that serves many requests at once); 1 to 64.</value>
    /// <remarks>Populations of fewer than 65,536 customers are fitted and scored on one thread whatever this says.</remarks>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate(includeAnnotations: false);

    /// <summary>Builds the segment table these options describe (assumes the options are valid).</summary>
    internal RfmSegmentTable CreateSegmentTable() =>
        Segments is null && FallbackSegment is null
            ? RfmSegmentTable.CreateDefault(Bins)
            : RfmSegmentTable.Create(Bins, Segments ?? [], FallbackSegment);

    internal List<ValidationResult> Validate(bool includeAnnotations)
    {
        var results = new List<ValidationResult>();
        if (includeAnnotations)
        {
            if (Bins is < MinBins or > MaxBins)
            {
                results.Add(Result($"Bins must be from {MinBins} to {MaxBins}; it is {Bins}.", nameof(Bins)));
            }

            if (!Enum.IsDefined(TiePolicy))
            {
                results.Add(Result($"TiePolicy must be First or Shared; it is {(int)TiePolicy}.", nameof(TiePolicy)));
            }

            if (!Enum.IsDefined(Monetary))
            {
                results.Add(Result($"Monetary must be Total or Average; it is {(int)Monetary}.", nameof(Monetary)));
            }
        }

        bool binsValid = Bins is >= MinBins and <= MaxBins;
        CheckThresholds(results, RecencyThresholds, nameof(RecencyThresholds), binsValid);
        CheckThresholds(results, FrequencyThresholds, nameof(FrequencyThresholds), binsValid);
        CheckThresholds(results, MonetaryThresholds, nameof(MonetaryThresholds), binsValid);
        CheckWeight(results, RecencyWeight, nameof(RecencyWeight));
        CheckWeight(results, FrequencyWeight, nameof(FrequencyWeight));
        CheckWeight(results, MonetaryWeight, nameof(MonetaryWeight));
        if (RecencyWeight == 0 && FrequencyWeight == 0 && MonetaryWeight == 0)
        {
            results.Add(Result("At least one of RecencyWeight, FrequencyWeight and MonetaryWeight must be above 0.", nameof(RecencyWeight), nameof(FrequencyWeight), nameof(MonetaryWeight)));
        }

        if (MaxDegreeOfParallelism is < 1 or > MaxParallelism)
        {
            results.Add(Result($"MaxDegreeOfParallelism must be 1 to {MaxParallelism}; it is {MaxDegreeOfParallelism}.", nameof(MaxDegreeOfParallelism)));
        }

        if (FallbackSegment is not null && string.IsNullOrWhiteSpace(FallbackSegment))
        {
            results.Add(Result("FallbackSegment must be null or a name that is not white space.", nameof(FallbackSegment)));
        }
        else if (binsValid)
        {
            CheckSegments(results);
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate(includeAnnotations: true);
        if (results.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                nameof(RfmOptions),
                typeof(RfmOptions),
                results.Select(r => $"{nameof(RfmOptions)}.{r.ErrorMessage}"));
        }
    }

    internal RfmOptions Clone()
    {
        var copy = (RfmOptions)MemberwiseClone();
        copy.RecencyThresholds = RecencyThresholds?.ToArray();
        copy.FrequencyThresholds = FrequencyThresholds?.ToArray();
        copy.MonetaryThresholds = MonetaryThresholds?.ToArray();
        copy.Segments = Segments?.ToArray();
        return copy;
    }

    private void CheckSegments(List<ValidationResult> results)
    {
        if (Segments is not null)
        {
            for (int i = 0; i < Segments.Count; i++)
            {
                if (Segments[i] is null)
                {
                    results.Add(Result($"Segments[{i}] is null.", nameof(Segments)));
                    return;
                }
            }
        }

        try
        {
            _ = CreateSegmentTable();
        }
        catch (RfmSegmentTableException ex)
        {
            results.Add(Result($"Segments: {ex.Description ?? ex.Message}", nameof(Segments)));
        }
    }

    private void CheckThresholds(List<ValidationResult> results, IList<double>? thresholds, string name, bool binsValid)
    {
        if (thresholds is null)
        {
            return;
        }

        if (binsValid && thresholds.Count != Bins - 1)
        {
            results.Add(Result($"{name} must hold Bins - 1 = {Bins - 1} values; it holds {thresholds.Count}.", name));
            return;
        }

        for (int i = 0; i < thresholds.Count; i++)
        {
            double t = thresholds[i];
            if (!double.IsFinite(t))
            {
                results.Add(Result(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] must be finite; it is {t}."), name));
                return;
            }

            if (i > 0 && !(t > thresholds[i - 1]))
            {
                results.Add(Result(string.Create(CultureInfo.InvariantCulture, $"{name} must be strictly increasing; {name}[{i}] = {t} follows {thresholds[i - 1]}."), name));
                return;
            }
        }
    }

    private static void CheckWeight(List<ValidationResult> results, double weight, string name)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            results.Add(Result(string.Create(CultureInfo.InvariantCulture, $"{name} must be finite and 0 or more; it is {weight}."), name));
        }
    }

    private static ValidationResult Result(string message, params string[] members) => new(message, members);
}
