using System.CommandLine;
using System.Globalization;
using RelationshipKit.Identification;
using Sylvan.Data.Csv;

namespace RelationshipKit.Cli.Commands;

/// <summary>
/// <c>relkit resolve --records FILE [--records FILE2] --id-column C [--map column=kind ...] [--threshold P] [--out FILE] [--explain ID1 ID2]</c>:
/// resolves the records of one or two CSV files to customers and writes <c>record_id,customer_id</c>.
/// Exit codes: 0 done, 2 bad input (the message gives file, line and column), 1 failure.
/// </summary>
internal static class ResolveCommand
{
    internal const int Ok = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    private static readonly Dictionary<string, IdentityField?> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["given_name"] = IdentityField.GivenName,
        ["family_name"] = IdentityField.FamilyName,
        ["full_name"] = IdentityField.FullName,
        ["email"] = IdentityField.Email,
        ["phone"] = IdentityField.Phone,
        ["birth_date"] = IdentityField.BirthDate,
        ["street_number"] = IdentityField.StreetNumber,
        ["street"] = IdentityField.Street,
        ["street2"] = IdentityField.Street2,
        ["locality"] = IdentityField.Locality,
        ["postcode"] = IdentityField.Postcode,
        ["region"] = IdentityField.Region,
        ["country"] = IdentityField.Country,
        ["national_id"] = IdentityField.NationalId,
        ["external_id"] = null,
    };

    private static readonly DateTimeOffset Observed = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var records = new Option<string[]>("--records") { Description = "A CSV file of records (give it twice to link two files).", Required = true, Arity = ArgumentArity.OneOrMore };
        var idColumn = new Option<string>("--id-column") { Description = "The column holding each record's id.", Required = true };
        var map = new Option<string[]>("--map") { Description = "column=kind, kinds: " + string.Join(", ", Kinds.Keys) + ". Without it every other column is compared as text.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<double?>("--threshold") { Description = "Match probability threshold in (0, 1); default 0.9." };
        var output = new Option<string?>("--out") { Description = "Output CSV (record_id,customer_id); standard output when absent." };
        var explain = new Option<string[]>("--explain") { Description = "Print the evidence for the pair ID1 ID2.", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var command = new Command("resolve", "Resolve records to customers (deduplicate one file, or link and deduplicate two).")
        {
            records, idColumn, map, threshold, output, explain,
        };
        command.SetAction(parse => Run(
            parse.GetValue(records) ?? [],
            parse.GetValue(idColumn)!,
            parse.GetValue(map) ?? [],
            parse.GetValue(threshold),
            parse.GetValue(output),
            parse.GetValue(explain),
            Console.Out,
            Console.Error));
        return command;
    }

    internal static int Run(string[] files, string idColumn, string[] maps, double? threshold, string? outPath, string[]? explain, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (files.Length is 0 or > 2)
            {
                return Bad(stderr, $"--records: give one or two files; {files.Length} given.");
            }

            if (threshold is { } t && !(t > 0 && t < 1))
            {
                return Bad(stderr, $"--threshold: must be greater than 0 and less than 1; it is {t.ToString(CultureInfo.InvariantCulture)}.");
            }

            var mapping = new Dictionary<string, IdentityField?>(StringComparer.Ordinal);
            foreach (string m in maps)
            {
                int eq = m.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == m.Length - 1)
                {
                    return Bad(stderr, $"--map: '{m}' must have the form column=kind.");
                }

                string kind = m[(eq + 1)..];
                if (!Kinds.TryGetValue(kind, out IdentityField? field))
                {
                    return Bad(stderr, $"--map: unknown kind '{kind}' in '{m}'; kinds are {string.Join(", ", Kinds.Keys)}.");
                }

                mapping[m[..eq]] = field;
            }

            var all = new List<IdentityRecord>();
            var attributeColumns = new List<string>();
            for (int f = 0; f < files.Length; f++)
            {
                string? error = Read(files[f], files.Length == 1 ? "records" : "file" + (f + 1).ToString(CultureInfo.InvariantCulture), idColumn, mapping, all, attributeColumns);
                if (error is not null)
                {
                    return Bad(stderr, error);
                }
            }

            var options = new IdentificationOptions();
            if (threshold is { } p)
            {
                options.MatchThreshold = p;
            }

            if (mapping.Count == 0)
            {
                if (attributeColumns.Count == 0)
                {
                    return Bad(stderr, $"{files[0]} line 1: no column besides '{idColumn}' to compare.");
                }

                options.Comparisons = IdentificationDefaults.TextComparisons(attributeColumns);
                options.BlockingRules = IdentificationDefaults.TextBlockingRules(attributeColumns);
            }

            var resolver = new IdentityResolver(options);
            ResolutionResult result = resolver.Resolve(all);
            if (explain is { Length: 2 })
            {
                IdentityRecordKey? a = FindKey(all, explain[0]);
                IdentityRecordKey? b = FindKey(all, explain[1]);
                if (a is null || b is null)
                {
                    return Bad(stderr, $"--explain: no record with id '{(a is null ? explain[0] : explain[1])}'.");
                }

                stdout.Write(result.Explain(a.Value, b.Value).ToString());
                if (outPath is null)
                {
                    return Ok;
                }
            }

            TextWriter writer = outPath is null ? stdout : new StreamWriter(outPath);
            try
            {
                writer.WriteLine("record_id,customer_id");
                foreach (KeyValuePair<IdentityRecordKey, CustomerId> pair in result.Assignments)
                {
                    writer.Write(Quote(pair.Key.SourceRecordId));
                    writer.Write(',');
                    writer.WriteLine(pair.Value.Value);
                }
            }
            finally
            {
                if (outPath is not null)
                {
                    writer.Dispose();
                }
            }

            stderr.WriteLine($"relkit resolve: {result.RecordCount} records, {result.CustomerCount} customers, {result.Blocking.CandidatePairs} candidate pairs (reduction ratio {result.Blocking.ReductionRatio.ToString("0.000000", CultureInfo.InvariantCulture)}).");
            return Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"relkit resolve: {ex.Message}");
            return ex is FileNotFoundException or DirectoryNotFoundException ? BadInput : Failure;
        }
        catch (InvalidIdentityRecordException ex)
        {
            return Bad(stderr, ex.Message);
        }
