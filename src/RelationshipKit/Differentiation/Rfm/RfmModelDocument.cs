using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Serialization;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>The JSON form of an <see cref="RfmModel"/> (version 1). Doubles are written in round-trip form, so a load is exact.</summary>
internal sealed class RfmModelDocument
{
    [JsonRequired]
    public string Kind { get; set; } = string.Empty;

    [JsonRequired]
    public int Version { get; set; }

    [JsonRequired]
    public TimeUnit TimeUnit { get; set; }

    [JsonRequired]
    public int Bins { get; set; }

    [JsonRequired]
    public RfmMonetaryBasis MonetaryBasis { get; set; }

    [JsonRequired]
    public bool UsesPurchaseHistory { get; set; }

    [JsonRequired]
    public double RecencyWeight { get; set; }

    [JsonRequired]
    public double FrequencyWeight { get; set; }

    [JsonRequired]
    public double MonetaryWeight { get; set; }

    [JsonRequired]
    public RfmBinsDocument Recency { get; set; } = new();

    [JsonRequired]
    public RfmBinsDocument Frequency { get; set; } = new();

    [JsonRequired]
    public RfmBinsDocument Monetary { get; set; } = new();

    [JsonRequired]
    public RfmSegmentTableDocument Segments { get; set; } = new();

    public static RfmModelDocument From(RfmModel model) => new()
    {
        Kind = model.Kind,
        Version = RfmModel.FormatVersion,
        TimeUnit = model.TimeUnit,
        Bins = model.Bins,
        MonetaryBasis = model.MonetaryBasis,
        UsesPurchaseHistory = model.UsesPurchaseHistory,
        RecencyWeight = model.RecencyWeight,
        FrequencyWeight = model.FrequencyWeight,
        MonetaryWeight = model.MonetaryWeight,
        Recency = RfmBinsDocument.From(model.RecencyBins),
        Frequency = RfmBinsDocument.From(model.FrequencyBins),
        Monetary = RfmBinsDocument.From(model.MonetaryBins),
        Segments = RfmSegmentTableDocument.From(model.Segments),
    };

    [SuppressMessage("Design", "CA1031", Justification = "NotSupportedException and ArgumentException are rewrapped as JsonException, not swallowed.")]
    public static RfmModel Read(string json, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        RfmModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, RelationshipKitJsonContext.Default.RfmModelDocument)
                ?? throw new JsonException("The RFM model JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        return document.ToModel(maxDegreeOfParallelism);
    }

    private RfmModel ToModel(int maxDegreeOfParallelism)
    {
        Require(string.Equals(Kind, RfmStrategy.KindName, StringComparison.Ordinal), "kind", $"must be '{RfmStrategy.KindName}'; it is '{Kind}'");
        Require(Version == RfmModel.FormatVersion, "version", $"must be {RfmModel.FormatVersion}; it is {Version}");
        Require(Enum.IsDefined(TimeUnit), "timeUnit", "is not a known time unit");
        Require(Bins is >= RfmOptions.MinBins and <= RfmOptions.MaxBins, "bins", $"must be from {RfmOptions.MinBins} to {RfmOptions.MaxBins}; it is {Bins}");
        Require(Enum.IsDefined(MonetaryBasis), "monetaryBasis", "is not a known basis");
        RequireWeight(RecencyWeight, "recencyWeight");
        RequireWeight(FrequencyWeight, "frequencyWeight");
        RequireWeight(MonetaryWeight, "monetaryWeight");
        Require(RecencyWeight + FrequencyWeight + MonetaryWeight > 0, "recencyWeight", "and the other weights must not all be 0");
        RfmBins recency = (Recency ?? throw Invalid("recency", "is null")).ToBins(Bins, "recency");
        RfmBins frequency = (Frequency ?? throw Invalid("frequency", "is null")).ToBins(Bins, "frequency");
        RfmBins monetary = (Monetary ?? throw Invalid("monetary", "is null")).ToBins(Bins, "monetary");
        RfmSegmentTable segments = (Segments ?? throw Invalid("segments", "is null")).ToTable(Bins);
        return new RfmModel(TimeUnit, UsesPurchaseHistory, MonetaryBasis, recency, frequency, monetary, RecencyWeight, FrequencyWeight, MonetaryWeight, segments, maxDegreeOfParallelism);
    }

    internal static void Require([DoesNotReturnIf(false)] bool condition, string member, string problem)
    {
        if (!condition)
        {
            throw Invalid(member, problem);
        }
    }

    internal static JsonException Invalid(string member, string problem) => new($"The RFM model is not valid: {member} {problem}.");

    private static void RequireWeight(double weight, string member) =>
        Require(double.IsFinite(weight) && weight >= 0, member, "must be finite and 0 or more");
}

/// <summary>The JSON form of <see cref="RfmBins"/>.</summary>
internal sealed class RfmBinsDocument
{
    [JsonRequired]
    public RfmBinning Binning { get; set; }

    /// <summary>The edges; -Infinity (written as a string) is accepted for Shared bins below a population at -double.MaxValue.</summary>
    [JsonRequired]
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double[] Edges { get; set; } = [];

    [JsonRequired]
    public string?[] TieBreakers { get; set; } = [];

    public static RfmBinsDocument From(RfmBins bins) => new()
    {
        Binning = bins.Binning,
        Edges = bins.EdgeSpan.ToArray(),
        TieBreakers = bins.TieBreakerSpan.ToArray().Select(t => t?.Value).ToArray(),
    };

