using System.Buffers;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Composite;

/// <summary>
/// Combines several scoring strategies into one score: each component is fitted on the population, its scores are
/// normalised to [0, 1] over that population (<see cref="CompositeNormalization"/>), and the composite score is the
/// weighted mean Σ wᵢ·normᵢ / Σ wᵢ, in [0, 1].
/// </summary>
/// <remarks>
/// <para>Register it with <c>builder.AddWeightedCompositeScoring("name", o => o.Add("rfm", 2).Add("clv", 1))</c>, which
/// resolves the components by name from the same registry (the composite goes through the same
/// <c>AddScoringStrategy</c> door), or build it with <c>new</c> and a dictionary of strategies.</para>
/// <para>Percentile rank is the default because component scales differ wildly (an RFM sum from 3 to 15, a lifetime
/// value in currency with a long tail) and min-max lets one outlier squash everyone else.</para>
/// <para>Immutable and thread-safe when its components are.</para>
/// </remarks>
public sealed class WeightedCompositeStrategy : IScoringStrategy
{
    /// <summary>The <see cref="Kind"/> of weighted composite strategies and models.</summary>
    public const string KindName = "weighted-composite";

    private const int ChunkSize = 4096;

    private readonly (string Name, IScoringStrategy Strategy, double Weight)[] _components;
    private readonly CompositeNormalization _normalization;
    private readonly int _maxKnots;

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">The components, weights and normalisation (copied).</param>
    /// <param name="strategies">The component strategies by name; must hold every name in <see cref="CompositeScoringOptions.Components"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    /// <exception cref="ArgumentException">A component names a strategy that <paramref name="strategies"/> does not hold.</exception>
    public WeightedCompositeStrategy(CompositeScoringOptions options, IReadOnlyDictionary<string, IScoringStrategy> strategies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(strategies);
        options.ThrowIfInvalid();
        _normalization = options.Normalization;
        _maxKnots = options.MaxKnots;
        _components = new (string, IScoringStrategy, double)[options.Components.Count];
        for (int i = 0; i < _components.Length; i++)
        {
            CompositeComponentOptions component = options.Components[i];
            if (!strategies.TryGetValue(component.Strategy, out IScoringStrategy? strategy) || strategy is null)
            {
                throw new ArgumentException(
                    $"Component {i} names the strategy '{component.Strategy}', which was not given. Given: {string.Join(", ", strategies.Keys.Select(k => $"'{k}'"))}.",
                    nameof(strategies));
            }

            _components[i] = (component.Strategy, strategy, component.Weight);
        }
    }

    /// <inheritdoc />
    public string Kind => KindName;

    /// <summary>The component names, in order.</summary>
    public IReadOnlyList<string> Components => _components.Select(c => c.Name).ToArray();

    /// <summary>Fits every component on the population and the normalisation of its scores.</summary>
    /// <param name="population">The customers; at least one.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population is empty, or a component cannot be fitted.</exception>
    public WeightedCompositeModel Fit(CustomerSummaryTable population)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (population.Count == 0)
        {
            throw new ArgumentException("A weighted composite needs at least one customer to normalise its components; the population is empty.", nameof(population));
        }

        var parts = new WeightedCompositeModel.Part[_components.Length];
        CustomerValue[] values = ArrayPool<CustomerValue>.Shared.Rent(Math.Min(ChunkSize, population.Count));
        double[] scores = ArrayPool<double>.Shared.Rent(population.Count);
        try
        {
            for (int c = 0; c < _components.Length; c++)
            {
                (string name, IScoringStrategy strategy, double weight) = _components[c];
                IScoringModel model = strategy.Fit(population);
                for (int start = 0; start < population.Count; start += ChunkSize)
                {
                    int length = Math.Min(ChunkSize, population.Count - start);
                    model.Score(population.Slice(start, length), values.AsSpan(0, length));
                    for (int i = 0; i < length; i++)
                    {
                        scores[start + i] = values[i].Score;
                    }
                }

                ScoreNormalizer normalizer = ScoreNormalizer.Fit(scores.AsSpan(0, population.Count), _normalization, _maxKnots);
                parts[c] = new WeightedCompositeModel.Part(name, weight, model, normalizer);
            }
        }
        finally
        {
            ArrayPool<CustomerValue>.Shared.Return(values, clearArray: true);
            ArrayPool<double>.Shared.Return(scores);
        }

        return new WeightedCompositeModel(population.TimeUnit, _normalization, parts);
    }

    /// <summary>Loads a model written by <see cref="WeightedCompositeModel.ToJson"/>, each component through the strategy of its name.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>A model that scores bit-identically to the one that was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid composite model, or names components this strategy does not have.</exception>
    public WeightedCompositeModel LoadModel(string json) =>
        WeightedCompositeModelDocument.Read(json, name => Array.Find(_components, c => string.Equals(c.Name, name, StringComparison.Ordinal)).Strategy);

    /// <inheritdoc />
    IScoringModel IScoringStrategy.Fit(CustomerSummaryTable population) => Fit(population);

    /// <inheritdoc />
    IScoringModel IScoringStrategy.LoadModel(string json) => LoadModel(json);
}
