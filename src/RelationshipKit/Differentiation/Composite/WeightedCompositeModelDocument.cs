using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Serialization;

namespace RelationshipKit.Differentiation.Composite;

/// <summary>The JSON form of a <see cref="WeightedCompositeModel"/> (version 1); each component's model is embedded as its own JSON.</summary>
internal sealed class WeightedCompositeModelDocument
{
    [JsonRequired]
    public string Kind { get; set; } = string.Empty;

    [JsonRequired]
    public int Version { get; set; }

    [JsonRequired]
    public TimeUnit TimeUnit { get; set; }

    [JsonRequired]
    public CompositeNormalization Normalization { get; set; }

    [JsonRequired]
    public WeightedComponentDocument[] Components { get; set; } = [];

    public static WeightedCompositeModelDocument From(WeightedCompositeModel model)
    {
        var components = new WeightedComponentDocument[model.Parts.Length];
        for (int i = 0; i < components.Length; i++)
        {
            WeightedCompositeModel.Part part = model.Parts[i];
            using JsonDocument embedded = JsonDocument.Parse(part.Model.ToJson());
            components[i] = new WeightedComponentDocument
            {
                Name = part.Name,
                Kind = part.Model.Kind,
                Weight = part.Weight,
                Minimum = part.Normalizer.Minimum,
                Maximum = part.Normalizer.Maximum,
                KnotScores = part.Normalizer.KnotScores.ToArray(),
                KnotRanks = part.Normalizer.KnotRanks.ToArray(),
                Model = embedded.RootElement.Clone(),
            };
        }

        return new WeightedCompositeModelDocument
        {
            Kind = model.Kind,
            Version = WeightedCompositeModel.FormatVersion,
            TimeUnit = model.TimeUnit,
            Normalization = model.Normalization,
            Components = components,
        };
    }

    [SuppressMessage("Design", "CA1031", Justification = "Exceptions of the serializer and of component loaders are rewrapped as JsonException, not swallowed.")]
    public static WeightedCompositeModel Read(string json, Func<string, IScoringStrategy?> strategyOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        WeightedCompositeModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, RelationshipKitJsonContext.Default.WeightedCompositeModelDocument)
                ?? throw new JsonException("The composite model JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        Require(string.Equals(document.Kind, WeightedCompositeStrategy.KindName, StringComparison.Ordinal), "kind", $"must be '{WeightedCompositeStrategy.KindName}'; it is '{document.Kind}'");
        Require(document.Version == WeightedCompositeModel.FormatVersion, "version", $"must be {WeightedCompositeModel.FormatVersion}; it is {document.Version}");
        Require(Enum.IsDefined(document.TimeUnit), "timeUnit", "is not a known time unit");
        Require(Enum.IsDefined(document.Normalization), "normalization", "is not a known normalisation");
        Require(document.Components is { Length: > 0 }, "components", "must hold at least one component");
        var parts = new WeightedCompositeModel.Part[document.Components.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            WeightedComponentDocument c = document.Components[i] ?? throw Invalid($"components[{i}]", "is null");
            string at = $"components[{i}]";
            Require(!string.IsNullOrWhiteSpace(c.Name), $"{at}.name", "is empty");
            Require(double.IsFinite(c.Weight) && c.Weight > 0, $"{at}.weight", "must be finite and above 0");
            IScoringStrategy strategy = strategyOf(c.Name) ?? throw Invalid($"{at}.name", $"'{c.Name}' is not a component of this strategy");
            Require(string.Equals(strategy.Kind, c.Kind, StringComparison.Ordinal), $"{at}.kind", $"is '{c.Kind}' but the strategy '{c.Name}' is of kind '{strategy.Kind}'");
            IScoringModel model;
            try
            {
                model = strategy.LoadModel(c.Model.GetRawText());
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                throw new JsonException($"The composite model is not valid: {at}.model: {ex.Message}", ex);
            }

            Require(model.TimeUnit == document.TimeUnit, $"{at}.model", "is in another time unit than the composite");
            Require(c.KnotScores is not null && c.KnotRanks is not null && c.KnotScores.Length == c.KnotRanks.Length, $"{at}.knotRanks", "must hold one rank per knot score");
            if (document.Normalization == CompositeNormalization.PercentileRank)
            {
                Require(c.KnotScores!.Length > 0, $"{at}.knotScores", "must not be empty for percentile ranks");
                for (int k = 0; k < c.KnotScores.Length; k++)
                {
                    Require(double.IsFinite(c.KnotScores[k]) && (k == 0 || c.KnotScores[k] > c.KnotScores[k - 1]), $"{at}.knotScores[{k}]", "must be finite and increasing");
                    Require(c.KnotRanks![k] is >= 0 and <= 1 && (k == 0 || c.KnotRanks[k] >= c.KnotRanks[k - 1]), $"{at}.knotRanks[{k}]", "must be in [0, 1] and not decreasing");
                }
            }

            Require(double.IsFinite(c.Minimum) && double.IsFinite(c.Maximum) && c.Minimum <= c.Maximum, $"{at}.minimum", "and maximum must be finite with minimum ≤ maximum");
            parts[i] = new WeightedCompositeModel.Part(c.Name, c.Weight, model, new ScoreNormalizer(document.Normalization, c.Minimum, c.Maximum, c.KnotScores!, c.KnotRanks!));
        }

        return new WeightedCompositeModel(document.TimeUnit, document.Normalization, parts);
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string member, string problem)
    {
        if (!condition)
        {
            throw Invalid(member, problem);
        }
    }

    private static JsonException Invalid(string member, string problem) => new($"The composite model is not valid: {member} {problem}.");
}

/// <summary>The JSON form of one composite component.</summary>
internal sealed class WeightedComponentDocument
{
    [JsonRequired]
    public string Name { get; set; } = string.Empty;

    [JsonRequired]
    public string Kind { get; set; } = string.Empty;

    [JsonRequired]
    public double Weight { get; set; }

    [JsonRequired]
    public double Minimum { get; set; }

    [JsonRequired]
    public double Maximum { get; set; }

    [JsonRequired]
    public double[] KnotScores { get; set; } = [];

    [JsonRequired]
    public double[] KnotRanks { get; set; } = [];

    [JsonRequired]
    public JsonElement Model { get; set; }
}
