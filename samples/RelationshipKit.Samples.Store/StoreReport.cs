using System.Globalization;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Identification;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>Writes the store sample's plain-text report.</summary>
internal static class StoreReport
{
    /// <summary>The section titles, in order (tests check they are all present).</summary>
    public static readonly string[] Sections =
    [
        "Identities",
        "Interaction history",
        "Customer summaries",
        "Models",
        "Customers by stage",
        "Customers by RFM segment",
        "Value concentration",
        "Top customers by CLV",
        "Stage transitions of the last month",
        "Today's contact plan",
        "Run",
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, StoreSampleResult r)
    {
        StoreSampleOptions o = r.Options;
        ShopPeople people = r.People!;
        CustomerSummaryTable table = r.Summaries!;
        w.WriteLine("RelationshipKit store sample");
        w.WriteLine("============================");
        w.WriteLine(F($"A shop simulated from {o.Start:yyyy-MM-dd} to {o.End:yyyy-MM-dd} with seed {o.Seed}: {people.PersonCount:N0} people, {people.Purchases.Count:N0} purchases."));
        w.WriteLine(F($"History kept {(o.SqlitePath is null ? "in memory" : "in the SQLite file " + o.SqlitePath)}; today's contact plan is made for {o.PlanAt:yyyy-MM-dd HH:mm} UTC."));

        Section(w, 1, "Identities");
        WriteIdentities(w, r, people);

        Section(w, 2, "Interaction history");
        WriteHistory(w, r);

        Section(w, 3, "Customer summaries");
        w.WriteLine(F($"  {table.Count:N0} customers with purchases, weekly units, as of {o.End:yyyy-MM-dd}; {r.Resolution!.CustomerCount - table.Count:N0} customers without a purchase are prospects."));
        w.WriteLine("  Built twice: in batch from the transaction log (nightly), and one purchase at a time as the stored history is read.");
        w.WriteLine(r.SummaryDifferences == 0
            ? "  Batch and incremental summaries agree for every customer."
            : F($"  Batch and incremental summaries DIFFER for {r.SummaryDifferences:N0} customers."));

        Section(w, 4, "Models");
        WriteModels(w, r);

        Section(w, 5, "Customers by stage");
        WriteStages(w, r);

        Section(w, 6, "Customers by RFM segment");
        WriteSegments(w, r);

        Section(w, 7, "Value concentration");
        WriteConcentration(w, r);

        Section(w, 8, "Top customers by CLV");
        WriteTopCustomers(w, r, 15);

        Section(w, 9, "Stage transitions of the last month");
        WriteTransitions(w, r);

        Section(w, 10, "Today's contact plan");
        WritePlan(w, r);

        Section(w, 11, "Run");
        var timings = new TextTable("stage", ">wall s", ">CPU s");
        foreach ((string stage, TimeSpan wall, TimeSpan cpu) in r.Timings)
        {
            timings.Add(stage, F($"{wall.TotalSeconds:F2}"), F($"{cpu.TotalSeconds:F2}"));
        }

        timings.Add("total (process)", F($"{r.Elapsed.TotalSeconds:F2}"), F($"{r.Cpu.TotalSeconds:F2}"));
        timings.Write(w);
        int purchases = r.People!.Purchases.Count;
        w.WriteLine(F($"  Summaries: batch build {r.BatchSummaryTime.TotalMilliseconds:N0} ms; one at a time {r.IncrementalSummaryTime.TotalMilliseconds:N0} ms ({r.IncrementalSummaryTime.TotalMilliseconds * 1e6 / Math.Max(1, purchases):N0} ns per purchase, store read included)."));
        if (r.Files.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("  Charts written next to this report:");
            foreach (string file in r.Files)
            {
                w.WriteLine("    " + Path.GetFileName(file));
            }
        }
    }

    private static void Section(TextWriter w, int number, string title)
    {
        w.WriteLine();
        string heading = F($"{number}. {title}");
        w.WriteLine(heading);
        w.WriteLine(new string('-', heading.Length));
    }

