using CsCheck;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class IdentityResolverTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<IdentityRecord> Synthetic(int n = 3000, int seed = 11) =>
        [.. SyntheticIdentityGenerator.Generate(n, seed).Select(s => s.Record)];

    [Fact]
    public void Resolve_ShuffledInput_GivesSameCustomersAndIds()
    {
        List<IdentityRecord> records = Synthetic();
        var resolver = new IdentityResolver();
        ResolutionResult first = resolver.Resolve(records);
        var shuffled = records.OrderBy(r => RecordTableKeyHash(r)).ToList();
        ResolutionResult second = resolver.Resolve(shuffled);

        var a = first.Assignments.ToDictionary(p => p.Key, p => p.Value);
        var b = second.Assignments.ToDictionary(p => p.Key, p => p.Value);
        b.Should().Equal(a);
        first.CustomerCount.Should().BeLessThan(records.Count);
    }

    private static int RecordTableKeyHash(IdentityRecord r) => StringComparer.Ordinal.GetHashCode(r.SourceRecordId) ^ 0x5bd1e995;

    [Fact]
    public void Resolve_SyntheticData_FindsMostDuplicatesPrecisely()
    {
        var data = SyntheticIdentityGenerator.Generate(5000, 5);
        ResolutionResult result = new IdentityResolver(new IdentificationOptions { Normalization = { DefaultCallingCode = "44" } }).Resolve(data.Select(d => d.Record));
        var person = data.ToDictionary(d => d.Record.Key, d => d.PersonId);
        long predicted = 0, correct = 0, truth = data.GroupBy(d => d.PersonId).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        foreach (IReadOnlyList<IdentityRecordKey> cluster in result.GetClusters())
        {
            predicted += (long)cluster.Count * (cluster.Count - 1) / 2;
            correct += cluster.GroupBy(k => person[k]).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        }

        ((double)correct / predicted).Should().BeGreaterThan(0.95);
        ((double)correct / truth).Should().BeGreaterThan(0.7);
    }

    [Fact]
    public void Explain_AnyPair_WeightsSumToTotalAndProbabilityFollows()
    {
        List<IdentityRecord> records = Synthetic(2000);
        var resolver = new IdentityResolver();
        ResolutionResult result = resolver.Resolve(records);
        foreach ((IdentityRecord a, IdentityRecord b) in records.Take(50).Zip(records.Skip(50).Take(50)))
        {
            PairExplanation e = result.Explain(a.Key, b.Key);
            (e.PriorWeight + e.Contributions.Sum(c => c.Weight)).Should().BeApproximately(e.TotalWeight, 1e-9);
            if (e.DecidedBy is null)
            {
                e.Probability.Should().BeApproximately(1 / (1 + Math.Pow(2, -e.TotalWeight)), 1e-12);
            }

            e.Contributions.Should().HaveCount(result.Model.Comparisons.Count);
        }

        MatchedPair top = result.AcceptedPairs[0];
        result.Explain(top.First, top.Second).IsMatch.Should().BeTrue();
    }

    [Fact]
    public void Explain_ModelAndTwoRecords_ShowsNormalisedValues()
    {
        List<IdentityRecord> records = Synthetic(2000);
        var resolver = new IdentityResolver();
        IdentityModel model = resolver.Train(records);
        var a = new IdentityRecord("web", "1", T0) { GivenName = "İlkay", FamilyName = "Yılmaz", Email = "ilkay.yilmaz@gmail.com" };
        var b = new IdentityRecord("store", "9", T0) { GivenName = "ilkay", FamilyName = "YILMAZ", Email = "ilkayyilmaz+promo@gmail.com" };
        PairExplanation e = resolver.Explain(a, b, model);
        e.Contributions.Single(c => c.Comparison == "GivenName").Level.Should().Be("exact");
        e.Contributions.Single(c => c.Comparison == "Email").FirstValue.Should().Be("ilkayyilmaz@gmail.com");
        e.Contributions.Single(c => c.Comparison == "Email").LevelIndex.Should().Be(1);
        e.ToString().Should().Contain("GivenName");
    }

    [Fact]
    public void Resolve_TrustedFieldsDiffer_NeverMerges()
    {
        var records = new List<IdentityRecord>(Synthetic(1000));
        var twinA = new IdentityRecord("web", "twin-a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", BirthDate = "1980-05-17", Email = "ana.oyelaran@proton.me", Postcode = "2000", NationalId = "AB123" };
        var twinB = new IdentityRecord("store", "twin-b", T0.AddDays(1)) { GivenName = "Ana", FamilyName = "Oyelaran", BirthDate = "1980-05-17", Email = "ana.oyelaran@proton.me", Postcode = "2000", NationalId = "ZZ999" };
        records.Add(twinA);
        records.Add(twinB);

        var plain = new IdentityResolver().Resolve(records);
        plain.GetCustomerId(twinA.Key).Should().Be(plain.GetCustomerId(twinB.Key));

        var guarded = new IdentityResolver(new IdentificationOptions { TrustedFields = [IdentityField.NationalId] }).Resolve(records);
        guarded.GetCustomerId(twinA.Key).Should().NotBe(guarded.GetCustomerId(twinB.Key));
        guarded.RefusedMerges.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Resolve_ExternalIdLimit_RefusesSecondCard()
    {
        var records = new List<IdentityRecord>(Synthetic(1000));
        var a = new IdentityRecord("store", "card-1", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", ExternalIds = ["loyalty:1"] };
        var b = new IdentityRecord("store", "card-2", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", ExternalIds = ["loyalty:2"] };
        records.AddRange([a, b]);
        var limited = new IdentityResolver(new IdentificationOptions { ExternalIdLimits = new Dictionary<string, int> { ["loyalty"] = 1 } }).Resolve(records);
        limited.GetCustomerId(a.Key).Should().NotBe(limited.GetCustomerId(b.Key));
    }

    [Fact]
    public void Resolve_Overrides_AlwaysAndNeverWin()
    {
        var records = new List<IdentityRecord>(Synthetic(1000));
        var a = new IdentityRecord("web", "x1", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me" };
        var b = new IdentityRecord("web", "x2", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me" };
        var c = new IdentityRecord("web", "x3", T0) { GivenName = "Bo", FamilyName = "Zhang", Email = "bo.zhang@mail.net" };
        records.AddRange([a, b, c]);
        var resolver = new IdentityResolver();
        ResolutionResult result = resolver.Resolve(records, [new MatchOverride(a.Key, b.Key, MatchOverrideKind.NeverMatch), new MatchOverride(a.Key, c.Key, MatchOverrideKind.AlwaysMatch)]);
        result.GetCustomerId(a.Key).Should().NotBe(result.GetCustomerId(b.Key));
        result.GetCustomerId(a.Key).Should().Be(result.GetCustomerId(c.Key));
        result.Explain(a.Key, b.Key).DecidedBy.Should().Be("never-match override");
        result.Explain(a.Key, b.Key).Probability.Should().Be(0);
    }

    [Fact]
    public void Resolve_SharedExternalId_MatchesWithCertainty()
    {
        var records = new List<IdentityRecord>(Synthetic(500))
        {
            new IdentityRecord("web", "e1", T0) { GivenName = "Ana", ExternalIds = ["crm:77"] },
            new IdentityRecord("store", "e2", T0) { FamilyName = "Zhang", ExternalIds = ["CRM: 77 "] },
        };
        ResolutionResult result = new IdentityResolver().Resolve(records);
        result.GetCustomerId(new IdentityRecordKey("web", "e1")).Should().Be(result.GetCustomerId(new IdentityRecordKey("store", "e2")));
        result.Blocking.Rules[0].Rule.Should().Be("ExternalIds");
        result.Blocking.Rules[0].CandidatePairs.Should().Be(1);
    }

    [Fact]
    public void Resolve_BlockingRulesOverlap_CountsEachPairOnce()
    {
        var records = new List<IdentityRecord>
        {
            new("s", "1", T0) { GivenName = "Ana", FamilyName = "Lee", Postcode = "2000", BirthDate = "1980-01-01" },
            new("s", "2", T0) { GivenName = "Ana", FamilyName = "Lee", Postcode = "2000", BirthDate = "1980-01-01" },
            new("s", "3", T0) { GivenName = "Ana", FamilyName = "Kim", Postcode = "2000", BirthDate = "1990-01-01" },
        };
        var options = new IdentificationOptions
        {
            BlockingRules = [BlockingRule.On(IdentityField.GivenName, IdentityField.FamilyName), BlockingRule.On(IdentityField.GivenName, IdentityField.Postcode)],
            MatchOnSharedExternalId = false,
        };
        ResolutionResult result = new IdentityResolver(options).Resolve(records);
        result.Blocking.Rules[0].CandidatePairs.Should().Be(1);
        result.Blocking.Rules[1].PairsBeforeDeduplication.Should().Be(3);
        result.Blocking.Rules[1].CandidatePairs.Should().Be(2);
        result.Blocking.CandidatePairs.Should().Be(3);
        result.Blocking.TotalPairs.Should().Be(3);
        result.Blocking.ReductionRatio.Should().Be(0);
    }

    [Fact]
    public void Resolve_OversizedBlock_IsSkippedAndReported()
    {
        var records = Enumerable.Range(0, 30).Select(i => new IdentityRecord("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture), T0) { Country = "AU", GivenName = "n" + i }).ToList();
        var options = new IdentificationOptions { BlockingRules = [BlockingRule.On(IdentityField.Country)], MaxBlockSize = 10 };
        ResolutionResult result = new IdentityResolver(options).Resolve(records);
        result.Blocking.Rules.Single(r => r.Rule == "Country").OversizedBlocks.Should().Be(1);
        result.Blocking.Rules.Single(r => r.Rule == "Country").RecordsInOversizedBlocks.Should().Be(30);
        result.Blocking.CandidatePairs.Should().Be(0);
    }

    [Fact]
    public void Resolve_DuplicateKey_ThrowsNamingField()
    {
        var records = new[] { new IdentityRecord("s", "1", T0), new IdentityRecord("s", "1", T0) };
        Action act = () => new IdentityResolver().Resolve(records);
        act.Should().Throw<InvalidIdentityRecordException>().Which.FieldName.Should().Be("SourceRecordId");
    }

    [Fact]
    public void Resolve_NullArguments_Throw()
    {
        var resolver = new IdentityResolver();
        FluentActions.Invoking(() => resolver.Resolve(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => resolver.Train(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => resolver.Resolve([], (IdentityModel)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => resolver.CreateDirectory((IdentityModel)null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Resolve_ModelFromOtherComparisons_IsRejected()
    {
        List<IdentityRecord> records = Synthetic(500);
        IdentityModel model = new IdentityResolver().Train(records);
        var other = new IdentityResolver(new IdentificationOptions { Comparisons = [Comparison.ForName(IdentityField.GivenName)] });
        FluentActions.Invoking(() => other.Resolve(records, model)).Should().Throw<ArgumentException>().WithMessage("*comparisons*");
    }

    [Fact]
    public void Resolve_WithTrainedModel_SameAsTrainingRun()
    {
        List<IdentityRecord> records = Synthetic(2000);
        var resolver = new IdentityResolver();
        ResolutionResult trained = resolver.Resolve(records);
        ResolutionResult reused = resolver.Resolve(records, trained.Model);
        reused.Assignments.Should().Equal(trained.Assignments);
    }

    [Fact]
    public void Reconcile_IdenticalInput_SameIdsAndNoEvents()
    {
        // Issue #5: a re-run never renumbers existing customers.
        List<IdentityRecord> records = Synthetic(2000, 12);
        var resolver = new IdentityResolver();
        ResolutionResult batch = resolver.Resolve(records);
        CustomerDirectory directory = resolver.CreateDirectory(batch);

        ResolutionResult rerun = resolver.Reconcile(records, directory);

        rerun.Assignments.Should().Equal(batch.Assignments);
        rerun.Events.Should().BeEmpty();
        CustomerDirectory next = resolver.CreateDirectory(rerun);
        next.GetCustomerIds().Should().BeEquivalentTo(directory.GetCustomerIds());
        next.History.Should().BeEmpty();
    }

    [Fact]
    public void Reconcile_AddedRecords_KeepsEveryIdAndMintsOnlyForNewCustomers()
    {
        List<IdentityRecord> all = Synthetic(2500, 13);
        List<IdentityRecord> old = all[..2000];
        var resolver = new IdentityResolver();
        IdentityModel model = resolver.Train(old);
        ResolutionResult batch = resolver.Resolve(old, model);
        CustomerDirectory directory = resolver.CreateDirectory(batch);
        var before = batch.Assignments.ToDictionary(p => p.Key, p => p.Value);
        var oldIds = before.Values.ToHashSet();

        ResolutionResult rerun = resolver.Reconcile(all, directory, model, null);

        rerun.Events.Should().NotContain(e => e.Kind == CustomerEventKind.Split, "adding records only adds evidence");
        var merged = rerun.Events.Where(e => e.Kind == CustomerEventKind.Merged).ToDictionary(e => e.OtherCustomerIds.Single(), e => e.CustomerId);
        CustomerDirectory next = resolver.CreateDirectory(rerun);
        foreach ((IdentityRecordKey key, CustomerId id) in before)
        {
            CustomerId now = rerun.GetCustomerId(key);
            (now == id || (merged.TryGetValue(id, out CustomerId survivor) && survivor == now)).Should().BeTrue($"record {key} was {id} and is {now}");
            next.TryGetCanonicalId(id, out CustomerId canonical).Should().BeTrue();
            canonical.Should().Be(now);
        }

        int newOnlyClusters = 0;
        foreach (IReadOnlyList<IdentityRecordKey> cluster in rerun.GetClusters())
        {
            CustomerId id = rerun.GetCustomerId(cluster[0]);
            bool hasOld = cluster.Any(before.ContainsKey);
            oldIds.Contains(id).Should().Be(hasOld, "only a cluster without old records gets a new id");
            newOnlyClusters += hasOld ? 0 : 1;
        }

        newOnlyClusters.Should().BeGreaterThan(0);
        next.CustomerCount.Should().Be(rerun.CustomerCount);
    }

    [Fact]
    public void Reconcile_NewEvidenceJoinsTwoCustomers_RecordsMergeAndRedirects()
    {
        var time = new FakeTimeProvider(T0);
        var resolver = new IdentityResolver(timeProvider: time);
        List<IdentityRecord> population = Synthetic(2000, 14);
        IdentityModel model = resolver.Train(population);
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        var b = new IdentityRecord("store", "b", T0.AddDays(1)) { Phone = "+61 2 9999 1234", Postcode = "2000", Street = "George St", StreetNumber = "12" };
        var bridge = new IdentityRecord("callcentre", "c", T0.AddDays(2))
        {
            GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17",
            Phone = "+61 2 9999 1234", Postcode = "2000", Street = "George St", StreetNumber = "12",
        };
        ResolutionResult batch = resolver.Resolve([.. population, a, b], model);
        CustomerId idA = batch.GetCustomerId(a.Key);
        CustomerId idB = batch.GetCustomerId(b.Key);
        idA.Should().NotBe(idB, "nothing links a and b before the bridge record");
        CustomerDirectory directory = resolver.CreateDirectory(batch);
        time.Advance(TimeSpan.FromHours(5));

        ResolutionResult rerun = resolver.Reconcile([.. population, a, b, bridge], directory, model, null);

        // Equal overlap (one record each): the customer with the earlier anchor survives, as in the directory.
        rerun.GetCustomerId(a.Key).Should().Be(idA);
        rerun.GetCustomerId(b.Key).Should().Be(idA);
        rerun.GetCustomerId(bridge.Key).Should().Be(idA);
        CustomerEvent merge = rerun.Events.Should().ContainSingle().Subject;
        merge.Kind.Should().Be(CustomerEventKind.Merged);
        merge.CustomerId.Should().Be(idA);
        merge.OtherCustomerIds.Should().Equal(idB);
        merge.OccurredAt.Should().Be(T0.AddHours(5));
        merge.Reason.Should().Be("re-run");
        merge.Records.Should().Contain(b.Key);
        merge.Evidence.Should().ContainSingle().Which.Probability.Should().BeGreaterThanOrEqualTo(resolver.MatchThreshold);
        CustomerDirectory next = resolver.CreateDirectory(rerun);
        next.TryGetCanonicalId(idB, out CustomerId canonical).Should().BeTrue();
        canonical.Should().Be(idA);
        next.History.Should().Equal(merge);
    }

    [Fact]
    public void Reconcile_MoreRecordsOfTheLaterCustomer_ItsIdSurvives()
    {
        // The id of the customer with most records in the merged cluster survives, whatever the anchors.
        var resolver = new IdentityResolver();
        List<IdentityRecord> population = Synthetic(2000, 15);
        IdentityModel model = resolver.Train(population);
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me" };
        var b1 = new IdentityRecord("store", "b1", T0.AddDays(1)) { Phone = "+61 2 9999 1234", Postcode = "2000", Street = "George St", StreetNumber = "12" };
        var b2 = new IdentityRecord("store", "b2", T0.AddDays(2)) { Phone = "+61 2 9999 1234", Postcode = "2000", Street = "George St", StreetNumber = "12" };
        var bridge = new IdentityRecord("callcentre", "c", T0.AddDays(3))
        {
            GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", Phone = "+61 2 9999 1234", Postcode = "2000", Street = "George St", StreetNumber = "12",
        };
        ResolutionResult batch = resolver.Resolve([.. population, a, b1, b2], model);
        CustomerId idA = batch.GetCustomerId(a.Key);
        CustomerId idB = batch.GetCustomerId(b1.Key);
        batch.GetCustomerId(b2.Key).Should().Be(idB);
        idA.Should().NotBe(idB);

        ResolutionResult rerun = resolver.Reconcile([.. population, a, b1, b2, bridge], resolver.CreateDirectory(batch), model, null);

        rerun.GetCustomerId(a.Key).Should().Be(idB);
        rerun.Events.Should().ContainSingle().Which.OtherCustomerIds.Should().Equal(idA);
    }

    [Fact]
    public void Reconcile_NeverMatchOverride_SplitsAndTheDirectoryKeepsIt()
    {
        var resolver = new IdentityResolver(timeProvider: new FakeTimeProvider(T0));
        List<IdentityRecord> population = Synthetic(2000, 16);
        IdentityModel model = resolver.Train(population);
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        var b = new IdentityRecord("web", "b", T0.AddDays(1)) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        List<IdentityRecord> records = [.. population, a, b];
        ResolutionResult batch = resolver.Resolve(records, model);
        CustomerId id = batch.GetCustomerId(a.Key);
        batch.GetCustomerId(b.Key).Should().Be(id);
        CustomerDirectory directory = resolver.CreateDirectory(batch);

        ResolutionResult rerun = resolver.Reconcile(records, directory, model, [new MatchOverride(a.Key, b.Key, MatchOverrideKind.NeverMatch)]);

        rerun.GetCustomerId(a.Key).Should().Be(id, "on equal overlap the part with the earlier anchor keeps the id");
        CustomerId split = rerun.GetCustomerId(b.Key);
        split.Should().NotBe(id);
        batch.Assignments.Select(p => p.Value).Should().NotContain(split, "a new id is never one the directory issued");
        CustomerEvent e = rerun.Events.Should().ContainSingle().Subject;
        e.Kind.Should().Be(CustomerEventKind.Split);
        e.CustomerId.Should().Be(id);
        e.OtherCustomerIds.Should().Equal(split);
        e.Records.Should().Equal(b.Key);
        e.Reason.Should().Be("never-match override");
        e.Evidence.Should().ContainSingle().Which.DecidedBy.Should().Be("never-match override");

        // The next directory keeps the override: a later plain re-run keeps them apart and records nothing new.
        CustomerDirectory next = resolver.CreateDirectory(rerun);
        ResolutionResult again = resolver.Reconcile(records, next, model, null);
        again.Events.Should().BeEmpty();
        again.GetCustomerId(b.Key).Should().Be(split);
        resolver.CreateDirectory(again).History.Should().Equal(e);
    }

    [Fact]
    public void Reconcile_SplitThenOverrideRemovedByNewDirectory_RevivesNothingButKeepsIds()
    {
        // A directory split made by the host (CustomerDirectory.Split) is a never-match decision that re-runs honour.
        var resolver = new IdentityResolver();
        List<IdentityRecord> records = Synthetic(1500, 17);
        ResolutionResult batch = resolver.Resolve(records);
        CustomerDirectory directory = resolver.CreateDirectory(batch);
        IReadOnlyList<IdentityRecordKey> cluster = batch.GetClusters().First(c => c.Count >= 2);
        CustomerId id = batch.GetCustomerId(cluster[0]);
        CustomerEvent hostSplit = directory.Split(id, [cluster[^1]], "review");
        CustomerId moved = directory.GetCustomerId(cluster[^1]);

        ResolutionResult rerun = resolver.Reconcile(records, directory, batch.Model, null);

        rerun.Events.Should().BeEmpty();
        rerun.GetCustomerId(cluster[^1]).Should().Be(moved);
        rerun.GetCustomerId(cluster[0]).Should().Be(id);
        resolver.CreateDirectory(rerun).History.Should().Equal(hostSplit);
    }

    [Fact]
    public void Reconcile_Rerun_NeverRenumbersExistingCustomers()
    {
        // Property (issue #5): whatever records are added and whatever never-match decisions are made, every id the
        // directory issued still leads to the customer now holding its records (itself or, after a merge, the
        // survivor named in a merge event), new ids are never old ones, and re-running the result changes nothing.
        var resolver = new IdentityResolver();
        int splitEvents = 0;
        int mergeEvents = 0;
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[300, 500], Gen.Int[1, 3]).Sample((seed, cut, splits) =>
        {
            List<IdentityRecord> all = [.. SyntheticIdentityGenerator.Generate(600, seed).Select(s => s.Record)];
            List<IdentityRecord> old = all[..cut];
            ResolutionResult batch = resolver.Resolve(old);
            CustomerDirectory directory = resolver.CreateDirectory(batch);
            IReadOnlyList<IReadOnlyList<IdentityRecordKey>> clusters = batch.GetClusters();
            var overrides = clusters.Where(c => c.Count >= 2).Take(splits)
                .Select(c => new MatchOverride(c[0], c[1], MatchOverrideKind.NeverMatch)).ToList();
            overrides.AddRange(clusters.Where(c => c.Count == 1).Take(2 * splits).Chunk(2).Where(p => p.Length == 2)
                .Select(p => new MatchOverride(p[0][0], p[1][0], MatchOverrideKind.AlwaysMatch)));

            ResolutionResult rerun = resolver.Reconcile(all, directory, overrides);
            CustomerDirectory next = resolver.CreateDirectory(rerun);

            var oldIds = batch.Assignments.Select(p => p.Value).ToHashSet();
            var live = rerun.Assignments.Select(p => p.Value).ToHashSet();
            var absorbed = rerun.Events.Where(e => e.Kind == CustomerEventKind.Merged).SelectMany(e => e.OtherCustomerIds).ToHashSet();
            var created = rerun.Events.Where(e => e.Kind == CustomerEventKind.Split).SelectMany(e => e.OtherCustomerIds).ToHashSet();
            Interlocked.Add(ref splitEvents, rerun.Events.Count(e => e.Kind == CustomerEventKind.Split));
            Interlocked.Add(ref mergeEvents, rerun.Events.Count(e => e.Kind == CustomerEventKind.Merged));
            foreach (CustomerId id in oldIds)
            {
                (live.Contains(id) ^ absorbed.Contains(id)).Should().BeTrue($"old id {id} must stay live or be merged away, not both or neither");
                next.TryGetCanonicalId(id, out CustomerId canonical).Should().BeTrue();
                live.Should().Contain(canonical);
            }

            var moved = rerun.Events.Where(e => e.Kind == CustomerEventKind.Split).SelectMany(e => e.Records).ToHashSet();
            foreach ((IdentityRecordKey key, CustomerId id) in batch.Assignments)
            {
                next.TryGetCanonicalId(id, out CustomerId canonical);
                if (!moved.Contains(key))
                {
                    rerun.GetCustomerId(key).Should().Be(canonical);
                }
            }

            foreach (CustomerId id in live.Where(i => !oldIds.Contains(i)))
            {
                absorbed.Should().NotContain(id);
            }

            created.Where(i => !live.Contains(i) && !absorbed.Contains(i)).Should().BeEmpty();
            ResolutionResult again = resolver.Reconcile(all, next);
            again.Events.Should().BeEmpty();
            again.Assignments.Should().Equal(rerun.Assignments);
        }, iter: 6, threads: 1);
        splitEvents.Should().BeGreaterThan(0, "the samples must exercise splits");
        mergeEvents.Should().BeGreaterThan(0, "the samples must exercise merges");
    }

    [Fact]
    public void Reconcile_NullArguments_Throw()
    {
        var resolver = new IdentityResolver();
        List<IdentityRecord> records = Synthetic(300);
        ResolutionResult batch = resolver.Resolve(records);
        CustomerDirectory directory = resolver.CreateDirectory(batch);
        FluentActions.Invoking(() => resolver.Reconcile(null!, directory)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => resolver.Reconcile(records, null!)).Should().Throw<ArgumentNullException>().WithParameterName("existing");
        FluentActions.Invoking(() => resolver.Reconcile(records, null!, (IEnumerable<MatchOverride>?)null)).Should().Throw<ArgumentNullException>().WithParameterName("existing");
        FluentActions.Invoking(() => resolver.Reconcile(records, directory, null!, null)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => resolver.Reconcile([records[0], records[0]], directory)).Should().Throw<InvalidIdentityRecordException>();
    }
}
