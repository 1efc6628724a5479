using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Serialization;

namespace RelationshipKit.Identification;

/// <summary>
/// The JSON form of an <see cref="IdentityModel"/> (version 1). Doubles are written in round-trip form, so a loaded
/// model scores every pair bit for bit as the saved one. NaN (the m and u of the "missing" level, the u of an
/// untrained comparison) is written as the string <c>"NaN"</c>.
/// </summary>
internal sealed class IdentityModelDocument
{
    internal const string KindName = "identity-model";
    internal const int FormatVersion = 1;

    [JsonRequired]
    public string Kind { get; set; } = string.Empty;

    [JsonRequired]
    public int Version { get; set; }

    [JsonRequired]
    public double PriorMatchProbability { get; set; }

    [JsonRequired]
    public int TrainingRecordCount { get; set; }

    [JsonRequired]
    public long RandomPairCount { get; set; }

    [JsonRequired]
    public ComparisonParametersDocument[] Comparisons { get; set; } = [];

    [JsonRequired]
    public TrainingSessionDocument[] TrainingSessions { get; set; } = [];

    public static IdentityModelDocument From(IdentityModel model) => new()
    {
        Kind = KindName,
        Version = FormatVersion,
        PriorMatchProbability = model.PriorMatchProbability,
        TrainingRecordCount = model.TrainingRecordCount,
        RandomPairCount = model.RandomPairCount,
        Comparisons = [.. model.Comparisons.Select(ComparisonParametersDocument.From)],
        TrainingSessions = [.. model.TrainingSessions.Select(TrainingSessionDocument.From)],
    };

    public string Write() => JsonSerializer.Serialize(this, RelationshipKitJsonContext.Default.IdentityModelDocument);

    [SuppressMessage("Design", "CA1031", Justification = "NotSupportedException is rewrapped as JsonException, not swallowed.")]
    public static IdentityModel Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        IdentityModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, RelationshipKitJsonContext.Default.IdentityModelDocument)
                ?? throw new JsonException("The identity model JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        return document.ToModel();
    }

    private IdentityModel ToModel()
    {
        Require(string.Equals(Kind, KindName, StringComparison.Ordinal), "kind", $"must be '{KindName}'; it is '{Kind}'");
        Require(Version == FormatVersion, "version", $"must be {FormatVersion}; it is {Version}");
        Require(PriorMatchProbability is > 0 and < 1, "priorMatchProbability", $"must be greater than 0 and less than 1; it is {PriorMatchProbability}");
        Require(TrainingRecordCount >= 0, "trainingRecordCount", $"must be 0 or more; it is {TrainingRecordCount}");
        Require(RandomPairCount >= 0, "randomPairCount", $"must be 0 or more; it is {RandomPairCount}");
        Require(Comparisons is { Length: > 0 }, "comparisons", "must list at least one comparison");
        Require(TrainingSessions is not null, "trainingSessions", "is null");
        var comparisons = new ComparisonParameters[Comparisons.Length];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < comparisons.Length; c++)
        {
            string member = $"comparisons[{c}]";
            ComparisonParametersDocument document = Comparisons[c] ?? throw Invalid(member, "is null");
            comparisons[c] = document.ToParameters(member);
            Require(names.Add(comparisons[c].Name), $"{member}.name", $"repeats '{comparisons[c].Name}'");
        }

        var sessions = new TrainingSessionReport[TrainingSessions.Length];
        for (int s = 0; s < sessions.Length; s++)
        {
            string member = $"trainingSessions[{s}]";
            sessions[s] = (TrainingSessions[s] ?? throw Invalid(member, "is null")).ToReport(member);
        }

        return new IdentityModel(Array.AsReadOnly(comparisons), PriorMatchProbability, TrainingRecordCount, RandomPairCount, Array.AsReadOnly(sessions));
    }

    internal static void Require([DoesNotReturnIf(false)] bool condition, string member, string problem)
    {
        if (!condition)
        {
            throw Invalid(member, problem);
        }
    }

    internal static JsonException Invalid(string member, string problem) => new($"The identity model is not valid: {member} {problem}.");
}

/// <summary>The JSON form of <see cref="ComparisonParameters"/>.</summary>
internal sealed class ComparisonParametersDocument
{
    [JsonRequired]
    public string Name { get; set; } = string.Empty;

    [JsonRequired]
    public string Field { get; set; } = string.Empty;

    [JsonRequired]
    public bool IsTrained { get; set; }

    [JsonRequired]
    public int EmSessions { get; set; }

    [JsonRequired]
    public LevelParametersDocument[] Levels { get; set; } = [];

    [JsonRequired]
    public bool TermFrequencyAdjusted { get; set; }

    [JsonRequired]
    public double MinimumTermFrequency { get; set; }

    /// <summary>Normalised value to frequency, written in ordinal order of the values.</summary>
    [JsonRequired]
    public Dictionary<string, double> TermFrequencies { get; set; } = [];

    public static ComparisonParametersDocument From(ComparisonParameters p)
    {
        var frequencies = new Dictionary<string, double>(p.TermFrequencies.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> pair in p.TermFrequencies.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            frequencies.Add(pair.Key, pair.Value);
        }

        return new()
        {
            Name = p.Name,
            Field = p.Field,
            IsTrained = p.IsTrained,
            EmSessions = p.EmSessions,
            Levels = [.. p.Levels.Select(LevelParametersDocument.From)],
            TermFrequencyAdjusted = p.TermFrequencyAdjusted,
            MinimumTermFrequency = p.MinimumTermFrequency,
            TermFrequencies = frequencies,
        };
    }

