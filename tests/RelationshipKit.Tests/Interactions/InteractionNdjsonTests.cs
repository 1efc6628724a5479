using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Interactions;
using static RelationshipKit.Tests.Interactions.InteractionTestData;

namespace RelationshipKit.Tests.Interactions;

public sealed class InteractionNdjsonTests
{
    private const string Good = """{"id":"i1","customerId":"c1","kind":"purchase","channel":"web","direction":"inbound","occurredAt":"2024-05-30T10:00:00+02:00"}""";

    private readonly FakeTimeProvider _time = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The bad-input table: each line breaks one field; the error must name it.</summary>
    public static TheoryData<string, string> BadLines => new()
    {
        { With("\"id\":\"i1\"", "\"id\":\"\""), "id" },
        { With("\"id\":\"i1\"", "\"id\":\"   \""), "id" },
        { With("\"id\":\"i1\",", string.Empty), "id" },
        { With("\"id\":\"i1\"", "\"id\":17"), "id" },
        { With("\"id\":\"i1\"", "\"id\":\"" + new string('k', 129) + "\""), "id" },
        { With("\"id\":\"i1\"", "\"id\":\"a\\ud800b\""), "id" },
        { With("\"customerId\":\"c1\"", "\"customerId\":\"\""), "customerId" },
        { With("\"customerId\":\"c1\"", "\"customerId\":\"" + new string('c', 257) + "\""), "customerId" },
        { With("\"customerId\":\"c1\"", "\"customerId\":null"), "customerId" },
        { With("\"kind\":\"purchase\"", "\"kind\":\"teleport\""), "kind" },
        { With("\"kind\":\"purchase\"", "\"kind\":\"Purchase\""), "kind" },
        { With("\"channel\":\"web\"", "\"channel\":\"e-mail\""), "channel" },
        { With("\"direction\":\"inbound\"", "\"direction\":\"sideways\""), "direction" },
        { With("\"direction\":\"inbound\"", "\"direction\":1"), "direction" },
        { With("2024-05-30T10:00:00+02:00", "2024-05-30T10:00:00"), "occurredAt" },
        { With("2024-05-30T10:00:00+02:00", "2024-05-30"), "occurredAt" },
        { With("2024-05-30T10:00:00+02:00", "yesterday"), "occurredAt" },
        { With("2024-05-30T10:00:00+02:00", "2099-01-01T00:00:00Z"), "occurredAt" },
        { With("2024-05-30T10:00:00+02:00", "1850-01-01T00:00:00Z"), "occurredAt" },
        { With("\"occurredAt\":\"2024-05-30T10:00:00+02:00\"", "\"occurredAt\":1717056000"), "occurredAt" },
        { Add("\"amount\":\"10\""), "amount" },
        { Add("\"amount\":1e40"), "amount" },
        { Add("\"rating\":4.5"), "rating" },
        { Add("\"rating\":11"), "rating" },
        { Add("\"rating\":\"5\""), "rating" },
        { Add("\"sentiment\":2"), "sentiment" },
        { Add("\"sentiment\":\"good\""), "sentiment" },
        { Add("\"campaign\":\"" + new string('c', 257) + "\""), "campaign" },
        { Add("\"campaign\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"), "campaign" },
        { Add("\"outcome\":\"" + new string('o', 257) + "\""), "outcome" },
        { Add("\"attributes\":{\"note\":\"" + new string('n', 4097) + "\"}"), "attributes.note" },
        { Add("\"attributes\":{\"x\":{\"y\":\"z\"}}"), "attributes.x" },
        { Add("\"attributes\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}"), "attributes.a" },
        { Add("\"attributes\":[\"a\"]"), "attributes" },
        { Add("\"attributes\":{\"n\":1}"), "attributes.n" },
        { Add("\"attributes\":{\"k\":\"1\",\"k\":\"2\"}"), "attributes.k" },
        { Add("\"id\":\"i2\""), "id" },
        { Add("\"kind\":\"purchase\""), "kind" },
        { Add("\"foo\":1"), "foo" },
        { "[1,2]", "$" },
        { "\"just a string\"", "$" },
        { Good + " {}", "$" },
        { "{\"id\":\"i1\",", "$" },
        { new string('[', 100) + new string(']', 100), "$" },
        { "{\"id\":\"i1\" // comment\n}", "$" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void ParseLine_MalformedField_ThrowsTheLibrarysErrorNamingIt(string line, string field)
    {
        var ndjson = new InteractionNdjson(null, _time);
        Action act = () => ndjson.ParseLine(line);
        InvalidInteractionException ex = act.Should().Throw<InvalidInteractionException>().Which;
        ex.FieldName.Should().Be(field, ex.Reason);
        ex.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("customerId", "\"customerId\":\"c1\"", "\"customerId\":\"c\xFF\xFE\"")]
    [InlineData("attributes.note", "\"id\":\"i1\"", "\"id\":\"i1\",\"attributes\":{\"note\":\"bad \xC3\x28 byte\"}")]
    [InlineData("id", "\"id\":\"i1\"", "\"id\":\"\xED\xA0\x80\"")]
    public void ParseLine_InvalidUtf8_ThrowsNamingTheField(string field, string find, string replaceLatin1)
    {
        byte[] line = Encoding.Latin1.GetBytes(Good.Replace(find, replaceLatin1, StringComparison.Ordinal));
        var ndjson = new InteractionNdjson(null, _time);
        Action act = () => ndjson.ParseLine(line);
        act.Should().Throw<InvalidInteractionException>().Which.FieldName.Should().Be(field);
    }

    [Fact]
    public void ParseLine_LineLongerThanTheLimit_ThrowsForTheLine()
    {
        var ndjson = new InteractionNdjson(new InteractionOptions { MaxLineBytes = 1024 }, _time);
        Action act = () => ndjson.ParseLine(Add("\"campaign\":\"" + new string('c', 1100) + "\""));
        act.Should().Throw<InvalidInteractionException>().Which.FieldName.Should().Be("$");
    }

    [Fact]
    public void ParseLine_EveryField_ReadsTheIssueShape()
    {
        var ndjson = new InteractionNdjson(null, _time);
        Interaction i = ndjson.ParseLine("""
            {"id":"k-9","customerId":"c 7","kind":"campaignOpened","channel":"contactCentre","direction":"outbound","occurredAt":"2024-03-01T08:30:15.25-05:00","amount":12.50,"campaign":"spring","outcome":"sold","rating":7,"sentiment":-0.5,"attributes":{"b":"2","a":"1"}}
            """);
        i.Should().Be(new Interaction(
            "k-9",
            C("c 7"),
            InteractionKind.CampaignOpened,
            Channel.ContactCentre,
            InteractionDirection.Outbound,
            new DateTimeOffset(2024, 3, 1, 8, 30, 15, 250, TimeSpan.FromHours(-5)),
            12.50m,
            "spring",
            "sold",
            7,
            -0.5,
            new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        i.OccurredAt.Offset.Should().Be(TimeSpan.FromHours(-5));
    }

    [Fact]
    public void ParseLine_OptionalFieldsNull_AreAbsent()
    {
        var ndjson = new InteractionNdjson(null, _time);
        Interaction i = ndjson.ParseLine(Add("\"amount\":null,\"campaign\":null,\"outcome\":null,\"rating\":null,\"sentiment\":null,\"attributes\":null"));
        i.Should().Be(ndjson.ParseLine(Good));
    }

    [Fact]
    public void ParseLine_CustomKindDeclared_IsAccepted()
    {
        var ndjson = new InteractionNdjson(new InteractionOptions { CustomKinds = { "warrantyClaim" } }, _time);
        ndjson.ParseLine(With("\"kind\":\"purchase\"", "\"kind\":\"warrantyClaim\"")).Kind.Name.Should().Be("warrantyClaim");
    }

    [Fact]
    public void FormatLine_WritesTheIssueShape()
    {
        Interaction i = Make("i1", at: new DateTimeOffset(2024, 5, 30, 10, 0, 0, TimeSpan.FromHours(2)), amount: 12.50m);
        InteractionNdjson.FormatLine(i).Should().Be(
            """{"id":"i1","customerId":"c1","kind":"purchase","channel":"web","direction":"inbound","occurredAt":"2024-05-30T10:00:00+02:00","amount":12.50}""");
        Interaction utc = Make("i2", at: new DateTimeOffset(2024, 5, 30, 10, 0, 0, 500, TimeSpan.Zero), campaign: "c", outcome: "o", rating: 3, sentiment: 0.25,
            attributes: [new("z", "é\"\n"), new("a", "1")], direction: InteractionDirection.Outbound);
        InteractionNdjson.FormatLine(utc).Should().Be(
            """{"id":"i2","customerId":"c1","kind":"purchase","channel":"web","direction":"outbound","occurredAt":"2024-05-30T10:00:00.5Z","campaign":"c","outcome":"o","rating":3,"sentiment":0.25,"attributes":{"a":"1","z":"é\"\n"}}""");
        Action act = () => InteractionNdjson.FormatLine(null!);
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void FormatLine_ThenParseLine_GivesTheSameInteraction()
    {
        var ndjson = new InteractionNdjson(null, _time);
        Interaction full = Full("f1");
        ndjson.ParseLine(InteractionNdjson.FormatLine(full)).Should().Be(full);
    }

    [Fact]
    public async Task ImportAsync_MixedFile_KeepsGoodLinesAndReportsEachBadLineWithNumberAndField()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(new InteractionOptions { ImportBatchSize = 2 }, _time);
        string text = string.Join("\n",
            Line("a"),
            "{\"id\":\"b\"",
            string.Empty,
            Line("c").Replace("\"web\"", "\"e-mail\"", StringComparison.Ordinal),
            Line("d") + "\r",
            "   ",
            Line("e").Replace("+02:00", string.Empty, StringComparison.Ordinal),
            Line("f"));
        InteractionImportResult result = await ndjson.ImportAsync(Utf8(text), store, Ct);
        result.LinesRead.Should().Be(8);
        result.Appended.Should().Be(3);
        result.Errors.Select(e => (e.LineNumber, e.Field)).Should().Equal((2L, "$"), (4L, "channel"), (7L, "occurredAt"));
        result.Errors[1].ToString().Should().StartWith("line 4: channel: ");
        result.HasErrors.Should().BeTrue();
        (await ToListAsync(store.ReadAllAsync(default, Ct))).Select(i => i.Id).Should().Equal("a", "d", "f");
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_StoresEachInteractionOnce()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(new InteractionOptions { ImportBatchSize = 3 }, _time);
        string text = string.Join("\n", Enumerable.Range(0, 10).Select(n => Line($"i{n}", $"c{n % 3}"))) + "\n";
        (await ndjson.ImportAsync(Utf8(text), store, Ct)).Appended.Should().Be(10);
        InteractionImportResult again = await ndjson.ImportAsync(Utf8(text), store, Ct);
        again.Appended.Should().Be(0);
        again.AlreadyAppended.Should().Be(10);
        again.HasErrors.Should().BeFalse();
        store.Count.Should().Be(10);
    }

    [Fact]
    public async Task ImportAsync_AfterAnInterruptedImport_EachInteractionExactlyOnce()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(new InteractionOptions { ImportBatchSize = 4 }, _time);
        string text = string.Join("\n", Enumerable.Range(0, 25).Select(n => Line($"i{n}", $"c{n % 4}"))) + "\n";
        byte[] all = Encoding.UTF8.GetBytes(text);
        byte[] cut = all[..(all.Length / 2)]; // ends part-way through a line, as if the writer died
        InteractionImportResult partial = await ndjson.ImportAsync(new MemoryStream(cut), store, Ct);
        partial.Errors.Should().ContainSingle().Which.Field.Should().Be("$");
        InteractionImportResult full = await ndjson.ImportAsync(new MemoryStream(all), store, Ct);
        full.HasErrors.Should().BeFalse();
        (full.Appended + partial.Appended).Should().Be(25);
        store.Count.Should().Be(25);
    }

    [Fact]
    public async Task ImportAsync_ConflictingLine_IsReportedAndTheRestOfItsBatchKept()
    {
        var store = new InMemoryInteractionStore(null, _time);
        await store.AppendAsync(Make("x", at: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), null, Ct);
        var ndjson = new InteractionNdjson(null, _time);
        string text = string.Join("\n", Line("a"), Line("x"), Line("b"), Line("a").Replace("\"c1\"", "\"c2\"", StringComparison.Ordinal));
        InteractionImportResult result = await ndjson.ImportAsync(Utf8(text), store, Ct);
        result.Errors.Select(e => (e.LineNumber, e.Field)).Should().Equal((2L, "id"), (4L, "id"));
        result.Appended.Should().Be(2);
        (await store.FindAsync("a", Ct))!.CustomerId.Should().Be(C("c1"));
    }

    [Fact]
    public async Task ImportAsync_ErasedKeys_AreCountedNotStored()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(null, _time);
        string text = string.Join("\n", Line("a", "gone"), Line("b", "kept"));
        await ndjson.ImportAsync(Utf8(text), store, Ct);
        await store.EraseAsync(C("gone"), Ct);
        InteractionImportResult again = await ndjson.ImportAsync(Utf8(text), store, Ct);
        again.Erased.Should().Be(1);
        again.AlreadyAppended.Should().Be(1);
        (await store.FindAsync("a", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task ImportAsync_ByteOrderMarkAndOverLongLinesAcrossBufferBoundaries()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(new InteractionOptions { MaxLineBytes = 2048 }, _time);
        var text = new StringBuilder();
        text.Append('\uFEFF').Append(Line("first")).Append('\n');
        for (int n = 0; n < 3000; n++)
        {
            text.Append(n == 1500 ? Line("long").Replace("\"web\"", "\"web\",\"campaign\":\"" + new string('x', 200_000) + "\"", StringComparison.Ordinal) : Line($"n{n}", $"c{n % 50}"));
            text.Append('\n');
        }

        InteractionImportResult result = await ndjson.ImportAsync(Utf8(text.ToString()), store, Ct);
        result.Errors.Should().ContainSingle().Which.Should().Be(new InteractionImportError(1502, "$", "The line is longer than 2048 bytes."));
        result.Appended.Should().Be(3000);
        (await store.FindAsync("first", Ct)).Should().NotBeNull();
        (await store.FindAsync("n2999", Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task ExportAsync_ThenImportIntoAnEmptyStore_ExportsTheSameBytes()
    {
        var source = new InMemoryInteractionStore(null, _time);
        await source.AppendBatchAsync(
            [Full("f1", "amy"), Make("p1", "bob", amount: -3m), Make("p2", "amy", at: Now.AddHours(-3).ToOffset(TimeSpan.FromHours(9))), Full("f2", "cid with spaces")],
            null,
            Ct);
        var first = new MemoryStream();
        (await InteractionNdjson.ExportAsync(source, first, null, Ct)).Should().Be(4);

        var target = new InMemoryInteractionStore(null, _time);
        InteractionImportResult imported = await new InteractionNdjson(null, _time).ImportAsync(new MemoryStream(first.ToArray()), target, Ct);
        imported.Appended.Should().Be(4);
        imported.HasErrors.Should().BeFalse();
        var second = new MemoryStream();
        await InteractionNdjson.ExportAsync(target, second, null, Ct);
        Encoding.UTF8.GetString(second.ToArray()).Should().Be(Encoding.UTF8.GetString(first.ToArray()));
        (await ToListAsync(target.ReadAllAsync(default, Ct))).Should().Equal(await ToListAsync(source.ReadAllAsync(default, Ct)));
    }

    [Fact]
    public async Task ExportAsync_OneCustomer_WritesOnlyTheirLines()
    {
        var store = new InMemoryInteractionStore(null, _time);
        await store.AppendBatchAsync([Make("a", "c1"), Make("b", "c2"), Make("c", "c1")], null, Ct);
        var output = new MemoryStream();
        (await InteractionNdjson.ExportAsync(store, output, C("c1"), Ct)).Should().Be(2);
        string[] lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        lines.Should().HaveCount(3);
        lines[2].Should().BeEmpty();
        lines[0].Should().Contain("\"id\":\"a\"");
        lines[1].Should().Contain("\"id\":\"c\"");
    }

    [Fact]
    public async Task ImportAndExport_InvalidArguments_Throw()
    {
        var store = new InMemoryInteractionStore(null, _time);
        var ndjson = new InteractionNdjson(null, _time);
        Func<Task> nullSource = () => ndjson.ImportAsync(null!, store, Ct);
        await nullSource.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> nullStore = () => ndjson.ImportAsync(new MemoryStream(), null!, Ct);
        await nullStore.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> nullDestination = () => InteractionNdjson.ExportAsync(store, null!, null, Ct);
        await nullDestination.Should().ThrowAsync<ArgumentNullException>();
        Func<Task> defaultCustomer = () => InteractionNdjson.ExportAsync(store, new MemoryStream(), default(CustomerId), Ct);
        await defaultCustomer.Should().ThrowAsync<ArgumentException>();
        Action nullLine = () => ndjson.ParseLine((string)null!);
        nullLine.Should().Throw<ArgumentNullException>();
        Action badOptions = () => _ = new InteractionNdjson(new InteractionOptions { ImportBatchSize = 0 });
        badOptions.Should().Throw<OptionsValidationException>().WithMessage("*ImportBatchSize*");
    }

    private static string With(string find, string replace) => Good.Replace(find, replace, StringComparison.Ordinal);

    private static string Add(string property) => Good[..^1] + "," + property + "}";

    private static string Line(string id, string customer = "c1") =>
        $$"""{"id":"{{id}}","customerId":"{{customer}}","kind":"purchase","channel":"web","direction":"inbound","occurredAt":"2024-05-30T10:00:00+02:00"}""";

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
