using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Loyalty: stage (ladder and lifecycle), segments and next best action for one customer (goal: at most 2 µs with no
/// allocation beyond the result), and a population re-staged over spans (goal: 1,000,000 customers in at most 1 s on
/// one core).
/// </summary>
/// <remarks>
/// Samples: synthetic customers with 0 to 20 purchase periods over two years, a rhythm from their spread, random
/// referrals, opinions, complaints, P(alive) and birthdays, so every rule of both models fires somewhere. The one
/// customer is a repeat buyer due to buy again, with a birthday this week and consent for marketing on e-mail (so the
/// policy is asked and allows). Baselines: the same rules as a list of <c>Func</c> guards picked with LINQ and segment
/// names collected into a list (what a first implementation does), with the same next best action engine.
/// RELKIT_BENCH_SMOKE=1 shrinks the sizes for CI's dry run.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LoyaltyBenchmarks
{
    private static readonly DateTimeOffset AsOf = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private StageModel _ladder = null!;
    private StageModel _lifecycle = null!;
    private SegmentSet _segments = null!;
    private NextBestActionEngine _engine = null!;
    private ContactHistory _history = null!;
    private LoyaltyState _one;
    private LoyaltyState[] _states = [];
    private StageAssignment[] _ladderStages = [];
    private StageAssignment[] _lifecycleStages = [];
    private List<(string Stage, Func<LoyaltyState, DateTimeOffset, bool> Guard)> _naiveLadder = [];
    private List<(string Stage, Func<LoyaltyState, DateTimeOffset, bool> Guard)> _naiveLifecycle = [];
    private List<(string Name, Func<LoyaltyState, DateTimeOffset, bool> Predicate)> _naiveSegments = [];
    private string[] _naiveLadderStages = [];
    private string[] _naiveLifecycleStages = [];

    /// <summary>Customer counts; tiny under RELKIT_BENCH_SMOKE=1.</summary>
    public static IEnumerable<int> CustomerCounts => BenchmarkSizes.Smoke ? [BenchmarkSizes.SmokeCustomers] : [1_000_000];

    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ladder = LoyaltyLadder.Create();
        _lifecycle = CustomerLifecycle.Create();
        _segments = new SegmentSet(
        [
            new SegmentDefinition("birthdayWeek", SegmentPredicates.BirthdayWithin(7), "birthday within a week"),
            new SegmentDefinition("birthdayMonth", SegmentPredicates.BirthdayThisMonth(), "birthday this month"),
            new SegmentDefinition("lyon", SegmentPredicates.InLocality("Lyon"), "lives in Lyon"),
            new SegmentDefinition("valuable", SegmentPredicates.LifetimeValueAtLeast(500), "CLV 500 or more"),
            new SegmentDefinition("slipping", SegmentPredicates.ProbabilityAliveBelow(0.3), "P(alive) below 0.3"),
            new SegmentDefinition("advocates", SegmentPredicates.InLoyaltyStage(LoyaltyLadder.Advocate), "advocates"),
            new SegmentDefinition("atRisk", SegmentPredicates.InLifecycleStage(CustomerLifecycle.AtRisk), "at risk"),
            new SegmentDefinition("unhappy", SegmentPredicates.HasOpenComplaint(), "open complaint"),
        ]);
        var policy = new ContactPolicy(new InMemoryInteractionStore(), new InMemoryContactPreferenceStore());
        _engine = new NextBestActionEngine(policy);
        var id = new CustomerId("C-one");
        _one = new LoyaltyState(id, 6, AsOf.AddDays(-400), AsOf.AddDays(-55), TimeSpan.FromDays(60), 640m, 0.8, 900, birthDate: new DateOnly(1985, 6, 18), locality: "Lyon");
        var preferences = new ContactPreferences(id, consents: [new ConsentRecord(Channel.Email, ContactPurpose.Marketing, ConsentStatus.Granted, AsOf.AddDays(-500), "signup")]);
        _history = new ContactHistory(preferences, EngagementFeatures.FromHistory(id, []), []);

        var random = new Random(42);
        _states = new LoyaltyState[Customers];
        for (int i = 0; i < _states.Length; i++)
        {
            var customer = new CustomerId($"C{i:D8}");
            int purchases = random.Next(0, 21);
            if (purchases == 0)
            {
                _states[i] = new LoyaltyState(customer, referrals: random.Next(0, 2));
                continue;
            }

            int first = random.Next(1, 730);
            int last = purchases == 1 ? first : random.Next(0, first);
            _states[i] = new LoyaltyState(
                customer,
                purchases,
                AsOf.AddDays(-first),
                AsOf.AddDays(-last),
                purchases > 1 && first > last ? TimeSpan.FromDays((first - last) / (double)(purchases - 1)) : null,
                random.Next(10, 5000),
                random.NextDouble(),
                positiveOpinions: random.Next(0, 3),
                referrals: random.Next(0, 2),
                coCreations: random.Next(0, 4),
                openComplaints: random.Next(0, 10) == 0 ? 1 : 0,
                birthDate: new DateOnly(1950 + random.Next(0, 50), random.Next(1, 13), random.Next(1, 29)));
        }

        _ladderStages = new StageAssignment[Customers];
        _lifecycleStages = new StageAssignment[Customers];
        _naiveLadderStages = new string[Customers];
        _naiveLifecycleStages = new string[Customers];
        _naiveLadder =
        [
            ("partner", (s, _) => s.PurchaseCount >= 2 && s.OpenComplaints == 0 && (s.IsPartner || s.CoCreations >= 3)),
            ("advocate", (s, _) => s.PurchaseCount >= 2 && s.OpenComplaints == 0 && s.Referrals >= 1),
            ("supporter", (s, _) => s.PurchaseCount >= 2 && s.OpenComplaints == 0 && s.PositiveOpinions >= 1),
            ("client", (s, _) => s.PurchaseCount >= 2),
            ("purchaser", (s, _) => s.PurchaseCount >= 1),
            ("prospect", (_, _) => true),
        ];
        static double SinceLast(LoyaltyState s, DateTimeOffset at) => (at - s.LastPurchase!.Value).TotalDays;
        _naiveLifecycle =
        [
            ("prospect", (s, _) => s.PurchaseCount == 0),
            ("lost", (s, at) => s.MeanInterPurchaseTime is { } r ? SinceLast(s, at) > 6 * r.TotalDays : SinceLast(s, at) > 365),
            ("lapsed", (s, at) => s.MeanInterPurchaseTime is { } r ? SinceLast(s, at) > 3 * r.TotalDays : SinceLast(s, at) > 180),
            ("atRisk", (s, at) => s.MeanInterPurchaseTime is { } r ? SinceLast(s, at) > 2 * r.TotalDays : SinceLast(s, at) > 90),
            ("new", (s, at) => (at - s.FirstPurchase!.Value).TotalDays < 30),
            ("active", (_, _) => true),
        ];
        _naiveSegments =
        [
            ("birthdayWeek", (s, at) => s.DaysUntilBirthday(at) is { } d && d <= 7),
            ("birthdayMonth", (s, at) => s.BirthDate is { } b && b.Month == at.Month),
            ("lyon", (s, _) => string.Equals(s.Locality, "Lyon", StringComparison.OrdinalIgnoreCase)),
            ("valuable", (s, _) => s.LifetimeValue >= 500),
            ("slipping", (s, _) => s.ProbabilityAlive < 0.3),
            ("unhappy", (s, _) => s.OpenComplaints > 0),
        ];
    }

    /// <summary>Naive: stages picked with LINQ over Func guards, segment names collected into a list, then the same next best action.</summary>
    [Benchmark(Baseline = true, Description = "naive one customer: LINQ rules, segment name list, NBA")]
    [BenchmarkCategory("OneCustomer")]
    public int NaiveOneCustomer()
    {
        string ladder = _naiveLadder.First(r => r.Guard(_one, AsOf)).Stage;
        string lifecycle = _naiveLifecycle.First(r => r.Guard(_one, AsOf)).Stage;
        List<string> segments = _naiveSegments.Where(p => p.Predicate(_one, AsOf)).Select(p => p.Name).ToList();
        NextBestActionResult result = _engine.Decide(_one, new LoyaltyContext(AsOf, new Stage(ladder), new Stage(lifecycle)), _history);
        return result.Actions.Count + segments.Count;
    }

    /// <summary>Ladder and lifecycle stages, every segment, and the next best actions for one customer.</summary>
    [Benchmark(Description = "one customer: ladder + lifecycle + 8 segments + next best action")]
    [BenchmarkCategory("OneCustomer")]
    public int OneCustomer()
    {
        StageAssignment ladder = _ladder.Assign(in _one, AsOf);
        StageAssignment lifecycle = _lifecycle.Assign(in _one, AsOf);
        var context = new LoyaltyContext(AsOf, ladder.Stage, lifecycle.Stage);
        SegmentMembership segments = _segments.Evaluate(in _one, in context);
        NextBestActionResult result = _engine.Decide(in _one, in context, _history);
        return result.Actions.Count + segments.Count;
    }

    /// <summary>Stage and segments alone (no contact policy): the part of the one-customer path that is the loyalty engine's own.</summary>
    [Benchmark(Description = "one customer: ladder + lifecycle + 8 segments (no NBA)")]
    [BenchmarkCategory("OneCustomer")]
    public int OneCustomerStagesAndSegments()
    {
        StageAssignment ladder = _ladder.Assign(in _one, AsOf);
        StageAssignment lifecycle = _lifecycle.Assign(in _one, AsOf);
        var context = new LoyaltyContext(AsOf, ladder.Stage, lifecycle.Stage);
        return _segments.Evaluate(in _one, in context).Count;
    }

    /// <summary>Naive population re-staging: LINQ over Func guards for each customer.</summary>
    [Benchmark(Baseline = true, Description = "naive re-stage: LINQ rules per customer")]
    [BenchmarkCategory("Restage")]
    public int NaiveRestage()
    {
        for (int i = 0; i < _states.Length; i++)
        {
            LoyaltyState s = _states[i];
            _naiveLadderStages[i] = _naiveLadder.First(r => r.Guard(s, AsOf)).Stage;
            _naiveLifecycleStages[i] = _naiveLifecycle.First(r => r.Guard(s, AsOf)).Stage;
        }

        return _naiveLadderStages.Length;
    }

    /// <summary>The population re-staged through both models over spans.</summary>
    [Benchmark(Description = "re-stage: ladder + lifecycle over spans")]
    [BenchmarkCategory("Restage")]
    public int Restage()
    {
        _ladder.Assign(_states, AsOf, _ladderStages);
        _lifecycle.Assign(_states, AsOf, _lifecycleStages);
        return _ladderStages.Length;
    }
}