    public RfmBins ToBins(int bins, string member)
    {
        RfmModelDocument.Require(Enum.IsDefined(Binning), $"{member}.binning", "is not a known binning");
        RfmModelDocument.Require(Edges is not null && Edges.Length == bins - 1, $"{member}.edges", $"must hold bins - 1 = {bins - 1} values");
        RfmModelDocument.Require(TieBreakers is not null && TieBreakers.Length == bins - 1, $"{member}.tieBreakers", $"must hold bins - 1 = {bins - 1} values (null where an edge has none)");
        var tieBreakers = new CustomerId?[Edges.Length];
        for (int j = 0; j < Edges.Length; j++)
        {
            double e = Edges[j];
            bool allowed = double.IsFinite(e) || (Binning == RfmBinning.Shared && double.IsNegativeInfinity(e));
            RfmModelDocument.Require(allowed, $"{member}.edges[{j}]", "must be finite (Shared bins also allow -Infinity)");
            if (j > 0)
            {
                bool ordered = Binning == RfmBinning.Thresholds ? e > Edges[j - 1] : e >= Edges[j - 1];
                RfmModelDocument.Require(ordered, $"{member}.edges[{j}]", Binning == RfmBinning.Thresholds ? "must be above the previous edge" : "must not be below the previous edge");
            }

            if (TieBreakers[j] is { } id)
            {
                RfmModelDocument.Require(Binning == RfmBinning.First, $"{member}.tieBreakers[{j}]", "must be null unless the binning is First");
                RfmModelDocument.Require(CustomerId.TryCreate(id, out CustomerId customer), $"{member}.tieBreakers[{j}]", "is not a valid customer id");
                tieBreakers[j] = customer;
            }
        }

        return new RfmBins(Binning, (double[])Edges.Clone(), tieBreakers);
    }
}

/// <summary>The JSON form of <see cref="RfmSegmentTable"/>.</summary>
internal sealed class RfmSegmentTableDocument
{
    [JsonRequired]
    public bool IsDefault { get; set; }

    [JsonRequired]
    public string[] Names { get; set; } = [];

    [JsonRequired]
    public RfmSegmentRuleDocument[] Rules { get; set; } = [];

    public string? FallbackSegment { get; set; }

    public static RfmSegmentTableDocument From(RfmSegmentTable table) => new()
    {
        IsDefault = table.IsDefault,
        Names = table.Segments.ToArray(),
        Rules = table.Rules.Select(RfmSegmentRuleDocument.From).ToArray(),
        FallbackSegment = table.FallbackSegment,
    };

    [SuppressMessage("Design", "CA1031", Justification = "Argument exceptions from the table checks are rewrapped as JsonException.")]
    public RfmSegmentTable ToTable(int bins)
    {
        RfmModelDocument.Require(Names is not null, "segments.names", "is null");
        RfmModelDocument.Require(Rules is not null, "segments.rules", "is null");
        try
        {
            var rules = new RfmSegmentRule[Rules.Length];
            for (int i = 0; i < rules.Length; i++)
            {
                rules[i] = (Rules[i] ?? throw RfmModelDocument.Invalid($"segments.rules[{i}]", "is null")).ToRule();
            }

            return RfmSegmentTable.Restore(bins, rules, FallbackSegment, Names, IsDefault);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"The RFM model is not valid: segments: {ex.Message}", ex);
        }
    }
}

/// <summary>The JSON form of <see cref="RfmSegmentRule"/>.</summary>
internal sealed class RfmSegmentRuleDocument
{
    [JsonRequired]
    public string Segment { get; set; } = string.Empty;

    [JsonRequired]
    public RfmScoreRangeDocument Recency { get; set; } = new();

    [JsonRequired]
    public RfmScoreRangeDocument Frequency { get; set; } = new();

    [JsonRequired]
    public RfmScoreRangeDocument Monetary { get; set; } = new();

    public RfmScoreRangeDocument? FrequencyMonetary { get; set; }

    public static RfmSegmentRuleDocument From(RfmSegmentRule rule) => new()
    {
        Segment = rule.Segment,
        Recency = RfmScoreRangeDocument.From(rule.Recency),
        Frequency = RfmScoreRangeDocument.From(rule.Frequency),
        Monetary = RfmScoreRangeDocument.From(rule.Monetary),
        FrequencyMonetary = rule.FrequencyMonetary is { } fm ? RfmScoreRangeDocument.From(fm) : null,
    };

    public RfmSegmentRule ToRule()
    {
        RfmScoreRange recency = Recency?.ToRange() ?? throw new ArgumentException("A rule's recency range is null.");
        if (FrequencyMonetary is { } fm)
        {
            RfmSegmentRule rule = RfmSegmentRule.ForRecencyAndFrequencyMonetary(Segment, recency, fm.ToRange());
            if (Frequency?.ToRange() != RfmScoreRange.Any || Monetary?.ToRange() != RfmScoreRange.Any)
            {
                throw new ArgumentException($"Rule '{Segment}' has a frequencyMonetary range, so its frequency and monetary ranges must be 1-10.");
            }

            return rule;
        }

        return new RfmSegmentRule(
            Segment,
            recency,
            Frequency?.ToRange() ?? throw new ArgumentException("A rule's frequency range is null."),
            Monetary?.ToRange() ?? throw new ArgumentException("A rule's monetary range is null."));
    }
}

/// <summary>The JSON form of <see cref="RfmScoreRange"/>.</summary>
internal sealed class RfmScoreRangeDocument
{
    [JsonRequired]
    public int Min { get; set; }

    [JsonRequired]
    public int Max { get; set; }

    public static RfmScoreRangeDocument From(RfmScoreRange range) => new() { Min = range.Min, Max = range.Max };

    public RfmScoreRange ToRange() => new(Min, Max);
}
