namespace RelationshipKit.Identification;

/// <summary>
/// A trained Fellegi-Sunter model: m and u probabilities per comparison level, term frequencies, and the prior
/// probability that two random records match. It scores any pair; the identification components use it for batch
/// and incremental resolution.
/// </summary>
/// <remarks>
/// <para>A pair's match weight is the prior weight log2(λ / (1 - λ)) plus each comparison's level weight log2(m / u)
/// (with term-frequency adjustment: log2(m / tf(value)) for an exact agreement); its probability is
/// 2^w / (1 + 2^w) (Fellegi and Sunter 1969; the parameterisation follows Splink).</para>
/// <para>Training without labels: u from a random sample of record pairs; m by expectation maximisation on the pairs
/// of each blocking rule with u fixed (the rule's own fields left out), averaged over rules; λ by
/// expectation maximisation over all candidate pairs with m and u fixed, counted against all n(n-1)/2 pairs.</para>
/// <para>Immutable; thread-safe.</para>
/// </remarks>
public sealed class IdentityModel
{
    internal IdentityModel(
        IReadOnlyList<ComparisonParameters> comparisons,
        double priorMatchProbability,
        int trainingRecordCount,
        long randomPairCount,
        IReadOnlyList<TrainingSessionReport> sessions)
    {
        Comparisons = comparisons;
        PriorMatchProbability = priorMatchProbability;
        TrainingRecordCount = trainingRecordCount;
        RandomPairCount = randomPairCount;
        TrainingSessions = sessions;
    }

    /// <summary>The parameters of each comparison, in the order of <see cref="IdentificationOptions.Comparisons"/>.</summary>
    public IReadOnlyList<ComparisonParameters> Comparisons { get; }

    /// <summary>λ: the probability that two records drawn at random are the same person.</summary>
    public double PriorMatchProbability { get; }

    /// <summary>The prior match weight log2(λ / (1 - λ)).</summary>
    public double PriorWeight => Math.Log2(PriorMatchProbability / (1 - PriorMatchProbability));

    /// <summary>The number of records the model was trained on.</summary>
    public int TrainingRecordCount { get; }

    /// <summary>The number of random pairs the u probabilities were estimated from.</summary>
    public long RandomPairCount { get; }

    /// <summary>The expectation-maximisation sessions run to estimate m.</summary>
    public IReadOnlyList<TrainingSessionReport> TrainingSessions { get; }

    /// <summary>
    /// Writes the model as strict JSON (version 1): the prior, every comparison's levels with their labels (which
    /// carry the thresholds), m and u, the term frequencies, and the training report. Doubles are written in
    /// round-trip form, so <see cref="FromJson"/> gives a model that scores every pair bit for bit the same.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => IdentityModelDocument.From(this).Write();

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model. <see cref="IdentityResolver"/> checks that it fits its comparisons (names, level labels, term-frequency setting) when it is used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid model: malformed, an unknown or missing member, or a value out of range; the message names the member.</exception>
    public static IdentityModel FromJson(string json) => IdentityModelDocument.Read(json);

    internal IdentityModel WithPrior(double prior) => new(Comparisons, prior, TrainingRecordCount, RandomPairCount, TrainingSessions);
}