    private static string F(FormattableString text) => text.ToString(C);

    private static string Pct(double share) => share.ToString("P1", C);

    private static void WriteIdentities(TextWriter w, StoreSampleResult r, ShopPeople people)
    {
        IdentityAccuracy a = r.Identity!;
        var bySource = new SortedDictionary<string, (int Records, int Home)>(StringComparer.Ordinal);
        foreach (IdentityRecord record in people.Records)
        {
            (int records, int home) = bySource.GetValueOrDefault(record.Source);
            bySource[record.Source] = (records + 1, home);
        }

        for (int p = 0; p < people.PersonCount; p++)
        {
            string source = people.Records[people.PersonRecords[p][0]].Source;
            (int records, int home) = bySource[source];
            bySource[source] = (records, home + 1);
        }

        var channels = new TextTable("channel", ">records", ">people arriving here");
        foreach ((string source, (int records, int home)) in bySource)
        {
            string name = source switch
            {
                ShopPeople.Web => "web account",
                ShopPeople.Store => "loyalty card at the till",
                ShopPeople.CallCentre => "contact centre caller",
                _ => "newsletter sign-up",
            };
            channels.Add(name, F($"{records:N0}"), F($"{home:N0}"));
        }

        channels.Write(w);
        w.WriteLine();
        w.WriteLine(F($"  {a.Records:N0} records of {a.People:N0} people (duplicates with typos, initials, swapped dates, other formats) resolved in batch to {a.Customers:N0} customers."));
        w.WriteLine(F($"  Against the simulation's truth, over record pairs: precision {a.Precision:F4}, recall {a.Recall:F4}, F1 {a.F1:F4}"));
        w.WriteLine(F($"  ({a.CorrectPairs:N0} of {a.PredictedPairs:N0} linked pairs correct, {a.TruePairs:N0} true pairs); {a.MixedCustomers:N0} customers mix two people, {a.SplitPeople:N0} people are split over several customers."));
        w.WriteLine(F($"  Candidate pairs scored: {r.Resolution!.Blocking.CandidatePairs:N0}; merges refused by merge protection: {r.Resolution.RefusedMerges:N0}."));
        w.WriteLine();
        w.WriteLine("  Today's new records, resolved one at a time in the customer directory:");
        var today = new TextTable("record", "what", "outcome", "customer", ">links");
        foreach ((string description, RecordResolution resolution) in r.TodaysRecords)
        {
            today.Add(resolution.Record.ToString(), description, resolution.Outcome.ToString(), resolution.CustomerId.Value, resolution.Links.Count.ToString(C));
        }

        today.Write(w);
    }

    private static void WriteHistory(TextWriter w, StoreSampleResult r)
    {
        ShopHistory history = r.History!;
        var kinds = new Dictionary<InteractionKind, int>();
        var channels = new Dictionary<Channel, int>();
        foreach (Interaction interaction in history.Interactions)
        {
            kinds[interaction.Kind] = kinds.GetValueOrDefault(interaction.Kind) + 1;
            channels[interaction.Channel] = channels.GetValueOrDefault(interaction.Channel) + 1;
        }

        var byKind = new TextTable("kind", ">interactions");
        foreach ((InteractionKind kind, int count) in kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key.Name, StringComparer.Ordinal))
        {
            byKind.Add(kind.Name, F($"{count:N0}"));
        }

        byKind.Write(w);
        w.WriteLine();
        var byChannel = new TextTable("channel", ">interactions");
        foreach ((Channel channel, int count) in channels.OrderByDescending(k => k.Value).ThenBy(k => k.Key.Name, StringComparer.Ordinal))
        {
            byChannel.Add(channel.Name, F($"{count:N0}"));
        }

