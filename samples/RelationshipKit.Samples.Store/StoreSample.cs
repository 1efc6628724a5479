using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RelationshipKit.Charts;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Differentiation.Tiers;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Sqlite;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The store sample's pipeline: simulate two years of a shop, resolve identities, keep the history, build
/// summaries, fit RFM and lifetime value, assign stages, plan today's contacts, and write the report and charts.
/// </summary>
internal static class StoreSample
{
    /// <summary>The name the shop's own scoring strategy is registered under.</summary>
    public const string PriorityStrategy = "priority";

    private const int AppendBatchSize = 5_000;

    /// <summary>Runs the pipeline and writes the report to <paramref name="report"/> (and to the output directory, if any).</summary>
    public static StoreSampleResult Run(StoreSampleOptions options, TextWriter report, SampleProgress? progress = null) =>
        RunAsync(options, report, progress).AsTask().GetAwaiter().GetResult();

    /// <summary>Runs the pipeline and writes the report to <paramref name="report"/> (and to the output directory, if any).</summary>
    public static async ValueTask<StoreSampleResult> RunAsync(StoreSampleOptions options, TextWriter report, SampleProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        options.Validate();
        progress ??= SampleProgress.None;
        var total = Stopwatch.StartNew();
        var result = new StoreSampleResult(options);
        ServiceProvider services = BuildServices(options);
        result.Services = services;
        try
        {
            await RunCoreAsync(options, services, result, progress, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            result.Dispose();
            throw;
        }

        result.Elapsed = total.Elapsed;
        result.Cpu = Environment.CpuUsage.TotalTime;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        StoreReport.Write(text, result);
        string body = text.ToString();
        result.ReportText = body;
        await report.WriteAsync(body.AsMemory(), cancellationToken).ConfigureAwait(false);
        if (options.OutputDirectory is { } directory)
        {
            string path = Path.Combine(directory, "report.txt");
            await File.WriteAllTextAsync(path, body, cancellationToken).ConfigureAwait(false);
            result.Files.Insert(0, path);
        }

        progress.Stage("done", string.Create(CultureInfo.InvariantCulture, $"{total.Elapsed.TotalSeconds:F1} s"));
        return result;
    }

    /// <summary>The host: the whole library registered through DI, with the sample's clock and its own scoring strategy.</summary>
    private static ServiceProvider BuildServices(StoreSampleOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedClock(options.PlanAt));
        IRelationshipKitBuilder kit = services
            .AddRelationshipKit(o => o.Summaries.TimeUnit = TimeUnit.Week)
            .AddIdentification(o => o.MaxDegreeOfParallelism = options.MaxDegreeOfParallelism)
            .AddRfmScoring()
            .AddLifetimeValueScoring()
            .AddScoringStrategy<SpendRateStrategy>(SpendRateStrategy.KindName)
            .AddWeightedCompositeScoring(PriorityStrategy, o => o.Add(LifetimeValueRelationshipKitBuilderExtensions.DefaultName, 2).Add(SpendRateStrategy.KindName, 1));
        if (options.SqlitePath is { } path)
        {
            void Sqlite(SqliteStoreOptions o)
            {
                o.DatabasePath = path;
                o.Synchronous = SqliteSynchronousMode.Normal;
            }

            kit.AddSqliteInteractionStore(Sqlite).AddSqliteStageHistoryStore(Sqlite);
        }

        // The shop's customers live in Australia (the synthetic addresses are Australian).
        kit.AddInteractions(o => o.ContactPolicy.DefaultTimeZoneId = "Australia/Sydney")
            .AddLoyalty()
            .AddStageTransitionObserver<TransitionCollector>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async ValueTask RunCoreAsync(StoreSampleOptions options, ServiceProvider services, StoreSampleResult result, SampleProgress progress, CancellationToken cancellationToken)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var stage = new StageClock();

        // 1. The people: identity records from four channels, purchases from a BG/NBD buying process.
        ShopPeople people = ShopPeople.Generate(options);
        result.People = people;
        result.Timings.Add(("simulate people and purchases", stage.Elapsed, stage.Cpu));
        progress.Stage("people", string.Create(c, $"{people.PersonCount:N0} people ({people.PersonOfBuyer.Length:N0} buyers), {people.Records.Length:N0} identity records, {people.Purchases.Count:N0} purchases"));

        // 2. Identities: the nightly batch resolution, then today's records one at a time in the directory.
        stage.Restart();
        IdentityResolver resolver = services.GetRequiredService<IdentityResolver>();
        ResolutionResult resolution = resolver.Resolve(people.Records);
        var customerOfRecord = new CustomerId[people.Records.Length];
        for (int r = 0; r < customerOfRecord.Length; r++)
        {
            customerOfRecord[r] = resolution.GetCustomerId(people.Records[r].Key);
        }

        result.Resolution = resolution;
        result.CustomerOfRecord = customerOfRecord;
        result.Identity = IdentityAccuracy.Measure(people.RecordPerson, customerOfRecord);
        CustomerDirectory directory = resolver.CreateDirectory(resolution);
        result.Directory = directory;
        result.TodaysRecords.AddRange(ResolveTodaysRecords(directory, people, options));
        result.Timings.Add(("resolve identities", stage.Elapsed, stage.Cpu));
        progress.Stage("identities", string.Create(c, $"{people.Records.Length:N0} records -> {resolution.CustomerCount:N0} customers, precision {result.Identity.Precision:F4}, recall {result.Identity.Recall:F4}"));

        // 3. The history: everything that passed between the shop and its customers, keyed by resolved customer.
        stage.Restart();
        ShopHistory history = ShopHistory.Generate(people, customerOfRecord, options);
        result.History = history;
        result.Timings.Add(("simulate interactions", stage.Elapsed, stage.Cpu));
        progress.Stage("history", string.Create(c, $"{history.Interactions.Count:N0} interactions, {history.Consents.Count:N0} consents"));

        // 4. Store it: atomic batches with idempotency keys, the till's resend (replays), a conflicting replay refused.
        stage.Restart();
        IInteractionStore store = services.GetRequiredService<IInteractionStore>();
        IContactPreferenceStore preferences = services.GetRequiredService<IContactPreferenceStore>();
        await StoreHistoryAsync(store, preferences, history, result, progress, cancellationToken).ConfigureAwait(false);
        result.Timings.Add(("append history and preferences", stage.Elapsed, stage.Cpu));

        // 5. Summaries: in batch from the transaction log, and one purchase at a time from the stored history.
        stage.Restart();
        CustomerSummaryBuilder builder = services.GetRequiredService<CustomerSummaryBuilder>();
        var columns = new TransactionColumns(history.PurchaseCustomers, history.PurchaseCustomerIndex, history.PurchaseAt, history.PurchaseAmount, history.PurchaseOrderId);
        CustomerSummaryTable table = builder.Build(columns, options.End);
        DateTimeOffset calibrationEnd = options.End - TimeSpan.FromDays(26 * 7);
        CustomerSummaryTable holdoutTable = builder.Build(columns, calibrationEnd, options.End);
        result.Summaries = table;
        result.CalibrationEnd = calibrationEnd;
        result.BatchSummaryTime = stage.Elapsed;
        var incremental = Stopwatch.StartNew();
        CustomerSummaryAccumulator live = services.GetRequiredService<CustomerSummaryAccumulator>();
        await foreach (Interaction purchase in store.ReadAllAsync(new InteractionQuery(Kind: InteractionKind.Purchase), cancellationToken).ConfigureAwait(false))
        {
            live.Add(new Transaction(purchase.CustomerId, purchase.OccurredAt, purchase.Amount!.Value, purchase.Id));
        }

        result.IncrementalSummaryTime = incremental.Elapsed;
        result.SummaryDifferences = CountMismatches(table, live.ToTable(options.End, null));
        result.Timings.Add(("build summaries (batch and incremental)", stage.Elapsed, stage.Cpu));
        progress.Stage("summaries", string.Create(c, $"{table.Count:N0} customers, batch == incremental: {(result.SummaryDifferences == 0 ? "yes" : result.SummaryDifferences.ToString("N0", c) + " differences")}"));

        // 6. Scores: RFM, lifetime value (BG/NBD + Gamma-Gamma), the shop's own spend-rate strategy and a composite.
        stage.Restart();
        IScoringStrategyProvider strategies = services.GetRequiredService<IScoringStrategyProvider>();
        result.StrategyNames = strategies.Names;
        var rfm = (RfmModel)strategies.GetStrategy(RfmStrategy.KindName).Fit(table);
        var clv = (LifetimeValueScoringModel)strategies.GetStrategy(LifetimeValueRelationshipKitBuilderExtensions.DefaultName).Fit(table);
        IScoringModel spendRate = strategies.GetStrategy(SpendRateStrategy.KindName).Fit(table);
        result.Rfm = rfm;
        result.LifetimeValue = clv;
        result.SpendRate = spendRate;
        result.RfmValues = new CustomerValue[table.Count];
        result.ClvValues = new CustomerValue[table.Count];
        result.SpendRateValues = new CustomerValue[table.Count];
        rfm.Score(table, result.RfmValues);
        clv.Score(table, result.ClvValues);
        spendRate.Score(table, result.SpendRateValues);

        // The composite ranks today's contacts: CLV twice, the shop's spend rate once (percentile ranks, weighted).
        IScoringModel priority = strategies.GetStrategy(PriorityStrategy).Fit(table);
        result.PriorityValues = new CustomerValue[table.Count];
        priority.Score(table, result.PriorityValues);
        result.SegmentReport = rfm.CreateSegmentReport(table);
        result.Concentration = RevenueConcentration.Compute(table);
        result.ClvTiers = ValueTiers.FromTopPercent(result.ClvValues, [new TopPercentTier("platinum", 1), new TopPercentTier("gold", 5), new TopPercentTier("silver", 20)]);
        progress.Stage("scores", string.Create(c, $"RFM, BG/NBD + Gamma-Gamma CLV and spend rate for {table.Count:N0} customers"));

        // The model's track record: fitted on the first 18 months, checked against the last 26 weeks.
        var calibrated = (LifetimeValueScoringModel)strategies.GetStrategy(LifetimeValueRelationshipKitBuilderExtensions.DefaultName).Fit(holdoutTable);
        result.Holdout = ModelEvaluation.EvaluateHoldout(calibrated.TransactionModel, holdoutTable, 7);
        double[] x = new double[table.Count];
        double[] t = new double[table.Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = table.Frequency[i];
            t[i] = table.T[i];
        }

        result.FrequencyFit = ModelEvaluation.EvaluateFrequencyFit(clv.TransactionModel, x, t, 7);
        result.Timings.Add(("fit and score RFM, CLV, spend rate; holdout check", stage.Elapsed, stage.Cpu));
        progress.Stage("models", string.Create(c, $"holdout MAE {result.Holdout.MeanAbsoluteError:F3}, correlation {result.Holdout.Correlation:F3}"));

        // 7. Loyalty stages: the ladder and the lifecycle, week by week over the two years, transitions kept in a history store.
        stage.Restart();
        IStageHistoryStore stageHistory = services.GetRequiredService<IStageHistoryStore>();
        result.Loyalty = await LoyaltyTimeline.RunAsync(
            result,
            stageHistory,
            services.GetRequiredKeyedService<StageTracker>(LoyaltyLadder.ModelName),
            services.GetRequiredKeyedService<StageTracker>(CustomerLifecycle.ModelName),
            services.GetServices<IStageTransitionObserver>().OfType<TransitionCollector>().Single(),
            cancellationToken).ConfigureAwait(false);
        result.StageHistory = stageHistory;
        result.Timings.Add(("assign stages weekly over two years", stage.Elapsed, stage.Cpu));
        progress.Stage("stages", string.Create(c, $"{result.Loyalty.Sweeps:N0} weekly sweeps of up to {result.Loyalty.Customers.Length:N0} customers, {result.Loyalty.StoredTransitions:N0} transitions stored"));

        // 8. Today's contact plan: segments of one, next best actions (cross-sell from the shop's own co-purchases), the policy's channels.
        stage.Restart();
        ContactPolicy policy = services.GetRequiredService<ContactPolicy>();
        result.Policy = policy;
        CoPurchaseModel coPurchases = CoPurchaseModel.Fit(history.BasketLines);
        NextBestActionEngine engine = services.GetRequiredService<NextBestActionEngine>().WithCoPurchases(coPurchases);
        result.Plan = await ContactPlanner.PlanAsync(result, engine, policy, options.PlanAt, cancellationToken).ConfigureAwait(false);
        result.Timings.Add(("plan today's contacts", stage.Elapsed, stage.Cpu));
        progress.Stage("contact plan", string.Create(c, $"{result.Plan.Planned.Count:N0} contacts planned, {result.Plan.Refused.Count:N0} refused by the policy"));

        // 9. Charts, as SVG next to the report.
        if (options.OutputDirectory is { } directoryPath)
        {
            stage.Restart();
            Directory.CreateDirectory(directoryPath);
            WriteCharts(directoryPath, result);
            progress.EndLine();
            result.Timings.Add(("draw charts", stage.Elapsed, stage.Cpu));
            progress.Stage("charts", string.Create(c, $"{result.Files.Count} SVG files in {directoryPath}"));
        }
    }

