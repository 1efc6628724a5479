namespace RelationshipKit.Samples.Store;

/// <summary>
/// How well identity resolution found the people behind the records, measured against the simulation's truth over
/// record pairs: precision (pairs put together that are the same person), recall (same-person pairs put together).
/// </summary>
/// <param name="Records">The records resolved.</param>
/// <param name="People">The people they truly describe.</param>
/// <param name="Customers">The customers resolution made.</param>
/// <param name="TruePairs">Record pairs of the same person.</param>
/// <param name="PredictedPairs">Record pairs resolved to the same customer.</param>
/// <param name="CorrectPairs">Pairs that are both.</param>
/// <param name="MixedCustomers">Customers whose records describe more than one person (false merges).</param>
/// <param name="SplitPeople">People whose records were resolved to more than one customer (missed links).</param>
internal sealed record IdentityAccuracy(int Records, int People, int Customers, long TruePairs, long PredictedPairs, long CorrectPairs, int MixedCustomers, int SplitPeople)
{
    /// <summary>Correct pairs / predicted pairs (1 when nothing was linked).</summary>
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;

    /// <summary>Correct pairs / true pairs (1 when there are no duplicates).</summary>
    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Counts the pairs from each record's true person and resolved customer.</summary>
    public static IdentityAccuracy Measure(int[] recordPerson, CustomerId[] customerOfRecord)
    {
        var clusterOf = new Dictionary<CustomerId, int>();
        var cells = new Dictionary<(int Cluster, int Person), int>();
        var clusterSize = new List<int>();
        var personSize = new Dictionary<int, int>();
        for (int r = 0; r < recordPerson.Length; r++)
        {
            if (!clusterOf.TryGetValue(customerOfRecord[r], out int cluster))
            {
                cluster = clusterSize.Count;
                clusterOf.Add(customerOfRecord[r], cluster);
                clusterSize.Add(0);
            }

            clusterSize[cluster]++;
            personSize[recordPerson[r]] = personSize.GetValueOrDefault(recordPerson[r]) + 1;
            cells[(cluster, recordPerson[r])] = cells.GetValueOrDefault((cluster, recordPerson[r])) + 1;
        }

        static long Pairs(long n) => n * (n - 1) / 2;
        long truePairs = personSize.Values.Sum(n => Pairs(n));
        long predicted = clusterSize.Sum(n => Pairs(n));
        long correct = cells.Values.Sum(n => Pairs(n));
        var peoplePerCluster = new int[clusterSize.Count];
        var clustersPerPerson = new Dictionary<int, int>();
        foreach ((int cluster, int person) in cells.Keys)
        {
            peoplePerCluster[cluster]++;
            clustersPerPerson[person] = clustersPerPerson.GetValueOrDefault(person) + 1;
        }

        return new IdentityAccuracy(
            recordPerson.Length,
            personSize.Count,
            clusterSize.Count,
            truePairs,
            predicted,
            correct,
            peoplePerCluster.Count(n => n > 1),
            clustersPerPerson.Values.Count(n => n > 1));
    }
}
