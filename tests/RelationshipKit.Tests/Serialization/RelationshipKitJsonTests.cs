using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Serialization;
using RelationshipKit.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Serialization;

public sealed class RelationshipKitJsonTests
{
    private static CustomerSummary BuiltWithHistoryAndHoldout() =>
        new CustomerSummaryBuilder(new CustomerSummaryOptions { TimeUnit = TimeUnit.Week }, new FakeTimeProvider(Now))
            .Build(
                [
                    new Transaction(Id("c-1"), new DateTimeOffset(2024, 1, 2, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567), 12.34m),
                    new Transaction(Id("c-1"), new DateTimeOffset(2024, 1, 9, 18, 0, 0, TimeSpan.FromHours(-5)), 0.1m),
                    new Transaction(Id("c-1"), new DateTimeOffset(2024, 1, 20, 0, 0, 0, TimeSpan.Zero), 1m / 3m),
                    new Transaction(Id("c-1"), new DateTimeOffset(2024, 2, 20, 0, 0, 0, TimeSpan.Zero), 7m),
                ],
                Day(31),
                Day(31).AddDays(40))
            .Single();

    private static string ValidJson() => RelationshipKitJson.Serialize(BuiltWithHistoryAndHoldout());

    /// <summary>Replaces the first occurrence of <paramref name="from"/> (which must be present).</summary>
    private static string Edit(string json, string from, string to)
    {
        json.Should().Contain(from);
        int at = json.IndexOf(from, StringComparison.Ordinal);
        return string.Concat(json.AsSpan(0, at), to, json.AsSpan(at + from.Length));
    }

    /// <summary>The valid summary JSON with history.firstPurchase replaced by <paramref name="timestamp"/>.</summary>
    private static string WithFirstPurchase(string timestamp)
    {
        JsonNode node = JsonNode.Parse(ValidJson())!;
        node["history"]!["firstPurchase"] = timestamp;
        return node.ToJsonString();
    }

    // ---- round trips ----

    [Fact]
    public void CustomerSummary_WithHistoryAndHoldout_RoundTrips()
    {
        CustomerSummary original = BuiltWithHistoryAndHoldout();
        original.History.Should().NotBeNull();
        original.Holdout.Should().NotBeNull();

        CustomerSummary copy = RelationshipKitJson.DeserializeCustomerSummary(RelationshipKitJson.Serialize(original));

        copy.Should().Be(original);
        copy.Recency.Should().Be(original.Recency);
        copy.T.Should().Be(original.T, "doubles are written in round-trip form");
        copy.MonetaryValue.Should().Be(original.MonetaryValue);
        copy.History!.Value.FirstPurchase.EqualsExact(original.History!.Value.FirstPurchase).Should().BeTrue("offset and ticks are kept");
        copy.History!.Value.LastPurchase.EqualsExact(original.History!.Value.LastPurchase).Should().BeTrue();
        copy.Holdout.Should().Be(original.Holdout);
    }

    [Fact]
    public void CustomerSummary_WithoutHistoryOrHoldout_RoundTrips()
    {
        CustomerSummary original = CustomerSummary.Create(Id("x"), 3, 0.1 + 0.2, Math.PI, TimeUnit.Month, 9.99m);
        CustomerSummary copy = RelationshipKitJson.DeserializeCustomerSummary(RelationshipKitJson.Serialize(original));
        copy.Should().Be(original);
        copy.History.Should().BeNull();
        copy.Holdout.Should().BeNull();
    }

    [Fact]
    public void CustomerSummary_HoldoutOnly_RoundTrips()
    {
        CustomerSummary original = CustomerSummary.Create(Id("x"), 0, 0, 5, TimeUnit.Day, 0m, new HoldoutSummary(2, 4.5m, 10));
        RelationshipKitJson.DeserializeCustomerSummary(RelationshipKitJson.Serialize(original)).Should().Be(original);
    }

