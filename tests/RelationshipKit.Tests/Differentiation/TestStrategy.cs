using RelationshipKit.Differentiation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation;

/// <summary>A host-style strategy for tests: the score is a function of the summary; the model's JSON is its kind.</summary>
internal sealed class TestStrategy(string kind, Func<CustomerSummary, double> score) : IScoringStrategy
{
    public string Kind { get; } = kind;

    public IScoringModel Fit(CustomerSummaryTable population) => new Model(Kind, population.TimeUnit, score);

    public IScoringModel LoadModel(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.Contains(Kind, StringComparison.Ordinal)
            ? new Model(Kind, TimeUnit.Day, score)
            : throw new System.Text.Json.JsonException($"Not a {Kind} model.");
    }

    /// <summary>Frequency x as the score.</summary>
    public static TestStrategy Frequency() => new("test-frequency", s => s.Frequency);

    /// <summary>Minus x as the score.</summary>
    public static TestStrategy NegativeFrequency() => new("test-negative-frequency", s => -s.Frequency);

    private sealed class Model(string kind, TimeUnit unit, Func<CustomerSummary, double> score) : IScoringModel
    {
        public string Kind => kind;

        public TimeUnit TimeUnit => unit;

        public CustomerValue Score(CustomerSummary customer) => new(customer.CustomerId, score(customer));

        public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
        {
            for (int i = 0; i < customers.Count; i++)
            {
                destination[i] = Score(customers[i]);
            }
        }

        public string ToJson() => $"{{\"kind\":\"{kind}\"}}";
    }
}
