namespace RelationshipKit.Identification;

/// <summary>A consistent copy of a <see cref="CustomerDirectory"/> taken for a reconciled re-run.</summary>
/// <param name="CustomerOfKey">Each held record's live customer (an index into <paramref name="Ids"/>).</param>
/// <param name="Ids">Every id the directory issued, by customer index (live and merged away).</param>
/// <param name="Canonical">Each customer index's live customer index (itself when live).</param>
/// <param name="Anchors">Each live customer's anchor record (null for merged-away entries).</param>
/// <param name="History">The directory's events so far.</param>
/// <param name="Overrides">The host overrides the directory keeps (never-match pairs, always-match pairs).</param>
internal sealed record DirectorySnapshot(
    Dictionary<IdentityRecordKey, int> CustomerOfKey,
    CustomerId[] Ids,
    int[] Canonical,
    IdentityRecord?[] Anchors,
    IReadOnlyList<CustomerEvent> History,
    IReadOnlyList<MatchOverride> Overrides);

/// <summary>The ids and events of a re-run reconciled with an existing directory.</summary>
/// <param name="IdOfCluster">The customer id of each cluster.</param>
/// <param name="Events">The merges and splits the re-run found, in order of the existing customers.</param>
/// <param name="Redirects">Ids that are no longer live (merged away now or before) and the cluster they lead to.</param>
internal sealed record Reconciliation(CustomerId[] IdOfCluster, IReadOnlyList<CustomerEvent> Events, IReadOnlyList<(CustomerId Id, int Cluster)> Redirects);

/// <summary>
/// Maps the clusters of a batch re-run onto the customers of an existing directory so that no existing customer is
/// renumbered. Rules (documented on <see cref="IdentityResolver.Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>):
/// every (cluster, existing customer) pair is weighed by the number of the customer's records in the cluster; pairs
/// are taken greedily from the heaviest, ties going to the existing customer with the earliest anchor and then to the
/// cluster with the earliest anchor; each cluster takes at most one existing id and each id goes to at most one
/// cluster. An existing customer whose id no cluster took is merged into the cluster holding most of its records.
/// </summary>
internal static class Reconciler
{
    /// <summary>Most records per side examined when looking for the strongest pair behind a split.</summary>
    private const int SplitEvidenceSide = 64;