    [Fact]
    public void Serialize_CustomerSummary_UsesCamelCaseAndEnumNames()
    {
        using JsonDocument doc = JsonDocument.Parse(ValidJson());
        JsonElement root = doc.RootElement;
        root.GetProperty("customerId").GetString().Should().Be("c-1");
        root.GetProperty("timeUnit").GetString().Should().Be("Week");
        root.GetProperty("frequency").GetInt32().Should().Be(2);
        root.GetProperty("history").GetProperty("firstPurchase").GetString().Should().Be("2024-01-02T09:30:15.1234567+02:00");
        root.GetProperty("holdout").GetProperty("frequency").GetInt32().Should().Be(1);
    }

    [Fact]
    public void CustomerSummaryOptions_RoundTrip()
    {
        var original = new CustomerSummaryOptions
        {
            Period = PurchasePeriod.Week,
            TimeUnit = TimeUnit.Year,
            TimeZoneId = "Europe/Berlin",
            MinimumAmount = -12.5m,
            MaximumAmount = 99_999.99m,
            FutureTolerance = TimeSpan.FromSeconds(90.5),
        };

        string json = RelationshipKitJson.Serialize(original);
        CustomerSummaryOptions copy = RelationshipKitJson.DeserializeCustomerSummaryOptions(json);
        copy.Should().BeEquivalentTo(original);
        json.Should().Contain("\"period\":\"Week\"");
    }

    [Fact]
    public void CustomerSummaryOptions_MissingMembers_KeepDefaults()
    {
        CustomerSummaryOptions options = RelationshipKitJson.DeserializeCustomerSummaryOptions("{\"timeUnit\":\"Week\"}");
        options.TimeUnit.Should().Be(TimeUnit.Week);
        options.Should().BeEquivalentTo(new CustomerSummaryOptions { TimeUnit = TimeUnit.Week });
    }

    // ---- strictness ----