    private static async ValueTask StoreHistoryAsync(IInteractionStore store, IContactPreferenceStore preferences, ShopHistory history, StoreSampleResult result, SampleProgress progress, CancellationToken cancellationToken)
    {
        List<Interaction> all = history.Interactions;
        for (int start = 0; start < all.Count; start += AppendBatchSize)
        {
            List<Interaction> batch = all.GetRange(start, Math.Min(AppendBatchSize, all.Count - start));
            AppendBatchResult appended = await store.AppendBatchAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            result.Appended += appended.AppendedCount;
            result.ReplaysOnLoad += appended.AlreadyAppendedCount;
            result.Batches++;
        }

        // The till resends its last 1,000 purchases after a network timeout: each is recognised as a replay.
        var resend = new List<Interaction>(1_000);
        for (int i = all.Count - 1; i >= 0 && resend.Count < 1_000; i--)
        {
            if (all[i].Kind == InteractionKind.Purchase)
            {
                resend.Add(all[i]);
            }
        }

        AppendBatchResult replay = await store.AppendBatchAsync(resend, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.ResentPurchases = resend.Count;
        result.RecognisedReplays = replay.AlreadyAppendedCount;

        // A buggy system sends an order again with another amount: refused as a conflict, nothing stored changes.
        Interaction original = resend[0];
        var conflicting = new Interaction(original.Id, original.CustomerId, original.Kind, original.Channel, original.Direction, original.OccurredAt, original.Amount + 1m);
        try
        {
            await store.AppendAsync(conflicting, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InteractionConflictException e)
        {
            result.ConflictMessage = e.Message;
        }

        foreach ((CustomerId customer, ConsentRecord consent) in history.Consents)
        {
            await preferences.RecordConsentAsync(customer, consent, cancellationToken).ConfigureAwait(false);
        }

        foreach ((CustomerId customer, Channel[] channels) in history.PreferredChannels)
        {
            await preferences.SetPreferredChannelsAsync(customer, channels, cancellationToken).ConfigureAwait(false);
        }

        foreach ((CustomerId customer, string zone) in history.TimeZones)
        {
            await preferences.SetTimeZoneAsync(customer, zone, cancellationToken).ConfigureAwait(false);
        }

        foreach ((CustomerId customer, DateTimeOffset at, string source) in history.DoNotContact)
        {
            await preferences.SetDoNotContactAsync(customer, true, at, source, cancellationToken).ConfigureAwait(false);
        }

        result.StoredInteractions = store switch
        {
            InMemoryInteractionStore memory => memory.Count,
            _ => result.Appended,
        };
        progress.Stage("store", string.Create(CultureInfo.InvariantCulture, $"{result.Appended:N0} interactions appended in {result.Batches:N0} batches, {result.RecognisedReplays:N0} of {result.ResentPurchases:N0} resent purchases recognised as replays"));
    }

    /// <summary>Today at the till and on the web: new identity records resolved one at a time against the directory.</summary>
    private static IEnumerable<(string Description, RecordResolution Resolution)> ResolveTodaysRecords(CustomerDirectory directory, ShopPeople people, StoreSampleOptions options)
    {
        DateTimeOffset today = options.End + TimeSpan.FromHours(9);

        // A known web customer signs up for the newsletter with a typo in the family name.
        IdentityRecord known = people.Records[people.PersonRecords[FirstWith(people, r => r.Source == ShopPeople.Web && r.Email is not null && r.FamilyName is { Length: > 4 })][0]];
        string family = known.FamilyName!;
        var typo = new IdentityRecord(ShopPeople.Newsletter, "newsletter-today-1", today)
        {
            GivenName = known.GivenName,
            FamilyName = family[..2] + family[3] + family[2] + family[4..],
            Email = known.Email,
            Postcode = known.Postcode,
            Country = known.Country,
        };
        yield return ("known customer, newsletter sign-up with a typo", directory.Resolve(typo));

        // A loyalty card holder calls the contact centre and gives name, birth date and phone.
        IdentityRecord card = people.Records[people.PersonRecords[FirstWith(people, r => r.Source == ShopPeople.Store && r.Phone is not null && r.BirthDate is not null)][0]];
        var caller = new IdentityRecord(ShopPeople.CallCentre, "callcentre-today-1", today + TimeSpan.FromMinutes(5))
        {
            GivenName = card.GivenName,
            FamilyName = card.FamilyName,
            Phone = card.Phone,
            BirthDate = card.BirthDate,
            Locality = card.Locality,
            Country = card.Country,
        };
        yield return ("card holder calls the contact centre", directory.Resolve(caller));

        // Someone new opens a web account.
        var stranger = new IdentityRecord(ShopPeople.Web, "web-today-1", today + TimeSpan.FromMinutes(10))
        {
            GivenName = "Oksana",
            FamilyName = "Brightwater-Quell",
            Email = "oksana.bq@example.org",
            Phone = "+61 2 5550 1234",
            BirthDate = "1990-04-17",
            Country = "AU",
        };
        yield return ("a new person opens a web account", directory.Resolve(stranger));
    }

    private static int FirstWith(ShopPeople people, Func<IdentityRecord, bool> predicate)
    {
        for (int p = 0; p < people.PersonCount; p++)
        {
            if (predicate(people.Records[people.PersonRecords[p][0]]))
            {
                return p;
            }
        }

        return 0;
    }

    private static int CountMismatches(CustomerSummaryTable a, CustomerSummaryTable b)
    {
        var index = new Dictionary<CustomerId, int>(b.Count);
        for (int i = 0; i < b.Count; i++)
        {
            index[b.CustomerIds[i]] = i;
        }

        int differences = Math.Abs(a.Count - b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            if (!index.TryGetValue(a.CustomerIds[i], out int j) || !a[i].Equals(b[j]))
            {
                differences++;
            }
        }

        return differences;
    }

    private static void WriteCharts(string directory, StoreSampleResult result)
    {
        ITransactionModel model = result.LifetimeValue!.TransactionModel;
        double age = Math.Round((result.Options.End - result.Options.Start).TotalDays / 7);
        Write("frequency-recency.svg", LifetimeValueCharts.FrequencyRecencyMatrix(model, new Horizon(52, TimeUnit.Week), 30, age, 900, 700));
        Write("probability-alive.svg", LifetimeValueCharts.ProbabilityAliveMatrix(model, 30, age, 900, 700));
        Write("period-transactions.svg", LifetimeValueCharts.PeriodTransactions(result.FrequencyFit!, 900, 600));
        Write("calibration-holdout.svg", LifetimeValueCharts.CalibrationHoldout(result.Holdout!, 900, 600));

        void Write(string name, string svg)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllText(path, svg);
            result.Files.Add(path);
        }
    }
}
