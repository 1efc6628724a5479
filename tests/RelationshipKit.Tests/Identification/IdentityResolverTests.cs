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
}
