using System.Globalization;
using System.Text;
using CsCheck;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

/// <summary>
/// The fast route must read exactly what the general route (Sylvan) reads, or give up and leave the file to it:
/// every test compares the two on the same file.
/// </summary>
public sealed class FastTransactionCsvReaderTests : IDisposable
{
    private static readonly TransactionColumnNames Columns = new("customer_id", "date", "amount");
    private static readonly TransactionColumnNames WithOrder = new("customer_id", "date", "amount", "order_id");

    private readonly CliHarness _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void TryLoad_CleanFile_ReadsWhatTheGeneralRouteReads(int workers)
    {
        string path = Write("clean.csv", bom: false, "\n", Header(), Rows(400));

        LoadedTransactions? fast = Fast(path, Columns, workers, minBytes: 256);

        fast.Should().NotBeNull();
        ShouldMatch(fast!, General(path, Columns));
        fast!.Count.Should().Be(400);
    }

    [Fact]
    public void TryLoad_BomCrlfQuotesAndOddFormats_ReadsWhatTheGeneralRouteReads()
    {
        string[] rows =
        [
            "7,2024-03-01,12.34,o1,x",
            "007,20240302,-5,o2,x",
            "\"kunde-ä1\",2024-03-01T10:15:00+01:00,+5.5,\"o,3\",\"a \"\"b\"\"\"",
            "\"a,b\",2024-03-01T09:15:00.5Z,000123.4500,,x",
            "\"say \"\"hi\"\"\",2024-03-01 09:15:00Z,1.5e3, ,x",
            "12345678901234,2024-03-03T23:59:59-05:30, 12.5 ,o4,",
            "customer-with-a-long-id-1,2024-03-04,7.,o5,x",
            "\"z\",2024-03-04,.5,o6,x",
            "7,2024-03-05,2E-2,o1,x,surplus",
            "中文客户,2024-03-05,1234567890123456789.5,o7,x",
        ];
        string path = Write("odd.csv", bom: true, "\r\n", "customer_id,date,amount,order_id,extra", rows);

        LoadedTransactions? fast = Fast(path, WithOrder, workers: 3, minBytes: 32);

        fast.Should().NotBeNull();
        ShouldMatch(fast!, General(path, WithOrder));
    }

    [Fact]
    public void TryLoad_ColumnsInAnotherOrderWithALastLineWithoutLineBreak_ReadsWhatTheGeneralRouteReads()
    {
        string path = _files.PathOf("reordered.csv");
        File.WriteAllText(path, "amount,x,date,customer_id\n1.5,q,2024-01-01,b\n2,q,2024-01-02,a\n3.25,q,2024-01-02,b");

        LoadedTransactions? fast = Fast(path, Columns, workers: 2, minBytes: 8);

        fast.Should().NotBeNull();
        ShouldMatch(fast!, General(path, Columns));
        fast!.Count.Should().Be(3);
    }

    [Fact]
    public void Load_QuotedLineBreaksAcrossRanges_GiveTheGeneralRoutesRows()
    {
        var rows = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            rows.Add(i % 7 == 0 ? $"\"line\nbreak {i % 13}\",2024-01-{1 + (i % 28):00},{i}.5" : $"{i % 37},2024-01-{1 + (i % 28):00},{i}");
        }

        string path = Write("breaks.csv", bom: false, "\n", Header(), rows);

        // Whether the fast route keeps it depends on where the ranges fall; when it does, it must agree.
        LoadedTransactions? fast = Fast(path, Columns, workers: 4, minBytes: 64);
        LoadedTransactions general = General(path, Columns);
        if (fast is not null)
        {
            ShouldMatch(fast, general);
        }

