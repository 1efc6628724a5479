using System.Globalization;
using Sylvan.Data.Csv;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Commands;

/// <summary>The columns of a summary CSV file as the lifetime-value verbs read them.</summary>
internal sealed class SummaryColumnsCsv
{
    public required string[] Ids { get; init; }

    public required double[] Frequency { get; init; }

    public double[]? Recency { get; init; }

    public double[]? T { get; init; }

    public double[]? Periods { get; init; }

    public double[]? Monetary { get; init; }

    public double[]? Weights { get; init; }

    public double[]? FrequencyHoldout { get; init; }

    public double[]? DurationHoldout { get; init; }

    public int Count => Ids.Length;

    public int[] WholeFrequency(string file)
    {
        var result = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            double x = Frequency[i];
            if (x != Math.Floor(x) || x > int.MaxValue)
            {
                throw CliInputException.AtField(file, i + 2, 0, "frequency", $"the frequency {x.ToString(CultureInfo.InvariantCulture)} is not a whole number.");
            }

            result[i] = (int)x;
        }

        return result;
    }
}

/// <summary>Reads summary and survivor CSV files with Sylvan.Data.Csv, reporting bad cells by line and column.</summary>
internal static class LifetimeValueCsv
{
    private static readonly string[] IdNames = ["customer_id", "ID", "id"];
    private static readonly string[] FrequencyNames = ["frequency", "x"];
    private static readonly string[] RecencyNames = ["recency", "t_x"];
    private static readonly string[] AgeNames = ["T"];
    private static readonly string[] MonetaryNames = ["monetary_value", "zbar"];

    public static SummaryColumnsCsv ReadSummaries(string path, bool needRecency, bool needMonetary)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: the file does not exist.");
        }

        using CsvDataReader reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        int id = Find(reader, IdNames);
        int x = Require(reader, path, FrequencyNames);
        int recency = Find(reader, RecencyNames);
        int t = Find(reader, AgeNames);
        int periods = Find(reader, ["periods"]);
        int monetary = Find(reader, MonetaryNames);
        int weights = Find(reader, ["weights"]);
        int holdoutFrequency = Find(reader, ["frequency_holdout"]);
        int holdoutDuration = Find(reader, ["duration_holdout"]);
        if (needRecency && recency < 0)
        {
            throw new CliInputException($"{path}: no recency column (expected one of: {string.Join(", ", RecencyNames)}).");
        }

        if (needRecency && t < 0 && periods < 0)
        {
            throw new CliInputException($"{path}: no T column (expected 'T', or 'periods' for BG/BB).");
        }

        if (needMonetary && monetary < 0)
        {
            throw new CliInputException($"{path}: no monetary column (expected one of: {string.Join(", ", MonetaryNames)}).");
        }

        var ids = new List<string>();
        var cx = new List<double>();
        var cr = new List<double>();
        var ct = new List<double>();
        var cp = new List<double>();
        var cm = new List<double>();
        var cw = new List<double>();
        var chf = new List<double>();
        var chd = new List<double>();
        long line = 1;
        while (reader.Read())
        {
            line++;
            ids.Add(id >= 0 ? reader.GetString(id) : (line - 1).ToString(CultureInfo.InvariantCulture));
            cx.Add(Number(reader, x, path, line));
            if (recency >= 0)
            {
                cr.Add(Number(reader, recency, path, line));
            }

            if (t >= 0)
            {
                ct.Add(Number(reader, t, path, line));
            }

            if (periods >= 0)
            {
                cp.Add(Number(reader, periods, path, line));
            }

            if (monetary >= 0)
            {
                cm.Add(Number(reader, monetary, path, line));
            }

            if (weights >= 0)
            {
                cw.Add(Number(reader, weights, path, line));
            }

            if (holdoutFrequency >= 0 && holdoutDuration >= 0)
            {
                chf.Add(Number(reader, holdoutFrequency, path, line));
                chd.Add(Number(reader, holdoutDuration, path, line));
            }
        }

        if (ids.Count == 0)
        {
            throw new CliInputException($"{path}: the file has no data rows.");
        }

        return new SummaryColumnsCsv
        {
            Ids = [.. ids],
            Frequency = [.. cx],
            Recency = recency >= 0 ? [.. cr] : null,
            T = t >= 0 ? [.. ct] : null,
            Periods = periods >= 0 ? [.. cp] : null,
            Monetary = monetary >= 0 ? [.. cm] : null,
            Weights = weights >= 0 ? [.. cw] : null,
            FrequencyHoldout = holdoutFrequency >= 0 && holdoutDuration >= 0 ? [.. chf] : null,
            DurationHoldout = holdoutFrequency >= 0 && holdoutDuration >= 0 ? [.. chd] : null,
        };
    }

    public static double[] ReadSurvivors(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: the file does not exist.");
        }

        using CsvDataReader reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        int column = Require(reader, path, ["survivors"]);
        var values = new List<double>();
        long line = 1;
        while (reader.Read())
        {
            line++;
            values.Add(Number(reader, column, path, line));
        }

        return [.. values];
    }

    private static int Find(CsvDataReader reader, string[] names)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            string name = reader.GetName(i).Trim();
            if (names.Any(n => string.Equals(n, name, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Require(CsvDataReader reader, string path, string[] names)
    {
        int i = Find(reader, names);
        return i >= 0 ? i : throw new CliInputException($"{path}: no '{names[0]}' column (accepted names: {string.Join(", ", names)}).");
    }

    private static double Number(CsvDataReader reader, int column, string path, long line)
    {
        string text = column < reader.RowFieldCount ? reader.GetString(column).Trim() : string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw CliInputException.AtField(path, line, column + 1, reader.GetName(column), $"'{text}' is not a finite number.");
        }

        return value;
    }
}