    public ComparisonParameters ToParameters(string member)
    {
        IdentityModelDocument.Require(!string.IsNullOrWhiteSpace(Name), $"{member}.name", "must not be empty");
        IdentityModelDocument.Require(Field is not null, $"{member}.field", "is null");
        IdentityModelDocument.Require(EmSessions >= 0, $"{member}.emSessions", $"must be 0 or more; it is {EmSessions}");
        IdentityModelDocument.Require(Levels is { Length: >= 3 and <= Comparison.MaxLevels + 2 }, $"{member}.levels", $"must hold 3 to {Comparison.MaxLevels + 2} levels (missing, the comparison's levels, else)");
        IdentityModelDocument.Require(double.IsFinite(MinimumTermFrequency) && MinimumTermFrequency is >= 0 and <= 1, $"{member}.minimumTermFrequency", $"must be from 0 to 1; it is {MinimumTermFrequency}");
        IdentityModelDocument.Require(TermFrequencies is not null, $"{member}.termFrequencies", "is null");
        var levels = new LevelParameters[Levels.Length];
        for (int l = 0; l < levels.Length; l++)
        {
            levels[l] = (Levels[l] ?? throw IdentityModelDocument.Invalid($"{member}.levels[{l}]", "is null")).ToLevel($"{member}.levels[{l}]", l == 0, IsTrained);
        }

        var frequencies = new Dictionary<string, double>(TermFrequencies.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> pair in TermFrequencies)
        {
            IdentityModelDocument.Require(double.IsFinite(pair.Value) && pair.Value is > 0 and <= 1, $"{member}.termFrequencies['{pair.Key}']", $"must be greater than 0 and at most 1; it is {pair.Value}");
            frequencies.Add(pair.Key, pair.Value);
        }

        return new ComparisonParameters(Name, Field, Array.AsReadOnly(levels), TermFrequencyAdjusted, frequencies.AsReadOnly(), MinimumTermFrequency, IsTrained, EmSessions);
    }
}

/// <summary>The JSON form of <see cref="LevelParameters"/>.</summary>
internal sealed class LevelParametersDocument
{
    [JsonRequired]
    public string Label { get; set; } = string.Empty;

    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double M { get; set; }

    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double U { get; set; }

    public static LevelParametersDocument From(LevelParameters level) => new() { Label = level.Label, M = level.M, U = level.U };

    public LevelParameters ToLevel(string member, bool missing, bool trained)
    {
        IdentityModelDocument.Require(!string.IsNullOrEmpty(Label), $"{member}.label", "must not be empty");
        if (missing)
        {
            IdentityModelDocument.Require(Label == "missing", $"{member}.label", $"of level 0 must be 'missing'; it is '{Label}'");
        }

        IdentityModelDocument.Require(double.IsNaN(M) || M is >= 0 and <= 1, $"{member}.m", $"must be from 0 to 1 (or NaN); it is {M}");
        IdentityModelDocument.Require(double.IsNaN(U) || U is >= 0 and <= 1, $"{member}.u", $"must be from 0 to 1 (or NaN); it is {U}");
        IdentityModelDocument.Require(missing || !trained || !double.IsNaN(U), $"{member}.u", "must be a number for a trained comparison");
        return new LevelParameters(Label, M, U);
    }
}

/// <summary>The JSON form of <see cref="TrainingSessionReport"/>.</summary>
internal sealed class TrainingSessionDocument
{
    [JsonRequired]
    public string BlockingRule { get; set; } = string.Empty;

    [JsonRequired]
    public long PairCount { get; set; }

    [JsonRequired]
    public int Iterations { get; set; }

    [JsonRequired]
    public bool Converged { get; set; }

    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double MatchProportion { get; set; }

    [JsonRequired]
    public string[] EstimatedComparisons { get; set; } = [];

    public static TrainingSessionDocument From(TrainingSessionReport report) => new()
    {
        BlockingRule = report.BlockingRule,
        PairCount = report.PairCount,
        Iterations = report.Iterations,
        Converged = report.Converged,
        MatchProportion = report.MatchProportion,
        EstimatedComparisons = [.. report.EstimatedComparisons],
    };

    public TrainingSessionReport ToReport(string member)
    {
        IdentityModelDocument.Require(BlockingRule is not null, $"{member}.blockingRule", "is null");
        IdentityModelDocument.Require(PairCount >= 0, $"{member}.pairCount", $"must be 0 or more; it is {PairCount}");
        IdentityModelDocument.Require(Iterations >= 0, $"{member}.iterations", $"must be 0 or more; it is {Iterations}");
        IdentityModelDocument.Require(EstimatedComparisons is not null && EstimatedComparisons.All(c => c is not null), $"{member}.estimatedComparisons", "must be a list of names");
        return new TrainingSessionReport(BlockingRule, PairCount, Iterations, Converged, MatchProportion, Array.AsReadOnly((string[])EstimatedComparisons.Clone()));
    }
}
