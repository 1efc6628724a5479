using RelationshipKit.Cli.Commands;

namespace RelationshipKit.Tests.Cli;

public sealed class ResolveCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("relkit-resolve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Known =
        "1,Ana,Oyelaran,ana.oyelaran@proton.me,1980-05-17\n" +
        "2,Anna,Oyelaran,ana.oyelaran@proton.me,17/05/1980\n" +
        "3,Bo,Zhang,bo.zhang@mail.net,1975-01-02\n";

    // Training needs a population: pad the known rows with generated people (distinct from them).
    private static readonly string People = "id,first,last,email,dob\n" + Known + string.Concat(
        RelationshipKit.Identification.SyntheticIdentityGenerator.Generate(800, 99, 0.1).Select((s, i) =>
            $"p{i},{s.Record.GivenName},{s.Record.FamilyName},{s.Record.Email},{s.Record.BirthDate?.Replace(",", string.Empty, StringComparison.Ordinal)}\n"));

    [Fact]
    public void Run_MappedColumns_WritesOneRowPerRecord()
    {
        string input = Write("people.csv", People);
        string output = Path.Combine(_dir, "out.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ResolveCommand.Run([input], "id", ["first=given_name", "last=family_name", "email=email", "dob=birth_date"], null, output, null, stdout, stderr);

        code.Should().Be(ResolveCommand.Ok, stderr.ToString());
        string[] lines = File.ReadAllLines(output);
        lines[0].Should().Be("record_id,customer_id");
        lines.Should().HaveCount(804);
        var customer = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);
        customer["1"].Should().Be(customer["2"]);
        customer["3"].Should().NotBe(customer["1"]);
    }

    [Fact]
    public void Run_TwoFilesWithoutMap_LinksAcrossFilesAsText()
    {
        string padding = string.Concat(RelationshipKit.Identification.SyntheticIdentityGenerator.Generate(600, 5, 0.1)
            .Select((s, i) => $"q{i},{s.Record.GivenName} {s.Record.FamilyName},{s.Record.Email}\n"));
        string a = Write("a.csv", "id,name,email\n1,Ana Oyelaran,ana.oyelaran@proton.me\n2,Bo Zhang,bo@mail.net\n" + padding);
        string b = Write("b.csv", "id,name,email\n9,Ana Oyelaran,ana.oyelaran@proton.me\n8,Carla Mendes,carla@web.de\n");
        var stdout = new StringWriter();
        int code = ResolveCommand.Run([a, b], "id", [], null, null, null, stdout, new StringWriter());
        code.Should().Be(ResolveCommand.Ok);
        var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim().Split(',')).ToList();
        rows.Should().HaveCount(604);
        rows.Single(r => r[0] == "1")[1].Should().Be(rows.Single(r => r[0] == "9")[1]);
    }

    [Fact]
    public void Run_Explain_PrintsEvidence()
    {
        string input = Write("people.csv", People);
        var stdout = new StringWriter();
        int code = ResolveCommand.Run([input], "id", ["first=given_name", "last=family_name", "email=email", "dob=birth_date"], 0.5, null, ["1", "2"], stdout, new StringWriter());
        code.Should().Be(ResolveCommand.Ok);
        stdout.ToString().Should().Contain("records/1 vs records/2").And.Contain("Email").And.Contain("probability");
    }

    [Theory]
    [InlineData("id,first\n1,Ana\n,Bo\n", "line 3")]
    [InlineData("id,first\n1,Ana\n1,Bo\n", "line 3")]
    [InlineData("key,first\n1,Ana\n", "line 1")]
    public void Run_BadFile_ExitsTwoWithLine(string text, string where)
    {
        string input = Write("bad.csv", text);
        var stderr = new StringWriter();
        ResolveCommand.Run([input], "id", [], null, null, null, new StringWriter(), stderr).Should().Be(ResolveCommand.BadInput);
        stderr.ToString().Should().Contain(where);
    }

    [Fact]
    public void Run_BadArguments_ExitTwo()
    {
        string input = Write("people.csv", People);
        ResolveCommand.Run([input], "id", ["first=shoe_size"], null, null, null, new StringWriter(), new StringWriter()).Should().Be(ResolveCommand.BadInput);
        ResolveCommand.Run([input], "id", [], 1.5, null, null, new StringWriter(), new StringWriter()).Should().Be(ResolveCommand.BadInput);
        ResolveCommand.Run([Path.Combine(_dir, "missing.csv")], "id", [], null, null, null, new StringWriter(), new StringWriter()).Should().Be(ResolveCommand.BadInput);
        ResolveCommand.Run([input], "id", [], null, null, ["1", "404"], new StringWriter(), new StringWriter()).Should().Be(ResolveCommand.BadInput);
    }
}
