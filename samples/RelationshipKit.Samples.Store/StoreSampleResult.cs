using Microsoft.Extensions.DependencyInjection;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Differentiation.Tiers;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>Everything one run of the store sample produced: the figures of the report and the live services (stores, policy) for checks.</summary>
/// <remarks>Dispose it to close the stores (the SQLite file).</remarks>
internal sealed class StoreSampleResult(StoreSampleOptions options) : IDisposable
{
    public StoreSampleOptions Options { get; } = options;

    public ServiceProvider? Services { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<(string Stage, TimeSpan Wall, TimeSpan Cpu)> Timings { get; } = [];

    public TimeSpan Cpu { get; set; }

    public ShopPeople? People { get; set; }

    public ResolutionResult? Resolution { get; set; }

    public CustomerId[] CustomerOfRecord { get; set; } = [];

    public IdentityAccuracy? Identity { get; set; }

    public CustomerDirectory? Directory { get; set; }

    public List<(string Description, RecordResolution Resolution)> TodaysRecords { get; } = [];

    public ShopHistory? History { get; set; }

    public long Appended { get; set; }

    public long ReplaysOnLoad { get; set; }

    public int Batches { get; set; }

    public int ResentPurchases { get; set; }

    public int RecognisedReplays { get; set; }

    public string? ConflictMessage { get; set; }

    public long StoredInteractions { get; set; }

    public CustomerSummaryTable? Summaries { get; set; }

    public DateTimeOffset CalibrationEnd { get; set; }

    public TimeSpan BatchSummaryTime { get; set; }

    public TimeSpan IncrementalSummaryTime { get; set; }

    public int SummaryDifferences { get; set; } = -1;

    public IReadOnlyList<string> StrategyNames { get; set; } = [];

    public RfmModel? Rfm { get; set; }

    public LifetimeValueScoringModel? LifetimeValue { get; set; }

    public IScoringModel? SpendRate { get; set; }

    public CustomerValue[] RfmValues { get; set; } = [];

    public CustomerValue[] ClvValues { get; set; } = [];

    public CustomerValue[] SpendRateValues { get; set; } = [];

    public CustomerValue[] PriorityValues { get; set; } = [];

    public RfmSegmentReport? SegmentReport { get; set; }

    public RevenueConcentration? Concentration { get; set; }

    public ValueTiers? ClvTiers { get; set; }

    public HoldoutEvaluation? Holdout { get; set; }

    public IReadOnlyList<FrequencyFitBin>? FrequencyFit { get; set; }

    public LoyaltyOutcome? Loyalty { get; set; }

    public RelationshipKit.Loyalty.IStageHistoryStore? StageHistory { get; set; }

    public ContactPolicy? Policy { get; set; }

    public ContactPlan Plan { get; set; } = new();

    public List<string> Files { get; } = [];

    public string ReportText { get; set; } = string.Empty;

    public void Dispose() => Services?.Dispose();
}