    public static Reconciliation Assign(
        ResolutionEngine engine,
        PairScorer scorer,
        IdentityModel model,
        int[] clusterOfRow,
        int[] anchorOfCluster,
        IReadOnlyList<MatchedPair> accepted,
        IReadOnlyDictionary<IdentityRecordKey, int> rowOf,
        IReadOnlyList<MatchOverride> overrides,
        DirectorySnapshot previous)
    {
        RecordTable table = scorer.Table;
        int n = clusterOfRow.Length;
        int clusters = anchorOfCluster.Length;
        int existing = previous.Ids.Length;

        // The existing customer of each row (-1 for a record the directory does not hold) and the overlap counts.
        int[] oldOfRow = new int[n];
        var overlap = new Dictionary<long, int>();
        var rowsOfOld = new Dictionary<int, List<int>>();
        for (int row = 0; row < n; row++)
        {
            if (!previous.CustomerOfKey.TryGetValue(table.Records[row].Key, out int e))
            {
                oldOfRow[row] = -1;
                continue;
            }

            oldOfRow[row] = e;
            long key = ((long)clusterOfRow[row] << 32) | (uint)e;
            overlap[key] = overlap.GetValueOrDefault(key) + 1;
            if (!rowsOfOld.TryGetValue(e, out List<int>? rows))
            {
                rows = [];
                rowsOfOld.Add(e, rows);
            }

            rows.Add(row);
        }

        var candidates = new List<(int Cluster, int Old, int Count)>(overlap.Count);
        foreach (KeyValuePair<long, int> pair in overlap)
        {
            candidates.Add(((int)(pair.Key >> 32), (int)(uint)pair.Key, pair.Value));
        }

        candidates.Sort((x, y) =>
        {
            int c = y.Count.CompareTo(x.Count);
            if (c != 0)
            {
                return c;
            }

            if (x.Old != y.Old)
            {
                return AnchorOrder(previous, x.Old, y.Old);
            }

            return x.Cluster.CompareTo(y.Cluster);
        });

        var idOfCluster = new CustomerId[clusters];
        bool[] named = new bool[clusters];
        int[] keptBy = new int[existing];
        Array.Fill(keptBy, -1);
        foreach ((int cluster, int old, _) in candidates)
        {
            if (!named[cluster] && keptBy[old] < 0)
            {
                named[cluster] = true;
                keptBy[old] = cluster;
                idOfCluster[cluster] = previous.Ids[old];
            }
        }

        // Ids every directory entry ever had stay reserved; a cluster without an existing id revives the id its anchor
        // had before it was merged away, or gets a new one (clusters in anchor order, so the result is deterministic).
        var issued = new Dictionary<CustomerId, int>(existing);
        for (int k = 0; k < existing; k++)
        {
            issued.TryAdd(previous.Ids[k], k);
        }

        var taken = new HashSet<CustomerId>(issued.Keys);
        var revived = new HashSet<CustomerId>();
        for (int cluster = 0; cluster < clusters; cluster++)
        {
            if (named[cluster])
            {
                continue;
            }

            IdentityRecordKey anchor = table.Records[anchorOfCluster[cluster]].Key;
            CustomerId candidate = ResolutionEngine.IdFor(anchor, _ => false);
            if (issued.TryGetValue(candidate, out int k) && previous.Canonical[k] != k && revived.Add(candidate))
            {
                idOfCluster[cluster] = candidate;
            }
            else
            {
                idOfCluster[cluster] = ResolutionEngine.IdFor(anchor, taken.Contains);
                taken.Add(idOfCluster[cluster]);
            }

            named[cluster] = true;
        }

        // Merge evidence: the strongest accepted pair inside a cluster joining an existing customer's record to another record.
        var mergeEvidence = new Dictionary<long, (int A, int B)>();
        foreach (MatchedPair pair in accepted)
        {
            if (!rowOf.TryGetValue(pair.First, out int a) || !rowOf.TryGetValue(pair.Second, out int b) || clusterOfRow[a] != clusterOfRow[b] || oldOfRow[a] == oldOfRow[b])
            {
                continue;
            }

            long cluster = (long)clusterOfRow[a] << 32;
            if (oldOfRow[a] >= 0)
            {
                mergeEvidence.TryAdd(cluster | (uint)oldOfRow[a], (a, b));
            }

            if (oldOfRow[b] >= 0)
            {
                mergeEvidence.TryAdd(cluster | (uint)oldOfRow[b], (b, a));
            }
        }

        var never = new HashSet<long>();
        foreach (MatchOverride o in overrides)
        {
            if (o.Kind == MatchOverrideKind.NeverMatch && rowOf.TryGetValue(o.First, out int a) && rowOf.TryGetValue(o.Second, out int b))
            {
                never.Add(ResolutionEngine.PairKey(a, b));
            }
        }

        DateTimeOffset now = engine.TimeProvider.GetUtcNow();
        var events = new List<CustomerEvent>();
        var redirects = new List<(CustomerId Id, int Cluster)>();
        int[] targetOfOld = new int[existing];
        Array.Fill(targetOfOld, -1);
        for (int e = 0; e < existing; e++)
        {
            if (!rowsOfOld.TryGetValue(e, out List<int>? rows))
            {
                continue;
            }

            // The parts: clusters holding the customer's records, most records first (ties: earlier cluster).
            var parts = new Dictionary<int, List<int>>();
            foreach (int row in rows)
            {
                if (!parts.TryGetValue(clusterOfRow[row], out List<int>? part))
                {
                    part = [];
                    parts.Add(clusterOfRow[row], part);
                }

                part.Add(row);
            }

            int home = keptBy[e];
            if (home < 0)
            {
                home = -1;
                foreach (KeyValuePair<int, List<int>> part in parts)
                {
                    if (home < 0 || part.Value.Count > parts[home].Count || (part.Value.Count == parts[home].Count && part.Key < home))
                    {
                        home = part.Key;
                    }
                }
            }

            targetOfOld[e] = home;
            if (parts.Count > 1)
            {
                int[] others = [.. parts.Keys.Where(c => c != home).Order()];
                var moved = new List<IdentityRecordKey>();
                var evidence = new List<PairExplanation>();
                bool byOverride = false;
                foreach (int other in others)
                {
                    foreach (int row in parts[other])
                    {
                        moved.Add(table.Records[row].Key);
                    }

                    (int a, int b, bool isNever) = SplitPair(scorer, model, parts[home], parts[other], never);
                    byOverride |= isNever;
                    evidence.Add(IdentityResolver.ExplainRows(scorer, model, engine, a, b, overrides));
                }

                events.Add(new CustomerEvent(
                    CustomerEventKind.Split,
                    now,
                    previous.Ids[e],
                    Array.AsReadOnly([.. others.Select(c => idOfCluster[c])]),
                    moved.AsReadOnly(),
                    evidence.AsReadOnly(),
                    byOverride ? "never-match override" : "re-run"));
            }

            if (keptBy[e] < 0)
            {
                // No cluster kept this id: the customer was merged into the cluster holding most of its records.
                var records = new List<IdentityRecordKey>();
                var evidence = new List<PairExplanation>();
                foreach (int row in parts[home])
                {
                    records.Add(table.Records[row].Key);
                }

                if (mergeEvidence.TryGetValue(((long)home << 32) | (uint)e, out (int A, int B) pair))
                {
                    records.Add(table.Records[pair.B].Key);
                    evidence.Add(IdentityResolver.ExplainRows(scorer, model, engine, pair.A, pair.B, overrides));
                }

                events.Add(new CustomerEvent(CustomerEventKind.Merged, now, idOfCluster[home], [previous.Ids[e]], records.AsReadOnly(), evidence.AsReadOnly(), "re-run"));
                redirects.Add((previous.Ids[e], home));
            }
        }

        // Ids merged away before the re-run follow their customer, unless a cluster revived them.
        for (int k = 0; k < existing; k++)
        {
            int live = previous.Canonical[k];
            if (live != k && targetOfOld[live] >= 0 && !revived.Contains(previous.Ids[k]))
            {
                redirects.Add((previous.Ids[k], targetOfOld[live]));
            }
        }

        return new Reconciliation(idOfCluster, events.AsReadOnly(), redirects.AsReadOnly());
    }