#pragma warning disable CA1031 // The command line reports every other failure as exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"relkit resolve: failed: {ex.Message}");
            return Failure;
        }
    }

    private static string? Read(string path, string source, string idColumn, Dictionary<string, IdentityField?> mapping, List<IdentityRecord> records, List<string> attributeColumns)
    {
        if (!File.Exists(path))
        {
            return $"--records: file '{path}' not found.";
        }

        using CsvDataReader csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim())];
        int id = Array.IndexOf(header, idColumn);
        if (id < 0)
        {
            return $"{path} line 1: no column '{idColumn}' (columns: {string.Join(", ", header)}).";
        }

        foreach (string column in mapping.Keys)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
            {
                return $"{path} line 1: --map names column '{column}', which the file does not have.";
            }
        }

        if (mapping.Count == 0)
        {
            foreach (string column in header)
            {
                if (column != idColumn && !attributeColumns.Contains(column))
                {
                    attributeColumns.Add(column);
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int line = 1;
        while (csv.Read())
        {
            line++;
            if (csv.RowFieldCount != header.Length)
            {
                return $"{path} line {line}: {csv.RowFieldCount} fields; the header has {header.Length}.";
            }

            string recordId = csv.GetString(id).Trim();
            if (recordId.Length == 0)
            {
                return $"{path} line {line}, column '{idColumn}': the record id is empty.";
            }

            if (!seen.Add(recordId))
            {
                return $"{path} line {line}, column '{idColumn}': the record id '{recordId}' repeats.";
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var external = new List<string>();
            IdentityRecord record = new(source, recordId, Observed);
            for (int c = 0; c < header.Length; c++)
            {
                if (c == id)
                {
                    continue;
                }

                string value = csv.GetString(c).Trim();
                if (value.Length > IdentityRecord.MaxFieldLength)
                {
                    return $"{path} line {line}, column '{header[c]}': the value is longer than {IdentityRecord.MaxFieldLength} characters.";
                }

                if (value.Length == 0)
                {
                    continue;
                }

                if (mapping.Count == 0)
                {
                    attributes[header[c]] = value;
                }
                else if (mapping.TryGetValue(header[c], out IdentityField? field))
                {
                    if (field is { } typed)
                    {
                        record = record.WithField(typed, value);
                    }
                    else
                    {
                        external.Add(header[c] + ":" + value);
                    }
                }
            }

            if (attributes.Count > 0 || external.Count > 0)
            {
                IdentityRecord basis = record;
                record = new IdentityRecord(source, recordId, Observed) { Attributes = attributes, ExternalIds = external };
                foreach (IdentityField f in Enum.GetValues<IdentityField>())
                {
                    if (basis.GetField(f) is { } v)
                    {
                        record = record.WithField(f, v);
                    }
                }
            }

            records.Add(record);
        }

        return null;
    }

    private static IdentityRecordKey? FindKey(List<IdentityRecord> records, string id)
    {
        foreach (IdentityRecord r in records)
        {
            if (r.SourceRecordId == id)
            {
                return r.Key;
            }
        }

        return null;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static int Bad(TextWriter stderr, string message)
    {
        stderr.WriteLine("relkit resolve: " + message);
        return BadInput;
    }
}
