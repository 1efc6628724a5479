using System.Globalization;

namespace RelationshipKit.Loyalty;

/// <summary>
/// The customer lifecycle: prospect (no purchase yet), new, active, at risk, lapsed, lost, and reactivated (won back).
/// At risk, lapsed and lost follow <see cref="LifecycleOptions.Basis"/>: the customer's own purchase rhythm, P(alive)
/// from a fitted model, or fixed day thresholds.
/// </summary>
/// <remarks>
/// <para>Rules, in order (the first that holds decides); "since last" is the time from the last purchase to the
/// assignment time, "rhythm" the customer's mean inter-purchase time:</para>
/// <list type="number">
/// <item><c>prospect</c>: no purchase yet;</item>
/// <item><c>lost</c>, <c>lapsed</c>, <c>atRisk</c> (in that order): by the basis. Rhythm: since last &gt; multiple ×
/// rhythm; P(alive): P(alive) &lt; threshold; fixed: since last &gt; threshold. Under the rhythm and P(alive) bases a
/// customer without a rhythm (one purchase period) or without a P(alive) is judged by the fixed day thresholds, by
/// rules of their own, so the reason says which applied;</item>
/// <item><c>reactivated</c>: the customer is currently lapsed or lost and none of the rules above holds (they bought again);</item>
/// <item><c>reactivated</c>: the customer is currently reactivated and entered it less than
/// <see cref="LifecycleOptions.ReactivatedPeriod"/> ago;</item>
/// <item><c>new</c>: the first purchase is less than <see cref="LifecycleOptions.NewPeriod"/> old;</item>
/// <item>otherwise <c>active</c>.</item>
/// </list>
/// <para>"Reactivated" needs the customer's current stage, so the host passes it in the <see cref="StageContext"/>
/// (a <see cref="StageTracker"/> does). P(alive) is the one computed at the model's calibration time; re-score to move it.</para>
/// </remarks>
public static class CustomerLifecycle
{
    /// <summary>The model's name: <c>lifecycle</c>.</summary>
    public const string ModelName = "lifecycle";

    /// <summary>No purchase yet.</summary>
    public static Stage Prospect { get; } = new("prospect");

    /// <summary>A recent first purchase.</summary>
    public static Stage New { get; } = new("new");

    /// <summary>Buying within their rhythm.</summary>
    public static Stage Active { get; } = new("active");

    /// <summary>Overdue: may be slipping away.</summary>
    public static Stage AtRisk { get; } = new("atRisk");

    /// <summary>Long overdue: has probably stopped buying.</summary>
    public static Stage Lapsed { get; } = new("lapsed");

    /// <summary>Gone: very long overdue.</summary>
    public static Stage Lost { get; } = new("lost");

    /// <summary>Won back: bought again after lapsing or being lost.</summary>
    public static Stage Reactivated { get; } = new("reactivated");

    /// <summary>Builds the lifecycle with the given thresholds.</summary>
    /// <param name="options">The thresholds (read once); defaults when <see langword="null"/>.</param>
    /// <returns>The model, named <see cref="ModelName"/>.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public static StageModel Create(LifecycleOptions? options = null)
    {
        options ??= new LifecycleOptions();
        options.ThrowIfInvalid();
        CultureInfo c = CultureInfo.InvariantCulture;
        long newTicks = options.NewPeriod.Ticks;
        long reactivatedTicks = options.ReactivatedPeriod.Ticks;
        long atRiskTicks = options.AtRiskAfter.Ticks;
        long lapsedTicks = options.LapsedAfter.Ticks;
        long lostTicks = options.LostAfter.Ticks;
        double atRiskMultiple = options.AtRiskRhythmMultiple;
        double lapsedMultiple = options.LapsedRhythmMultiple;
        double lostMultiple = options.LostRhythmMultiple;
        double atRiskP = options.AtRiskProbability;
        double lapsedP = options.LapsedProbability;
        double lostP = options.LostProbability;
        LifecycleBasis basis = options.Basis;

        var builder = new StageModelBuilder(ModelName);
        builder.Stage(Prospect.Name, "No purchase yet");
        builder.Stage(New.Name, "A recent first purchase");
        builder.Stage(Active.Name, "Buying within their rhythm");
        builder.Stage(AtRisk.Name, "Overdue: may be slipping away");
        builder.Stage(Lapsed.Name, "Long overdue: has probably stopped buying");
        builder.Stage(Lost.Name, "Very long overdue: gone");
        builder.Stage(Reactivated.Name, "Won back after lapsing");
        builder.Stage(Prospect.Name).When((in s, in _) => s.PurchaseCount == 0, "no purchase yet");

        string days(long ticks) => TimeSpan.FromTicks(ticks).TotalDays.ToString("0.##", c);
        (Stage Stage, long Ticks, double Multiple, double P)[] levels =
        [
            (Lost, lostTicks, lostMultiple, lostP),
            (Lapsed, lapsedTicks, lapsedMultiple, lapsedP),
            (AtRisk, atRiskTicks, atRiskMultiple, atRiskP),
        ];
        foreach ((Stage stage, long ticks, double multiple, double p) in levels)
        {
            StageConfiguration configuration = builder.Stage(stage.Name);
            switch (basis)
            {
                case LifecycleBasis.Rhythm:
                    configuration
                        .When((in s, in x) => s.MeanInterPurchaseTicks > 0 && x.AsOf.UtcTicks - s.LastPurchaseTicks > multiple * s.MeanInterPurchaseTicks, string.Create(c, $"last purchase more than {multiple:0.##} x their mean inter-purchase time ago"))
                        .When((in s, in x) => s.MeanInterPurchaseTicks == 0 && x.AsOf.UtcTicks - s.LastPurchaseTicks > ticks, string.Create(c, $"one purchase period only (no rhythm yet), more than {days(ticks)} days ago"));
                    break;
                case LifecycleBasis.ProbabilityAlive:
                    configuration
                        .When((in s, in _) => s.ProbabilityAliveOrNaN < p, string.Create(c, $"P(alive) below {p:0.###}"))
                        .When((in s, in x) => double.IsNaN(s.ProbabilityAliveOrNaN) && x.AsOf.UtcTicks - s.LastPurchaseTicks > ticks, string.Create(c, $"no P(alive); last purchase more than {days(ticks)} days ago"));
                    break;
                default:
                    configuration.When((in s, in x) => x.AsOf.UtcTicks - s.LastPurchaseTicks > ticks, string.Create(c, $"last purchase more than {days(ticks)} days ago"));
                    break;
            }
        }

        return builder
            .Stage(Reactivated.Name)
                .WhenCurrently([Lapsed.Name, Lost.Name], (in _, in _) => true, "bought again after lapsing")
                .WhenCurrently([Reactivated.Name], (in _, in x) => x.PreviousSince is { } since && x.AsOf.UtcTicks - since.UtcTicks < reactivatedTicks, string.Create(c, $"won back less than {days(reactivatedTicks)} days ago"))
            .Stage(New.Name)
                .When((in s, in x) => x.AsOf.UtcTicks - s.FirstPurchaseTicks < newTicks, string.Create(c, $"first purchase less than {days(newTicks)} days ago"))
            .Otherwise(Active.Name, "buying within their rhythm")
            .Build();
    }
}
