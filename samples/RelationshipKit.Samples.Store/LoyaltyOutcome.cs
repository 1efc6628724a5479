using RelationshipKit.Loyalty;

namespace RelationshipKit.Samples.Store;

/// <summary>Where every relationship stands today, and how it got there.</summary>
internal sealed class LoyaltyOutcome(StageModel ladder, StageModel lifecycle, CustomerId[] customers, Dictionary<CustomerId, int> index)
{
    public StageModel Ladder { get; } = ladder;

    public StageModel Lifecycle { get; } = lifecycle;

    /// <summary>Every customer (buyers and prospects), in order of appearance.</summary>
    public CustomerId[] Customers { get; } = customers;

    /// <summary>The position of each customer in <see cref="Customers"/>.</summary>
    public Dictionary<CustomerId, int> Index { get; } = index;

    /// <summary>Today's state of each customer (counters, scores, profile).</summary>
    public LoyaltyState[] States { get; set; } = [];

    /// <summary>The golden profile of each customer.</summary>
    public RelationshipKit.Identification.GoldenProfile[] Profiles { get; set; } = [];

    /// <summary>Today's ladder stage of each customer, with the rule that decided it.</summary>
    public StageAssignment[] LadderStages { get; set; } = [];

    /// <summary>Today's lifecycle stage of each customer, with the rule that decided it.</summary>
    public StageAssignment[] LifecycleStages { get; set; } = [];

    /// <summary>The weekly sweeps over the two years.</summary>
    public int Sweeps { get; set; }

    /// <summary>Stage assignments made by the sweeps.</summary>
    public long Assignments { get; set; }

    /// <summary>Transitions stored in the history (both models, first stages included).</summary>
    public int StoredTransitions { get; set; }

    /// <summary>Today's transitions, raised as events by the trackers.</summary>
    public List<StageTransition> TodaysTransitions { get; } = [];

    /// <summary>Transitions between two stages in the last month (first stages left out), from the store.</summary>
    public List<StageTransition> LastMonth { get; } = [];

    /// <summary>Customers whose stage rebuilt from the stored history differs from today's (0 when the history replays).</summary>
    public int ReplayMismatches { get; set; }
}