    [Fact]
    public void DeserializeCustomerSummary_UnknownMember_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(Edit(ValidJson(), "\"frequency\":", "\"surprise\":1,\"frequency\":")))
            .Should().Throw<JsonException>().WithMessage("*surprise*");

    [Fact]
    public void DeserializeCustomerSummary_UnknownNestedMember_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(Edit(ValidJson(), "\"orderCount\":", "\"orders\":3,\"orderCount\":")))
            .Should().Throw<JsonException>();

    [Fact]
    public void DeserializeCustomerSummaryOptions_UnknownMember_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummaryOptions("{\"period\":\"Day\",\"periodd\":\"Day\"}"))
            .Should().Throw<JsonException>();

    [Fact]
    public void DeserializeCustomerSummary_DuplicateProperty_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(Edit(ValidJson(), "\"frequency\":", "\"frequency\":1,\"frequency\":")))
            .Should().Throw<JsonException>();

    [Fact]
    public void DeserializeCustomerSummaryOptions_DuplicateProperty_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummaryOptions("{\"maximumAmount\":5,\"maximumAmount\":5000}"))
            .Should().Throw<JsonException>();

    [Theory]
    [InlineData("2024-01-02T09:30:15")]
    [InlineData("2024-01-02T09:30:15.1234567")]
    [InlineData("2024-01-02")]
    public void DeserializeCustomerSummary_TimestampWithoutOffset_ThrowsJsonException(string timestamp)
    {
        string json = WithFirstPurchase(timestamp);
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(json)).Should().Throw<JsonException>().WithMessage("*offset*");
    }

    [Theory]
    [InlineData("2024-01-02T07:30:15Z")]
    [InlineData("2024-01-02T09:30:15+02:00")]
    public void DeserializeCustomerSummary_TimestampWithOffset_Accepted(string timestamp)
    {
        string json = WithFirstPurchase(timestamp);
        RelationshipKitJson.DeserializeCustomerSummary(json).History!.Value.FirstPurchase.Should().Be(new DateTimeOffset(2024, 1, 2, 7, 30, 15, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("42")]
    [InlineData("null")]
    public void DeserializeCustomerSummary_InvalidCustomerId_ThrowsJsonException(string id)
    {
        string json = Edit(ValidJson(), "\"c-1\"", id);
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(json)).Should().Throw<JsonException>();
    }

    [Fact]
    public void DeserializeCustomerSummary_TooLongCustomerId_ThrowsJsonException()
    {
        string json = Edit(ValidJson(), "\"c-1\"", $"\"{new string('x', CustomerId.MaxLength + 1)}\"");
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(json)).Should().Throw<JsonException>();
    }

    [Fact]
    public void DeserializeCustomerSummary_MissingCustomerId_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary("{\"frequency\":0,\"recency\":0,\"t\":1,\"timeUnit\":\"Day\",\"monetaryValue\":0}"))
            .Should().Throw<JsonException>();

    [Theory]
    [InlineData("t")]
    [InlineData("frequency")]
    [InlineData("recency")]
    [InlineData("timeUnit")]
    [InlineData("monetaryValue")]
    public void DeserializeCustomerSummary_MissingFigure_ThrowsJsonException(string member)
    {
        // A partial payload must not become a plausible summary with zeros filled in.
        JsonObject node = JsonNode.Parse(RelationshipKitJson.Serialize(CustomerSummary.Create(Id("x"), 2, 5, 6, TimeUnit.Week, 1m)))!.AsObject();
        node.Remove(member).Should().BeTrue();
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(node.ToJsonString())).Should().Throw<JsonException>().WithMessage($"*{member}*");
    }

    [Theory]
    [InlineData("history", "orderCount")]
    [InlineData("holdout", "duration")]
    public void DeserializeCustomerSummary_MissingNestedFigure_ThrowsJsonException(string section, string member)
    {
        JsonNode node = JsonNode.Parse(ValidJson())!;
        node[section]!.AsObject().Remove(member).Should().BeTrue();
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(node.ToJsonString())).Should().Throw<JsonException>().WithMessage($"*{member}*");
    }

    [Fact]
    public void DeserializeCustomerSummary_WithoutHistoryAndHoldoutMembers_Accepted()
    {
        CustomerSummary s = RelationshipKitJson.DeserializeCustomerSummary("{\"customerId\":\"x\",\"timeUnit\":\"Day\",\"frequency\":1,\"recency\":2,\"t\":3,\"monetaryValue\":4.5}");
        s.Should().Be(CustomerSummary.Create(Id("x"), 1, 2, 3, TimeUnit.Day, 4.5m));
    }

    [Fact]
    public void DeserializeCustomerSummary_NegativeFrequency_ThrowsJsonException() =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(Edit(ValidJson(), "\"frequency\":2", "\"frequency\":-2")))
            .Should().Throw<JsonException>().WithMessage("*frequency*");

    [Fact]
    public void DeserializeCustomerSummary_TBelowRecency_ThrowsJsonException()
    {
        CustomerSummary s = CustomerSummary.Create(Id("x"), 2, 5, 6, TimeUnit.Day, 1m);
        string json = Edit(RelationshipKitJson.Serialize(s), "\"t\":6", "\"t\":4");
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(json)).Should().Throw<JsonException>().WithMessage("*T*");
    }

    [Theory]
    [InlineData("\"timeUnit\":\"Week\"", "\"timeUnit\":\"Fortnight\"")]
    [InlineData("\"timeUnit\":\"Week\"", "\"timeUnit\":9")]
    [InlineData("\"frequency\":2", "\"frequency\":\"2\"")]
    [InlineData("\"frequency\":2", "\"frequency\":2.5")]
    public void DeserializeCustomerSummary_InvalidValue_ThrowsJsonException(string from, string to) =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(Edit(ValidJson(), from, to))).Should().Throw<JsonException>();

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    public void DeserializeCustomerSummary_NotASummary_ThrowsJsonException(string json) =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(json)).Should().Throw<JsonException>();

    [Theory]
    [InlineData("{\"minimumAmount\":10,\"maximumAmount\":5}", "MinimumAmount")]
    [InlineData("{\"futureTolerance\":\"-00:01:00\"}", "FutureTolerance")]
    [InlineData("{\"timeZoneId\":\"Mars/Olympus_Mons\"}", "TimeZoneId")]
    [InlineData("{\"period\":7}", "Period")]
    [InlineData("{\"timeZoneId\":null}", "TimeZoneId")]
    public void DeserializeCustomerSummaryOptions_InvalidOptions_ThrowsJsonExceptionNamingTheOption(string json, string option) =>
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummaryOptions(json)).Should().Throw<JsonException>().WithMessage($"*{option}*");

    [Fact]
    public void Deserialize_Null_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummary(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RelationshipKitJson.DeserializeCustomerSummaryOptions(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RelationshipKitJson.Serialize((CustomerSummary)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => RelationshipKitJson.Serialize((CustomerSummaryOptions)null!)).Should().Throw<ArgumentNullException>();
    }

    // ---- a host's options ----

    [Fact]
    public void ConfigureForRelationshipKit_HostOptions_RoundTripSummariesAndOptions()
    {
        var host = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        host.ConfigureForRelationshipKit().Should().BeSameAs(host);

        CustomerSummary summary = BuiltWithHistoryAndHoldout();
        string json = JsonSerializer.Serialize(summary, host);
        CustomerSummary copy = JsonSerializer.Deserialize<CustomerSummary>(json, host)!;
        copy.Should().Be(summary);
        copy.History!.Value.FirstPurchase.EqualsExact(summary.History!.Value.FirstPurchase).Should().BeTrue();

        CustomerSummary[] many = [summary, CustomerSummary.Create(Id("y"), 0, 0, 3, TimeUnit.Week)];
        JsonSerializer.Deserialize<CustomerSummary[]>(JsonSerializer.Serialize(many, host), host).Should().Equal(many);

        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Transaction, MaximumAmount = 5m };
        JsonSerializer.Deserialize<CustomerSummaryOptions>(JsonSerializer.Serialize(options, host), host).Should().BeEquivalentTo(options);

        // The host's own types still serialise.
        JsonSerializer.Serialize(new Dictionary<string, int> { ["a"] = 1 }, host).Should().Be("{\"a\":1}");
    }

    [Fact]
    public void ConfigureForRelationshipKit_HostOptions_AreStrict()
    {
        var host = new JsonSerializerOptions().ConfigureForRelationshipKit();
        string json = JsonSerializer.Serialize(BuiltWithHistoryAndHoldout(), host);

        FluentActions.Invoking(() => JsonSerializer.Deserialize<CustomerSummary>(Edit(json, "{", "{\"surprise\":1,"), host)).Should().Throw<JsonException>();
        JsonNode node = JsonNode.Parse(json)!;
        node["History"]!["FirstPurchase"] = "2024-01-02T09:30:15";
        FluentActions.Invoking(() => JsonSerializer.Deserialize<CustomerSummary>(node.ToJsonString(), host)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<CustomerSummary>(Edit(json, "\"Frequency\":", "\"Frequency\":1,\"Frequency\":"), host)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<DateTimeOffset>("\"2024-01-02T09:30:15\"", host)).Should().Throw<JsonException>();
    }

    [Fact]
    public void ConfigureForRelationshipKit_HostOptions_RejectInvalidSummaries()
    {
        var host = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForRelationshipKit();
        CustomerSummary s = CustomerSummary.Create(Id("x"), 2, 5, 6, TimeUnit.Day, 1m);
        string json = JsonSerializer.Serialize(s, host);
        FluentActions.Invoking(() => JsonSerializer.Deserialize<CustomerSummary>(Edit(json, "\"frequency\":2", "\"frequency\":-2"), host)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<CustomerSummary>(Edit(json, "\"t\":6", "\"t\":4"), host)).Should().Throw<JsonException>();
    }

    [Fact]
    public void ConfigureForRelationshipKit_Null_ThrowsArgumentNull() =>
        FluentActions.Invoking(() => RelationshipKitJson.ConfigureForRelationshipKit(null!)).Should().Throw<ArgumentNullException>();

    [Fact]
    public void ConfigureForRelationshipKit_ReadOnlyOptions_ThrowsInvalidOperation()
    {
        var host = new JsonSerializerOptions();
        host.MakeReadOnly(populateMissingResolver: true);
        FluentActions.Invoking(() => host.ConfigureForRelationshipKit()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Options_AreReadOnlyAndStrict()
    {
        RelationshipKitJson.Options.IsReadOnly.Should().BeTrue();
        RelationshipKitJson.Options.AllowDuplicateProperties.Should().BeFalse();
        RelationshipKitJson.Options.UnmappedMemberHandling.Should().Be(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
    }
}
