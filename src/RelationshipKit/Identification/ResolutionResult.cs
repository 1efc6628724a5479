namespace RelationshipKit.Identification;

/// <summary>
/// The outcome of batch resolution: each record's customer, the trained (or given) model, the accepted pairs,
/// and the blocking report. Explains any pair of its records.
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class ResolutionResult
{
    private readonly Dictionary<IdentityRecordKey, int> _rowOf;
    private readonly CustomerId[] _customerOfRow;

    internal ResolutionResult(
        ResolutionEngine engine,
        RecordTable table,
        BlockingIndex index,
        PairScorer scorer,
        IdentityModel model,
        Dictionary<IdentityRecordKey, int> rowOf,
        CustomerId[] customerOfRow,
        int[] clusterOfRow,
        int[] anchorOfCluster,
        IReadOnlyList<MatchedPair> accepted,
        BlockingReport blocking,
        int refusedMerges,
        IReadOnlyList<MatchOverride> overrides)
    {
        Engine = engine;
        Table = table;
        Index = index;
        Scorer = scorer;
        Model = model;
        _rowOf = rowOf;
        _customerOfRow = customerOfRow;
        ClusterOfRow = clusterOfRow;
        AnchorOfCluster = anchorOfCluster;
        AcceptedPairs = accepted;
        Blocking = blocking;
        RefusedMerges = refusedMerges;
        Overrides = overrides;
        CustomerCount = anchorOfCluster.Length;
    }

    /// <summary>The model used (trained on these records unless one was given).</summary>
    public IdentityModel Model { get; }

    /// <summary>Candidate pairs per blocking rule, in total, and the reduction ratio.</summary>
    public BlockingReport Blocking { get; }

    /// <summary>The pairs accepted as matches (probability at or above the threshold, or decided by a rule or override), most probable first.</summary>
    public IReadOnlyList<MatchedPair> AcceptedPairs { get; }

    /// <summary>Accepted pairs that merge protection kept apart (trusted-id conflict, external-id limit, never-match, weak link).</summary>
    public int RefusedMerges { get; }

    /// <summary>
    /// The merges and splits a re-run found against the directory it was reconciled with
    /// (<see cref="IdentityResolver.Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>), oldest first; empty for a
    /// plain run. A directory made from this result starts its history with the earlier directory's events and these.
    /// </summary>
    public IReadOnlyList<CustomerEvent> Events { get; internal init; } = [];

    internal IReadOnlyList<CustomerEvent> PriorHistory { get; init; } = [];

    internal IReadOnlyList<(CustomerId Id, int Cluster)> Redirects { get; init; } = [];

    /// <summary>The number of records resolved.</summary>
    public int RecordCount => _customerOfRow.Length;

    /// <summary>The number of customers found.</summary>
    public int CustomerCount { get; }

    /// <summary>Each record's customer, in input order.</summary>
    public IEnumerable<KeyValuePair<IdentityRecordKey, CustomerId>> Assignments
    {
        get
        {
            for (int row = 0; row < _customerOfRow.Length; row++)
            {
                yield return new KeyValuePair<IdentityRecordKey, CustomerId>(Table.Records[row].Key, _customerOfRow[row]);
            }
        }
    }

    internal ResolutionEngine Engine { get; }

    internal RecordTable Table { get; }

    internal BlockingIndex Index { get; }

    internal PairScorer Scorer { get; }

    internal int[] ClusterOfRow { get; }

    internal int[] AnchorOfCluster { get; }

    internal IReadOnlyList<MatchOverride> Overrides { get; }

    internal CustomerId CustomerOfRow(int row) => _customerOfRow[row];

    internal bool TryGetRow(IdentityRecordKey key, out int row) => _rowOf.TryGetValue(key, out row);

    /// <summary>The customer a record was resolved to.</summary>
    /// <param name="key">The record's key.</param>
    /// <returns>The customer id.</returns>
    /// <exception cref="KeyNotFoundException">No record has the key.</exception>
    public CustomerId GetCustomerId(IdentityRecordKey key) =>
        _rowOf.TryGetValue(key, out int row) ? _customerOfRow[row] : throw new KeyNotFoundException($"No record {key} was resolved.");

    /// <summary>Tries to find the customer of a record.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="customerId">The customer when found.</param>
    /// <returns><see langword="true"/> when the record was resolved.</returns>
    public bool TryGetCustomerId(IdentityRecordKey key, out CustomerId customerId)
    {
        bool found = _rowOf.TryGetValue(key, out int row);
        customerId = found ? _customerOfRow[row] : default;
        return found;
    }

    /// <summary>The records of each customer (customers in order of their anchor record, records in input order).</summary>
    /// <returns>The groups.</returns>
    public IReadOnlyList<IReadOnlyList<IdentityRecordKey>> GetClusters()
    {
        var groups = new List<IdentityRecordKey>[CustomerCount];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }

        for (int row = 0; row < ClusterOfRow.Length; row++)
        {
            groups[ClusterOfRow[row]].Add(Table.Records[row].Key);
        }

        return groups;
    }

    /// <summary>Explains the score of two of the resolved records.</summary>
    /// <param name="first">One record's key.</param>
    /// <param name="second">The other record's key.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KeyNotFoundException">A key is not among the resolved records.</exception>
    public PairExplanation Explain(IdentityRecordKey first, IdentityRecordKey second)
    {
        if (!_rowOf.TryGetValue(first, out int a))
        {
            throw new KeyNotFoundException($"No record {first} was resolved.");
        }

        if (!_rowOf.TryGetValue(second, out int b))
        {
            throw new KeyNotFoundException($"No record {second} was resolved.");
        }

        return IdentityResolver.ExplainRows(Scorer, Model, Engine, a, b, Overrides);
    }
}
