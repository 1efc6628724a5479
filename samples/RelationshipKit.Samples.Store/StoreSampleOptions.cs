namespace RelationshipKit.Samples.Store;

/// <summary>What the store sample simulates and where it writes.</summary>
internal sealed class StoreSampleOptions
{
    /// <summary>The number of people who arrive (buyers and prospects who never buy).</summary>
    public int Customers { get; set; } = 100_000;

    /// <summary>The seed: the same seed gives the same shop, the same report and the same charts.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>A SQLite database file for the interaction history and the preferences; in memory when <see langword="null"/>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>Where the report and the charts are written; nothing is written when <see langword="null"/>.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>The first day of the simulated shop.</summary>
    public DateTimeOffset Start { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the simulation (exclusive): "today" starts here.</summary>
    public DateTimeOffset End { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The time of day (UTC) today's contact plan is made for.</summary>
    public TimeSpan PlanTimeOfDay { get; set; } = new(10, 30, 0);

    /// <summary>Whether identity resolution may use both cores (results are identical either way).</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>The time the contact plan is made for: <see cref="End"/> plus <see cref="PlanTimeOfDay"/>.</summary>
    public DateTimeOffset PlanAt => End + PlanTimeOfDay;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (Customers is < 1_000 or > 2_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Customers), Customers, "The number of customers must be 1,000 to 2,000,000 (fewer are too few to fit the models).");
        }

        if (End - Start < TimeSpan.FromDays(180))
        {
            throw new ArgumentOutOfRangeException(nameof(End), End, "The simulation must span at least 180 days.");
        }

        if (PlanTimeOfDay < TimeSpan.Zero || PlanTimeOfDay >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PlanTimeOfDay), PlanTimeOfDay, "The plan time must be within one day.");
        }
    }
}
