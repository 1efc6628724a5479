using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class CustomerDirectoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_RecordsInObservationOrder_EqualsBatch()
    {
        // Issue #5: incremental resolution equals batch resolution with the same model (connected components,
        // no oversized blocks, no protection conflicts: the documented conditions).
        var records = SyntheticIdentityGenerator.Generate(3000, 21).Select(s => s.Record).ToList();
        var resolver = new IdentityResolver();
        IdentityModel model = resolver.Train(records);
        ResolutionResult batch = resolver.Resolve(records, model);

        CustomerDirectory directory = resolver.CreateDirectory(model);
        foreach (IdentityRecord r in records.OrderBy(r => r.ObservedAt).ThenBy(r => r.Key))
        {
            directory.Resolve(r);
        }

        foreach (KeyValuePair<IdentityRecordKey, CustomerId> pair in batch.Assignments)
        {
            directory.GetCustomerId(pair.Key).Should().Be(pair.Value);
        }

        directory.CustomerCount.Should().Be(batch.CustomerCount);
    }

    [Fact]
    public void Resolve_NewRecords_NeverRenumberExistingCustomers()
    {
        var data = SyntheticIdentityGenerator.Generate(2000, 8).Select(s => s.Record).ToList();
        var resolver = new IdentityResolver();
        ResolutionResult batch = resolver.Resolve(data.Take(1500));
        var before = batch.Assignments.ToDictionary(p => p.Key, p => p.Value);
        CustomerDirectory directory = resolver.CreateDirectory(batch);
        foreach (IdentityRecord r in data.Skip(1500))
        {
            directory.Resolve(r);
        }

        foreach ((IdentityRecordKey key, CustomerId id) in before)
        {
            directory.TryGetCanonicalId(id, out CustomerId now).Should().BeTrue();
            directory.GetCustomerId(key).Should().Be(now);
        }

        // Ids of customers that were not merged away are unchanged.
        var live = directory.GetCustomerIds().ToHashSet();
        before.Values.Distinct().Count(live.Contains).Should().BeGreaterThan(before.Values.Distinct().Count() * 9 / 10);
    }

    [Fact]
    public void Resolve_BridgeRecord_MergesCustomersAndRecordsEvidence()
    {
        var time = new FakeTimeProvider(T0);
        var resolver = new IdentityResolver(timeProvider: time);
        var training = SyntheticIdentityGenerator.Generate(2000, 4).Select(s => s.Record).ToList();
        CustomerDirectory directory = resolver.CreateDirectory(resolver.Train(training));
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        var b = new IdentityRecord("store", "b", T0.AddDays(1)) { GivenName = "Ana", FamilyName = "Oyelaran", Phone = "+61 2 9999 1234", Postcode = "2000", BirthDate = "1980-05-17", Street = "12 George St" };
        var bridge = new IdentityRecord("callcentre", "c", T0.AddDays(2)) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", Phone = "+61 2 9999 1234", BirthDate = "1980-05-17" };

        directory.Resolve(a).Outcome.Should().Be(RecordResolutionOutcome.Created);
        RecordResolution rb = directory.Resolve(b);
        CustomerId idA = directory.GetCustomerId(a.Key);
        time.Advance(TimeSpan.FromHours(1));
        RecordResolution rc = directory.Resolve(bridge);

        directory.GetCustomerId(b.Key).Should().Be(idA, "the survivor is the customer with the earliest anchor");
        directory.GetCustomerId(bridge.Key).Should().Be(idA);
        if (rb.Outcome == RecordResolutionOutcome.Created)
        {
            rc.Outcome.Should().Be(RecordResolutionOutcome.Merged);
            rc.MergedCustomerIds.Should().ContainSingle().Which.Should().Be(rb.CustomerId);
            CustomerEvent merge = directory.History.Should().ContainSingle().Subject;
            merge.Kind.Should().Be(CustomerEventKind.Merged);
            merge.OccurredAt.Should().Be(T0.AddHours(1));
            merge.Evidence.Should().NotBeEmpty();
            directory.TryGetCanonicalId(rb.CustomerId, out CustomerId canonical).Should().BeTrue();
            canonical.Should().Be(idA);
        }

        directory.Resolve(bridge).Outcome.Should().Be(RecordResolutionOutcome.Unchanged);
    }

    [Fact]
    public void ApplyOverride_NeverMatchInsideCustomer_SplitsAndKeepsAnchorId()
    {
        var resolver = new IdentityResolver(timeProvider: new FakeTimeProvider(T0));
        var training = SyntheticIdentityGenerator.Generate(2000, 4).Select(s => s.Record).ToList();
        CustomerDirectory directory = resolver.CreateDirectory(resolver.Train(training));
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        var b = new IdentityRecord("web", "b", T0.AddDays(1)) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        directory.Resolve(a);
        directory.Resolve(b).Outcome.Should().Be(RecordResolutionOutcome.Joined);
        CustomerId id = directory.GetCustomerId(a.Key);

        IReadOnlyList<CustomerEvent> events = directory.ApplyOverride(new MatchOverride(a.Key, b.Key, MatchOverrideKind.NeverMatch));

        events.Should().ContainSingle().Which.Kind.Should().Be(CustomerEventKind.Split);
        directory.GetCustomerId(a.Key).Should().Be(id);
        directory.GetCustomerId(b.Key).Should().NotBe(id);
        directory.Explain(a.Key, b.Key).DecidedBy.Should().Be("never-match override");

        // A new copy of b's data does not bring them together again: it joins b.
        var b2 = new IdentityRecord("store", "b2", T0.AddDays(3)) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me", BirthDate = "1980-05-17" };
        directory.Resolve(b2);
        directory.GetCustomerId(a.Key).Should().NotBe(directory.GetCustomerId(b.Key));
    }

    [Fact]
    public void ApplyOverride_AlwaysMatch_MergesCustomers()
    {
        var resolver = new IdentityResolver();
        CustomerDirectory directory = resolver.CreateDirectory(resolver.Train(SyntheticIdentityGenerator.Generate(1000, 2).Select(s => s.Record)));
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", Email = "ana@proton.me" };
        var b = new IdentityRecord("store", "b", T0.AddDays(1)) { FamilyName = "Zhang", Phone = "+61 2 9999 1234" };
        directory.Resolve(a);
        directory.Resolve(b);
        directory.ApplyOverride(new MatchOverride(a.Key, b.Key, MatchOverrideKind.AlwaysMatch)).Should().ContainSingle();
        directory.GetCustomerId(b.Key).Should().Be(directory.GetCustomerId(a.Key));
        FluentActions.Invoking(() => directory.ApplyOverride(new MatchOverride(a.Key, new IdentityRecordKey("x", "y"), MatchOverrideKind.AlwaysMatch)))
            .Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Split_ByHost_MovesRecordsAndRevivesNothingElse()
    {
        var resolver = new IdentityResolver();
        CustomerDirectory directory = resolver.CreateDirectory(resolver.Train(SyntheticIdentityGenerator.Generate(1000, 2).Select(s => s.Record)));
        var a = new IdentityRecord("web", "a", T0) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me" };
        var b = new IdentityRecord("web", "b", T0.AddDays(1)) { GivenName = "Ana", FamilyName = "Oyelaran", Email = "ana.oyelaran@proton.me" };
        directory.Resolve(a);
        directory.Resolve(b);
        CustomerId id = directory.GetCustomerId(a.Key);
        CustomerEvent e = directory.Split(id, [b.Key], "review 42");
        e.Reason.Should().Be("review 42");
        e.Records.Should().Equal(b.Key);
        directory.GetCustomerId(a.Key).Should().Be(id);
        directory.GetCustomerId(b.Key).Should().Be(e.OtherCustomerIds.Single());
        FluentActions.Invoking(() => directory.Split(id, [a.Key], "all")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void GetProfile_RulesPerField_PickValuesWithSource()
    {
        var options = new IdentificationOptions
        {
            Survivorship =
            {
                DefaultRule = SurvivorshipRule.MostRecent,
                Rules = { [IdentityField.BirthDate] = SurvivorshipRule.MostFrequent, [IdentityField.Email] = SurvivorshipRule.SourcePriority, [IdentityField.GivenName] = SurvivorshipRule.Longest },
                SourcePriority = ["crm", "web"],
            },
            Comparisons = [Comparison.ForName(IdentityField.FamilyName)],
            BlockingRules = [BlockingRule.On(IdentityField.FamilyName)],
            DeterministicRules = [new DeterministicRule(IdentityField.FamilyName)],
        };
        var resolver = new IdentityResolver(options);
        var records = new[]
        {
            new IdentityRecord("web", "1", T0) { GivenName = "K", FamilyName = "Oyelaran", BirthDate = "1980-05-17", Email = "k@web.de", Phone = "n/a" },
            new IdentityRecord("crm", "2", T0.AddDays(1)) { GivenName = "Katherine", FamilyName = "Oyelaran", BirthDate = "17/05/1980", Email = "kath@crm.org" },
            new IdentityRecord("store", "3", T0.AddDays(2)) { GivenName = "Kate", FamilyName = "Oyelaran", BirthDate = "1981-05-17", Email = "kate@shop.com", Locality = "Perth" },
        };
        ResolutionResult result = resolver.Resolve(records);
        CustomerDirectory directory = resolver.CreateDirectory(result);
        GoldenProfile profile = directory.GetProfile(result.GetCustomerId(records[0].Key));

        profile[IdentityField.BirthDate].Should().BeOneOf("1980-05-17", "17/05/1980");
        profile.Fields[IdentityField.Email].Value.Should().Be("kath@crm.org");
        profile.Fields[IdentityField.Email].Source.Should().Be("crm");
        profile[IdentityField.GivenName].Should().Be("Katherine");
        profile[IdentityField.Locality].Should().Be("Perth");
        profile.Fields[IdentityField.Locality].Rule.Should().Be(SurvivorshipRule.MostRecent);
        profile[IdentityField.Phone].Should().BeNull("junk never survives");
        profile.Records.Should().HaveCount(3);
    }

    [Fact]
    public void Resolve_Null_Throws()
    {
        var resolver = new IdentityResolver();
        CustomerDirectory directory = resolver.CreateDirectory(resolver.Train(SyntheticIdentityGenerator.Generate(300, 1).Select(s => s.Record)));
        FluentActions.Invoking(() => directory.Resolve(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => directory.GetProfile(new CustomerId("nobody"))).Should().Throw<KeyNotFoundException>();
    }
}
