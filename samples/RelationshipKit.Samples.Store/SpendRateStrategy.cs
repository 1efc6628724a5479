using System.Text.Json;
using RelationshipKit.Differentiation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The shop's own scoring strategy, registered through the same DI door as the built-in ones
/// (<c>AddScoringStrategy&lt;SpendRateStrategy&gt;("spend-rate")</c>): a customer's spend per week of tenure,
/// relative to the population's median, so 1.0 is a typical customer and 3.0 spends three times as fast.
/// </summary>
/// <remarks>Pure and thread-safe: fitting reads the population and returns an immutable model.</remarks>
internal sealed class SpendRateStrategy : IScoringStrategy
{
    /// <summary>The strategy's kind, also its JSON discriminator.</summary>
    public const string KindName = "spend-rate";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public IScoringModel Fit(CustomerSummaryTable population)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (population.Count == 0)
        {
            throw new ArgumentException("The population is empty.", nameof(population));
        }

        double[] rates = new double[population.Count];
        for (int i = 0; i < rates.Length; i++)
        {
            rates[i] = SpendRateModel.Rate(population[i]);
        }

        Array.Sort(rates);
        double median = rates.Length % 2 == 1 ? rates[rates.Length / 2] : (rates[(rates.Length / 2) - 1] + rates[rates.Length / 2]) / 2;
        return new SpendRateModel(population.TimeUnit, median > 0 ? median : 1);
    }

    /// <inheritdoc />
    public IScoringModel LoadModel(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.GetProperty("kind").GetString() != KindName)
        {
            throw new ArgumentException($"The model is not a {KindName} model.", nameof(json));
        }

        TimeUnit unit = Enum.Parse<TimeUnit>(root.GetProperty("timeUnit").GetString()!);
        double median = root.GetProperty("medianRate").GetDouble();
        if (!(median > 0) || !double.IsFinite(median))
        {
            throw new ArgumentException("The median rate must be positive and finite.", nameof(json));
        }

        return new SpendRateModel(unit, median);
    }
}
