using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

/// <summary>Reads a FEBRL CSV (comma and space separated, all strings) into identity records; rec_id is an opaque id.</summary>
internal static class FebrlData
{
    private static readonly DateTimeOffset Observed = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<IdentityRecord> Load(string path)
    {
        var records = new List<IdentityRecord>();
        string[] lines = File.ReadAllLines(path);
        string[] header = Split(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);
        int id = Col("rec_id");
        int given = Col("given_name"), surname = Col("surname"), number = Col("street_number"), a1 = Col("address_1"), a2 = Col("address_2");
        int suburb = Col("suburb"), postcode = Col("postcode"), state = Col("state"), dob = Col("date_of_birth"), ssid = Col("soc_sec_id");
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = Split(line);
            records.Add(new IdentityRecord("febrl", f[id], Observed)
            {
                GivenName = f[given],
                FamilyName = f[surname],
                StreetNumber = f[number],
                Street = f[a1],
                Street2 = f[a2],
                Locality = f[suburb],
                Postcode = f[postcode],
                Region = f[state],
                BirthDate = f[dob],
                NationalId = f[ssid],
            });
        }

        return records;
    }

    /// <summary>The entity number encoded in a FEBRL record id (used only for evaluation, never for training).</summary>
    public static string Entity(string recordId) => recordId.Split('-')[1];

    private static string[] Split(string line) => [.. line.Split(',').Select(s => s.Trim())];

    /// <summary>Pairwise precision, recall and F1 of a clustering against the FEBRL truth.</summary>
    public static (double Precision, double Recall, double F1, long TruePairs, long PredictedPairs) Evaluate(IReadOnlyList<IReadOnlyList<IdentityRecordKey>> clusters, IReadOnlyList<IdentityRecord> records)
    {
        var truth = records.GroupBy(r => Entity(r.SourceRecordId)).Select(g => (long)g.Count()).Sum(c => c * (c - 1) / 2);
        long predicted = 0, correct = 0;
        foreach (IReadOnlyList<IdentityRecordKey> cluster in clusters)
        {
            predicted += (long)cluster.Count * (cluster.Count - 1) / 2;
            foreach (var group in cluster.GroupBy(k => Entity(k.SourceRecordId)))
            {
                long c = group.Count();
                correct += c * (c - 1) / 2;
            }
        }

        double precision = predicted == 0 ? 1 : (double)correct / predicted;
        double recall = (double)correct / truth;
        return (precision, recall, 2 * precision * recall / (precision + recall), truth, predicted);
    }
}