    /// <summary>Orders two existing customers by their anchors (earliest observed, then key), then by index.</summary>
    private static int AnchorOrder(DirectorySnapshot previous, int x, int y)
    {
        IdentityRecord? ax = previous.Anchors[x];
        IdentityRecord? ay = previous.Anchors[y];
        if (ax is not null && ay is not null)
        {
            if (ResolutionEngine.AnchorsBefore(ax, ay))
            {
                return -1;
            }

            if (ResolutionEngine.AnchorsBefore(ay, ax))
            {
                return 1;
            }
        }

        return x.CompareTo(y);
    }

    /// <summary>The pair that best explains why two parts of a customer are apart: a never-match pair if there is one, else the strongest pair.</summary>
    private static (int A, int B, bool Never) SplitPair(PairScorer scorer, IdentityModel model, List<int> stay, List<int> moved, HashSet<long> never)
    {
        int bestA = stay[0];
        int bestB = moved[0];
        double best = double.NegativeInfinity;
        for (int i = 0; i < Math.Min(stay.Count, SplitEvidenceSide); i++)
        {
            for (int j = 0; j < Math.Min(moved.Count, SplitEvidenceSide); j++)
            {
                int a = stay[i];
                int b = moved[j];
                if (never.Contains(ResolutionEngine.PairKey(a, b)))
                {
                    return (a, b, true);
                }

                double w = scorer.Deterministic(a, b) != -1 ? double.PositiveInfinity : scorer.Weight(a, b) + model.PriorWeight;
                if (w > best)
                {
                    (best, bestA, bestB) = (w, a, b);
                }
            }
        }

        return (bestA, bestB, false);
    }
}