        byChannel.Write(w);
        w.WriteLine();
        w.WriteLine(F($"  {r.Appended:N0} interactions appended in {r.Batches:N0} atomic batches of up to 5,000, each with its idempotency key ({history.CampaignCount} campaigns)."));
        if (r.ReplaysOnLoad > 0)
        {
            w.WriteLine(F($"  {r.ReplaysOnLoad:N0} of them were already in the store from an earlier run and were recognised as replays."));
        }

        w.WriteLine(F($"  The till resent its last {r.ResentPurchases:N0} purchases: {r.RecognisedReplays:N0} recognised as replays, nothing stored twice."));
        w.WriteLine("  An order sent again with another amount was refused: " + (r.ConflictMessage ?? "(NOT refused)"));
        int granted = history.Consents.Count(x => x.Consent.Status == ConsentStatus.Granted);
        w.WriteLine(F($"  Preferences: {granted:N0} consents granted, {history.Consents.Count - granted:N0} withdrawn, {history.PreferredChannels.Count:N0} stated channels, {history.TimeZones.Count:N0} time zones, {history.DoNotContact.Count:N0} do-not-contact requests."));
    }

    private static void WriteModels(TextWriter w, StoreSampleResult r)
    {
        w.WriteLine("  Scoring strategies registered through DI: " + string.Join(", ", r.StrategyNames) + F($" (\"{SpendRateStrategy.KindName}\" is the shop's own)."));
        RfmModel rfm = r.Rfm!;
        w.WriteLine(F($"  RFM: {rfm.Bins} quantile bins per dimension, monetary basis {rfm.MonetaryBasis}, {rfm.Segments.Rules.Count} named segments."));
        ITransactionModel model = r.LifetimeValue!.TransactionModel;
        GammaGammaModel? spend = r.LifetimeValue.SpendModel;
        var parameters = new TextTable("model", "parameter", ">estimate", ">std. error");
        foreach (ModelParameter p in model.Parameters)
        {
            parameters.Add(model.Kind, p.Name, F($"{p.Value:F4}"), F($"{p.StandardError:F4}"));
        }

        if (spend is not null)
        {
            foreach (ModelParameter p in spend.Parameters)
            {
                parameters.Add("gamma-gamma", p.Name, F($"{p.Value:F4}"), F($"{p.StandardError:F4}"));
            }
        }

        parameters.Write(w);
        LifetimeValueCalculator calculator = r.LifetimeValue.Calculator;
        w.WriteLine(F($"  CLV: expected margin over {calculator.Horizon.Length:G} {calculator.Horizon.Unit.ToString().ToLowerInvariant()}(s), discounted at {calculator.DiscountRate.Rate:P0} a {calculator.DiscountRate.Period.ToString().ToLowerInvariant()}."));
        HoldoutEvaluation h = r.Holdout!;
        w.WriteLine();
        w.WriteLine(F($"  Track record: fitted on purchases up to {r.CalibrationEnd:yyyy-MM-dd}, the model foretold {h.PredictedTotal:N0} repeat purchases in the last 26 weeks;"));
        w.WriteLine(F($"  the customers made {h.ActualTotal:N0} (MAE per customer {h.MeanAbsoluteError:F3}, correlation {h.Correlation:F3})."));
        var groups = new TextTable(">calibration purchases", ">customers", ">predicted mean", ">actual mean");
        foreach (HoldoutGroup g in h.Groups)
        {
            groups.Add(g.AndMore ? F($"{g.Frequency}+") : g.Frequency.ToString(C), F($"{g.Customers:N0}"), F($"{g.MeanPredicted:F3}"), F($"{g.MeanActual:F3}"));
        }

        groups.Write(w);
    }

    private static void WriteStages(TextWriter w, StoreSampleResult r)
    {
        LoyaltyOutcome loyalty = r.Loyalty!;
        int n = loyalty.Customers.Length;
        decimal revenue = 0;
        foreach (LoyaltyState state in loyalty.States)
        {
            revenue += state.TotalSpend;
        }

        w.WriteLine(F($"  {n:N0} customers (buyers and prospects) on the loyalty ladder and in the lifecycle (rhythm basis: at risk, lapsed and lost by each customer's own inter-purchase time, fixed days for one-time buyers), as of {r.Options.End:yyyy-MM-dd}."));
        w.WriteLine();
        var ladder = new TextTable("ladder stage", ">customers", ">share", ">revenue share", ">mean CLV", "most common reason");
        foreach (Stage stage in loyalty.Ladder.Stages)
        {
            StageRows(loyalty.LadderStages, stage, out int count, out decimal spend, out double clv, out _, out string reason);
            ladder.Add(stage.Name, F($"{count:N0}"), Pct((double)count / n), Pct(revenue == 0 ? 0 : (double)(spend / revenue)), count == 0 ? "-" : F($"{clv / count:N0}"), reason);
        }

        ladder.Write(w);
        w.WriteLine();
        var lifecycle = new TextTable("lifecycle stage", ">customers", ">share", ">revenue share", ">mean P(alive)", "most common reason");
        foreach (Stage stage in loyalty.Lifecycle.Stages)
        {
            StageRows(loyalty.LifecycleStages, stage, out int count, out decimal spend, out _, out double alive, out string reason);
            lifecycle.Add(stage.Name, F($"{count:N0}"), Pct((double)count / n), Pct(revenue == 0 ? 0 : (double)(spend / revenue)), count == 0 ? "-" : F($"{alive / count:F2}"), reason);
        }

        lifecycle.Write(w);

        void StageRows(StageAssignment[] assignments, Stage stage, out int count, out decimal spend, out double clv, out double alive, out string reason)
        {
            count = 0;
            spend = 0;
            clv = 0;
            alive = 0;
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < assignments.Length; i++)
            {
                if (assignments[i].Stage == stage)
                {
                    count++;
                    spend += loyalty.States[i].TotalSpend;
                    clv += loyalty.States[i].LifetimeValue ?? 0;
                    alive += loyalty.States[i].ProbabilityAlive ?? 0;
                    reasons[assignments[i].Reason] = reasons.GetValueOrDefault(assignments[i].Reason) + 1;
                }
            }

            reason = reasons.Count == 0 ? "" : reasons.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
        }
    }

    private static void WriteTransitions(TextWriter w, StoreSampleResult r)
    {
        LoyaltyOutcome loyalty = r.Loyalty!;
        DateTimeOffset monthAgo = r.Options.End.AddMonths(-1);
        w.WriteLine(F($"  {loyalty.Sweeps} weekly sweeps over the two years ({loyalty.Assignments:N0} stage assignments: every customer whose counters changed, and in the"));
        w.WriteLine(F($"  lifecycle every customer not lost) stored {loyalty.StoredTransitions:N0} transitions (from, to, when, why; first stages included) in the stage history."));
        w.WriteLine(F($"  Today's sweep raised {loyalty.TodaysTransitions.Count:N0} transition events through the stage trackers. Replaying the stored history gives today's stage for {(loyalty.ReplayMismatches == 0 ? "every customer" : F($"all but {loyalty.ReplayMismatches:N0} customers"))}."));
        w.WriteLine(F($"  Between {monthAgo:yyyy-MM-dd} and {r.Options.End:yyyy-MM-dd}:"));
        w.WriteLine();
        var table = new TextTable("model", "from", "to", ">customers", "why (the rule that fired)");
        foreach (var group in loyalty.LastMonth
            .GroupBy(t => (t.ModelName, From: t.Previous.Name, To: t.Next.Name))
            .OrderBy(g => g.Key.ModelName, StringComparer.Ordinal)
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.From, StringComparer.Ordinal)
            .ThenBy(g => g.Key.To, StringComparer.Ordinal))
        {
            string reason = group.GroupBy(t => t.Reason).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key;
            table.Add(group.Key.ModelName, group.Key.From, group.Key.To, F($"{group.Count():N0}"), reason);
        }

        table.Write(w);
    }

    private static void WriteSegments(TextWriter w, StoreSampleResult r)
    {
        RfmSegmentReport report = r.SegmentReport!;
        var segments = new TextTable("segment", ">customers", ">share", ">revenue", ">revenue share", ">orders", ">avg order");
        foreach (RfmSegmentReportRow row in report.Rows.OrderByDescending(x => x.Revenue))
        {
            segments.Add(row.Segment, F($"{row.Customers:N0}"), Pct(row.CustomerShare), F($"{row.Revenue:N0}"), Pct(row.RevenueShare), F($"{row.Orders:N0}"), F($"{row.AverageOrderValue:N2}"));
        }

        segments.Add("all", F($"{report.Customers:N0}"), Pct(1), F($"{report.Revenue:N0}"), Pct(1), F($"{report.Orders:N0}"), report.Orders == 0 ? "0" : F($"{report.Revenue / report.Orders:N2}"));
        segments.Write(w);
    }

    private static void WriteConcentration(TextWriter w, StoreSampleResult r)
    {
        var concentration = r.Concentration!;
        w.WriteLine(F($"  Revenue to date {concentration.TotalRevenue:N0}: the top 20 % of customers bring {Pct(concentration.GetTopShare(0.2))}, the top 1 % {Pct(concentration.GetTopShare(0.01))}; Gini {concentration.Gini:F3}."));
        w.WriteLine();
        CustomerValue[] clv = r.ClvValues;
        double totalClv = clv.Sum(v => v.Score);
        var tiers = new TextTable("CLV tier", ">customers", ">expected CLV", ">share of CLV", ">mean P(alive)");
        foreach (string? tier in new string?[] { "platinum", "gold", "silver", null })
        {
            int n = 0;
            double value = 0;
            double alive = 0;
            foreach (CustomerValue v in clv)
            {
                if (r.ClvTiers!.GetTier(v.Score) == tier)
                {
                    n++;
                    value += v.Score;
                    alive += v.ProbabilityAlive ?? 0;
                }
            }

            tiers.Add(tier ?? "rest", F($"{n:N0}"), F($"{value:N0}"), Pct(totalClv == 0 ? 0 : value / totalClv), n == 0 ? "-" : F($"{alive / n:F2}"));
        }

        tiers.Write(w);
    }

    private static void WriteTopCustomers(TextWriter w, StoreSampleResult r, int count)
    {
        CustomerSummaryTable table = r.Summaries!;
        int[] order = [.. Enumerable.Range(0, table.Count).OrderByDescending(i => r.ClvValues[i].Score).ThenBy(i => table.CustomerIds[i])];
        var top = new TextTable("customer", "name", "city", "ladder", "lifecycle", "RFM", "segment", ">orders", ">spend", ">P(alive)", ">E[purchases 1y]", ">spend rate", ">CLV");
        LoyaltyOutcome loyalty = r.Loyalty!;
        foreach (int i in order.Take(count))
        {
            CustomerId id = table.CustomerIds[i];
            GoldenProfile profile = r.Directory!.GetProfile(id);
            string name = (profile[IdentityField.GivenName] + " " + profile[IdentityField.FamilyName]).Trim();
            CustomerValue clv = r.ClvValues[i];
            CustomerValue rfm = r.RfmValues[i];
            top.Add(
                id.Value,
                name,
                profile[IdentityField.Locality] ?? "",
                loyalty.LadderStages[loyalty.Index[id]].Stage.Name,
                loyalty.LifecycleStages[loyalty.Index[id]].Stage.Name,
                rfm.Rfm?.ToCode() ?? "",
                rfm.Segment ?? "",
                F($"{table.OrderCount[i]:N0}"),
                F($"{table.TotalSpend[i]:N0}"),
                F($"{clv.ProbabilityAlive:F2}"),
                F($"{clv.ExpectedPurchases:F1}"),
                F($"{r.SpendRateValues[i].Score:F1}x"),
                F($"{clv.Score:N0}"));
        }

        top.Write(w);
        w.WriteLine("  (P(alive) and expected purchases from BG/NBD, spend from Gamma-Gamma; spend rate is the shop's own strategy, relative to the median.)");
    }

    private static void WritePlan(TextWriter w, StoreSampleResult r)
    {
        ContactPlan plan = r.Plan;
        TemplateCatalog catalog = plan.Catalog!;
        w.WriteLine("  Segments of one (a customer may be in several; the first with a template picks the message):");
        var segments = new TextTable("segment", ">customers", "definition", "template");
        for (int s = 0; s < catalog.Segments.Count; s++)
        {
            SegmentDefinition definition = catalog.Segments.Segments[s];
            int members = plan.Memberships.Count(m => m.Contains(s));
            string template = ShopSegments.Templates.TryGetValue(definition.Name, out string? text) ? Shorten(text, 60) : "-";
            segments.Add(definition.Name, F($"{members:N0}"), definition.Description, template);
        }

        segments.Write(w);
        w.WriteLine();
        if (plan.CoPurchases is { } co)
        {
            w.WriteLine(F($"  Cross-sell from the shop's own co-purchases: {co.BasketCount:N0} baskets, {co.ProductCount} products, e.g. espresso-machine with {string.Join(", ", co.GetAssociations("espresso-machine").Take(3).Select(a => F($"{a.Associated} (lift {a.Lift:F1})")))}."));
        }

        int without = plan.WithCandidates - plan.Planned.Count;
        w.WriteLine(F($"  {plan.Considered:N0} customers asked of the next best action engine; {plan.WithCandidates:N0} had a candidate action; {plan.Planned.Count:N0} contacts planned"));
        w.WriteLine(F($"  (one per customer, on the channel the contact policy chose); {without:N0} customers have no allowed action; {plan.Refused.Count:N0} actions refused in all."));
        w.WriteLine();
        var summary = new TextTable("action", "purpose", ">contacts", "channels chosen by the policy");
        foreach (var group in plan.Planned.GroupBy(p => (p.Action, Purpose: p.Purpose.Name)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Action, StringComparer.Ordinal))
        {
            string channels = string.Join(", ", group.GroupBy(p => p.Channel.Name).OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => F($"{c.Key} {c.Count():N0}")));
            summary.Add(group.Key.Action, group.Key.Purpose, F($"{group.Count():N0}"), channels);
        }

        summary.Write(w);
        w.WriteLine();
        w.WriteLine("  The first contacts of the plan (engine score, then the shop's composite priority), with their messages:");
        var first = new TextTable("customer", "action", "why", "channel", "message");
        foreach (PlannedContact p in plan.Planned.Take(10))
        {
            first.Add(p.Customer.Value, p.Action, Shorten(p.Why, 60), p.Channel.Name, Shorten(p.Message, 90));
        }

        first.Write(w);
        w.WriteLine();
        w.WriteLine("  Actions the policy refused on every channel, by reason (an action can have several):");
        var reasons = new TextTable("reason", ">actions", ">customers");
        foreach (var group in plan.Refused.SelectMany(x => x.Decision.Reasons.Select(reason => (reason.Code, x.Customer)).Distinct()).GroupBy(x => x.Code).OrderByDescending(g => g.Count()))
        {
            reasons.Add(group.Key.ToString(), F($"{group.Count():N0}"), F($"{group.Select(x => x.Customer).Distinct().Count():N0}"));
        }

        reasons.Write(w);
        w.WriteLine();
        var refused = new TextTable("customer", "action", "purpose", "asked", "reasons");
        foreach (RefusedContact x in plan.Refused.GroupBy(x => x.Decision.Reasons[0].Code).SelectMany(g => g.Take(2)).Take(10))
        {
            refused.Add(x.Customer.Value, x.Action, x.Purpose.Name, x.Requested.Name, Shorten(string.Join("; ", x.Decision.Reasons.Select(reason => reason.Message)), 110));
        }

        refused.Write(w);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";
}
