using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation;

/// <summary>
/// A value-scoring method: fitted on a population of customer summaries, it returns an immutable
/// <see cref="IScoringModel"/> that scores customers. The one extension point for value scoring; the
/// built-in strategies (RFM, lifetime-value models) implement it exactly as a host's own would.
/// </summary>
/// <remarks>
/// Implementations must be pure and thread-safe: <see cref="Fit"/> may run on any thread, concurrently,
/// and must not keep state between calls. Register a strategy under a name with
/// <c>builder.AddScoringStrategy&lt;T&gt;("name")</c> and resolve it through <see cref="IScoringStrategyProvider"/>.
/// </remarks>
public interface IScoringStrategy
{
    /// <summary>A stable identifier of the method (for example <c>"rfm"</c>), written into serialised models.</summary>
    string Kind { get; }

    /// <summary>Fits the strategy on a population.</summary>
    /// <param name="population">The customers to learn from (quantile thresholds, maximum-likelihood parameters, ...).</param>
    /// <returns>An immutable, thread-safe model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The population cannot be fitted (for example it is empty); the message says why.</exception>
    IScoringModel Fit(CustomerSummaryTable population);

    /// <summary>Loads a model written by <see cref="IScoringModel.ToJson"/> of a model of this strategy.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>A model that scores bit-identically to the one that was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid model of this strategy; the message says why.</exception>
    IScoringModel LoadModel(string json);
}
