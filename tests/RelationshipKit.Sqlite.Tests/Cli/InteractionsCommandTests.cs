using System.CommandLine;
using System.Text;
using RelationshipKit.Cli.Commands;

namespace RelationshipKit.Sqlite.Tests.Cli;

public sealed class InteractionsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Import_GoodAndBadLines_KeepsTheGoodReportsTheBadExitsTwo_AndIsIdempotent()
    {
        string db = _folder.File("cli.db");
        string input = Write("in.ndjson", Line("a", "c1"), Line("b", "c1").Replace("\"purchase\"", "\"teleport\"", StringComparison.Ordinal), Line("c", "c2"));
        (int code, string output, string error) = Run("interactions", "import", "--db", db, "--ndjson", input);
        code.Should().Be(2);
        error.Should().Contain("line 2: kind:");
        output.Should().Contain("3 lines read, 2 appended");

        (code, output, _) = Run("interactions", "import", "--db", db, "--ndjson", Write("good.ndjson", Line("a", "c1"), Line("c", "c2")));
        code.Should().Be(0);
        output.Should().Contain("0 appended, 2 already stored");
    }

    [Fact]
    public void Export_ThenImportElsewhere_ThenExport_GivesTheSameFile_AndOneCustomer()
    {
        string db = _folder.File("source.db");
        Run("interactions", "import", "--db", db, "--ndjson", Write("in.ndjson", Line("a", "c1"), Line("b", "c2"), Line("c", "c1"))).Code.Should().Be(0);
        string first = _folder.File("first.ndjson");
        (int code, string output, _) = Run("interactions", "export", "--db", db, "--ndjson", first);
        code.Should().Be(0);
        output.Should().Contain("3 interactions exported");

        string copy = _folder.File("copy.db");
        Run("interactions", "import", "--db", copy, "--ndjson", first).Code.Should().Be(0);
        string second = _folder.File("second.ndjson");
        Run("interactions", "export", "--db", copy, "--ndjson", second).Code.Should().Be(0);
        File.ReadAllBytes(second).Should().Equal(File.ReadAllBytes(first));

        string one = _folder.File("one.ndjson");
        Run("interactions", "export", "--db", db, "--customer", "c1", "--ndjson", one).Code.Should().Be(0);
        File.ReadAllLines(one).Should().HaveCount(2).And.OnlyContain(l => l.Contains("\"customerId\":\"c1\"", StringComparison.Ordinal));
        Directory.GetFiles(_folder.Path, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void Erase_RemovesTheCustomer_AndAReplayIsNotStored()
    {
        string db = _folder.File("erase.db");
        string input = Write("in.ndjson", Line("a", "gone"), Line("b", "kept"));
        Run("interactions", "import", "--db", db, "--ndjson", input).Code.Should().Be(0);
        (int code, string output, _) = Run("interactions", "erase", "--db", db, "--customer", "gone");
        code.Should().Be(0);
        output.Should().Contain("1 records erased").And.Contain("scrubbed: yes");
        (code, output, _) = Run("interactions", "import", "--db", db, "--ndjson", input);
        code.Should().Be(0);
        output.Should().Contain("1 refused (erased)");
        string all = _folder.File("all.ndjson");
        Run("interactions", "export", "--db", db, "--ndjson", all).Code.Should().Be(0);
        File.ReadAllText(all).Should().NotContain("gone");
    }

    [Theory]
    [InlineData("import", "missing.ndjson", null)]
    [InlineData("export", null, "c1")]
    [InlineData("erase", null, "c1")]
    [InlineData("erase", null, " ")]
    [InlineData("export", null, " ")]
    public void BadInput_ExitsTwoWithAMessage(string verb, string? ndjson, string? customer)
    {
        string db = _folder.File(verb == "import" ? "new.db" : "absent.db");
        if (customer == " ")
        {
            Run("interactions", "import", "--db", db, "--ndjson", Write("seed.ndjson", Line("a", "c1"))).Code.Should().Be(0);
        }

        var args = new List<string> { "interactions", verb, "--db", db };
        if (verb != "erase")
        {
            args.AddRange(["--ndjson", ndjson is null ? _folder.File("out.ndjson") : _folder.File(ndjson)]);
        }

        if (customer is not null)
        {
            args.AddRange(["--customer", customer]);
        }

        (int code, _, string error) = Run([.. args]);
        code.Should().Be(2);
        error.Should().StartWith("relkit: ");
    }

    [Fact]
    public void Import_DatabaseThatIsNotSqlite_ExitsOne()
    {
        string db = _folder.File("garbage.db");
        File.WriteAllText(db, new string('x', 8192));
        (int code, _, string error) = Run("interactions", "import", "--db", db, "--ndjson", Write("in.ndjson", Line("a", "c1")));
        code.Should().Be(1);
        error.Should().StartWith("relkit: ");
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test") { InteractionsCommand.Create() };
        ParseResult parse = root.Parse(args);
        parse.Errors.Should().BeEmpty();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string Line(string id, string customer) =>
        $$"""{"id":"{{id}}","customerId":"{{customer}}","kind":"purchase","channel":"web","direction":"inbound","occurredAt":"2024-05-30T10:00:00+02:00","amount":9.90}""";

    private string Write(string name, params string[] lines)
    {
        string path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }
}