        ShouldMatch(Auto(path, Columns), general);
        general.Count.Should().Be(200);
    }

    [Theory]
    [InlineData("empty id", "a,2024-01-01,1\n ,2024-01-02,2\n")]
    [InlineData("bad date", "a,2024-01-01,1\nb,2024-02-30,2\n")]
    [InlineData("bad amount", "a,2024-01-01,1\nb,2024-01-02,1,5\nc,2024-01-02,1x\n")]
    [InlineData("short line", "a,2024-01-01,1\nb,2024-01-02\n")]
    [InlineData("unterminated quote", "a,2024-01-01,1\n\"b,2024-01-02,2\n")]
    [InlineData("quote inside a field", "a,2024-01-01,1\nb\"c,2024-01-02,2\n")]
    [InlineData("text after a closing quote", "a,2024-01-01,1\n\"b\"c,2024-01-02,2\n")]
    [InlineData("blank line", "a,2024-01-01,1\n\nb,2024-01-02,2\n")]
    [InlineData("lone CR", "a,2024-01-01,1\rb,2024-01-02,2\n")]
    [InlineData("date without offset", "a,2024-01-01,1\nb,2024-01-02T10:00:00,2\n")]
    public void Load_RowTheFastRouteDoubts_GivesTheGeneralRoutesResultOrError(string name, string body)
    {
        string path = _files.PathOf(name.Replace(' ', '-') + ".csv");
        var rows = new StringBuilder("customer_id,date,amount\n");
        for (int i = 0; i < 50; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"c{i},2024-01-01,{i}\n");
        }

        File.WriteAllText(path, rows + body + "z,2024-01-03,3\n");

        Fast(path, Columns, workers: 3, minBytes: 16).Should().BeNull(name);
        string? generalError = ErrorOf(() => General(path, Columns));
        string? autoError = ErrorOf(() => Auto(path, Columns));
        autoError.Should().Be(generalError, name);
        if (generalError is null)
        {
            ShouldMatch(Auto(path, Columns), General(path, Columns));
        }
    }

    [Fact]
    public void Load_BadRowInTheSecondRange_NamesTheFirstBadRowInFileOrder()
    {
        var rows = Rows(300).ToList();
        rows[120] = "x,2024-13-01,1";
        rows[250] = "y,2024-01-01,abc";
        string path = Write("two-bad.csv", bom: false, "\n", Header(), rows);

        Action load = () => Auto(path, Columns);

        load.Should().Throw<CliInputException>().WithMessage("*line 122, column 2 (date)*");
    }

    [Fact]
    public void TryLoad_Utf16File_GivesUpAndTheGeneralRouteReadsIt()
    {
        string path = _files.PathOf("utf16.csv");
        File.WriteAllText(path, "customer_id,date,amount\na,2024-01-01,1\n", Encoding.Unicode);

        Fast(path, Columns, workers: 1, minBytes: 16).Should().BeNull();
        ShouldMatch(Auto(path, Columns), General(path, Columns));
    }

    [Fact]
    public void Load_ColumnBeyondTheFastRoutesReach_GivesTheGeneralRoutesRows()
    {
        string header = string.Join(',', Enumerable.Range(0, 1100).Select(i => $"c{i}")) + ",customer_id,date,amount";
        string filler = string.Join(',', Enumerable.Repeat("x", 1100));
        string path = Write("wide.csv", bom: false, "\n", header, [$"{filler},a,2024-01-01,1", $"{filler},b,2024-01-02,2.5"]);

        Fast(path, Columns, workers: 1).Should().BeNull();
        ShouldMatch(Auto(path, Columns), General(path, Columns));
        Auto(path, Columns).Count.Should().Be(2);
    }

    [Fact]
    public void TryLoad_HeaderOnly_ReadsNoRows()
    {
        string path = _files.PathOf("header.csv");
        File.WriteAllText(path, "customer_id,date,amount");

        LoadedTransactions? fast = Fast(path, Columns, workers: 2, minBytes: 1);

        fast.Should().NotBeNull();
        fast!.Count.Should().Be(0);
        fast.Customers.Should().BeEmpty();
    }

    [Fact]
    public void TryLoad_RandomLogs_ReadWhatTheGeneralRouteReads()
    {
        Gen<string> id = Gen.OneOf(
            Gen.Int[0, 60].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Int[0, 60].Select(i => i.ToString("000", CultureInfo.InvariantCulture)),
            Gen.Long[1_000_000_000L, 1_000_000_060L].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Int[0, 20].Select(i => "kunde-ä" + i),
            Gen.Int[0, 20].Select(i => "customer-with-a-long-id-" + i),
            Gen.Int[0, 5].Select(i => "a,\"b\" " + i));
        Gen<string> date = Gen.OneOf(
            Gen.Int[1, 28].Select(d => $"2024-02-{d:00}"),
            Gen.Int[1, 28].Select(d => $"202402{d:00}"),
            Gen.Int[1, 28].Select(d => $"2024-02-{d:00}T10:15:00+01:00"),
            Gen.Int[0, 23].Select(h => $"2024-02-03T{h:00}:00:00.25Z"));
        Gen<string> amount = Gen.OneOf(
            Gen.Int[-500, 50_000].Select(c => (c / 100m).ToString(CultureInfo.InvariantCulture)),
            Gen.Int[0, 99].Select(c => $"{c}.{c % 10}0"),
            Gen.Int[0, 99].Select(c => $"+{c}"),
            Gen.Int[0, 9].Select(c => $"{c}e2"));
        Gen<string> order = Gen.OneOf(Gen.Const(string.Empty), Gen.Const(" "), Gen.Int[0, 30].Select(i => "o" + i));
        Gen<(string Id, string Date, string Amount, string Order, bool Quote)> row = Gen.Select(id, date, amount, order, Gen.Bool);
        Gen.Select(row.List[1, 120], Gen.Bool, Gen.Bool, Gen.Int[1, 4]).Sample(
            (rows, bom, crlf, workers) =>
            {
                var lines = rows.Select(r =>
                    $"{Field(r.Id, r.Quote)},{Field(r.Date, r.Quote)},{Field(r.Amount, false)},{Field(r.Order, r.Quote)}");
                string path = Write($"random-{Guid.NewGuid():N}.csv", bom, crlf ? "\r\n" : "\n", "customer_id,date,amount,order_id", lines);
                LoadedTransactions? fast = Fast(path, WithOrder, workers, minBytes: 40);
                fast.Should().NotBeNull();
                ShouldMatch(fast!, General(path, WithOrder));
            },
            iter: 150);
    }

    private static string Field(string value, bool quote) =>
        quote || value.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Header() => "customer_id,date,amount";

    private static IEnumerable<string> Rows(int count)
    {
        var random = new Random(11);
        for (int i = 0; i < count; i++)
        {
            int customer = random.Next(90);
            yield return string.Create(CultureInfo.InvariantCulture, $"{customer},2024-{1 + (i / 30 % 12):00}-{1 + (i % 28):00},{random.Next(1, 10_000) / 100m}");
        }
    }

    private string Write(string name, bool bom, string newline, string header, IEnumerable<string> rows)
    {
        string path = _files.PathOf(name);
        File.WriteAllText(path, string.Join(newline, rows.Prepend(header)) + newline, new UTF8Encoding(bom));
        return path;
    }

    private static LoadedTransactions? Fast(string path, TransactionColumnNames names, int workers, long minBytes = FastTransactionCsvReader.MinBytesPerWorker)
    {
        using CsvInput input = CsvInput.Open(path);
        int[] ordinals =
        [
            input.ColumnOf(names.Customer, "--customer-column"),
            input.ColumnOf(names.Date, "--date-column"),
            input.ColumnOf(names.Amount, "--amount-column"),
            names.Order is null ? -1 : input.ColumnOf(names.Order, "--order-column"),
        ];
        return FastTransactionCsvReader.TryLoad(input, ordinals, Progress.For(TextWriter.Null), workers, out _, minBytes);
    }

    private static LoadedTransactions General(string path, TransactionColumnNames names)
    {
        using CsvInput input = CsvInput.Open(path);
        return TransactionCsvLoader.Load(input, names, Progress.For(TextWriter.Null), TransactionLoadRoute.General);
    }

    private static LoadedTransactions Auto(string path, TransactionColumnNames names)
    {
        using CsvInput input = CsvInput.Open(path);
        return TransactionCsvLoader.Load(input, names, Progress.For(TextWriter.Null));
    }

    private static string? ErrorOf(Action load)
    {
        try
        {
            load();
            return null;
        }
        catch (CliInputException ex)
        {
            return ex.Message;
        }
    }

    private static void ShouldMatch(LoadedTransactions actual, LoadedTransactions expected)
    {
        actual.Count.Should().Be(expected.Count);
        actual.Customers.Select(c => c.Value).Should().Equal(expected.Customers.Select(c => c.Value));
        actual.AsColumns().CustomerIndex.ToArray().Should().Equal(expected.AsColumns().CustomerIndex.ToArray());
        actual.AsColumns().OccurredAt.ToArray().Select(t => (t.Ticks, t.Offset)).Should().Equal(expected.AsColumns().OccurredAt.ToArray().Select(t => (t.Ticks, t.Offset)));

        // Decimal equality ignores the scale; the text keeps it (12.50 is not 12.5 here).
        actual.AsColumns().Amounts.ToArray().Select(a => a.ToString(CultureInfo.InvariantCulture))
            .Should().Equal(expected.AsColumns().Amounts.ToArray().Select(a => a.ToString(CultureInfo.InvariantCulture)));
        actual.AsColumns().OrderIds.ToArray().Should().Equal(expected.AsColumns().OrderIds.ToArray());
    }
}
