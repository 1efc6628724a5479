namespace RelationshipKit.Identification;

/// <summary>
/// The customers over time: every record's customer, with stable ids, incremental resolution of new records
/// through the blocking index, merges and splits recorded with evidence and time, host overrides, and golden
/// profiles. Create one with <see cref="IdentityResolver.CreateDirectory(IdentityModel)"/> (empty) or
/// <see cref="IdentityResolver.CreateDirectory(ResolutionResult)"/> (from a batch run).
/// </summary>
/// <remarks>
/// <para><b>Stable ids.</b> A customer keeps its id for life: a new record never renumbers existing customers. A new
/// customer's id derives from its anchor record (the earliest observed; ties by key), the same rule as batch
/// resolution. When customers merge, the one with the earliest anchor survives and the others' ids redirect to it
/// (<see cref="TryGetCanonicalId"/>). In a split the part holding the anchor keeps the id; another part revives the
/// id it had before it was merged in, when its anchor is the same, or gets a new one.</para>
/// <para><b>Incremental equals batch.</b> With the same model, feeding records one at a time in order of
/// observation gives the same customers and the same ids as batch resolution of all of them, provided no block
/// exceeds <see cref="IdentificationOptions.MaxBlockSize"/> (batch skips an oversized block entirely; incremental
/// resolution skips it only once it is oversized) and merge protection refuses nothing (batch applies links from
/// the most probable down; incremental in arrival order), and <see cref="ClusteringMethod.ConnectedComponents"/> is
/// used. The model (prior, m, u, term frequencies) stays fixed as records arrive.</para>
/// <para>All members are thread-safe (one lock). A directory made from a <see cref="ResolutionResult"/> takes over
/// its index: do not call that result's <see cref="ResolutionResult.Explain"/> while the directory changes.</para>
/// </remarks>
public sealed class CustomerDirectory
{
    private readonly Lock _gate = new();
    private readonly ResolutionEngine _engine;
    private readonly IdentityModel _model;
    private readonly RecordTable _table;
    private readonly BlockingIndex _index;
    private readonly PairScorer _scorer;
    private readonly Dictionary<IdentityRecordKey, int> _rowOf;
    private readonly List<Customer> _customers = [];
    private readonly Dictionary<CustomerId, int> _byId = [];
    private readonly List<CustomerEvent> _events = [];
    private readonly Dictionary<int, HashSet<int>> _never = [];
    private readonly List<(IdentityRecordKey First, IdentityRecordKey Second)> _always = [];
    private int[] _customerOfRow;
    private bool[] _inactive;
    private int[] _stamp;
    private int _stampValue;
    private int[] _candidates = new int[256];
    private Link[] _links = new Link[16];
    private readonly List<int> _single = [-1];

    internal CustomerDirectory(ResolutionEngine engine, IdentityModel model)
    {
        _engine = engine;
        _model = model;
        _table = new RecordTable(engine.Normalizer, engine.Slots, 1024);
        _index = engine.CreateIndex(_table, build: true);
        _scorer = engine.CreateScorer(_table, model);
        _rowOf = [];
        _customerOfRow = new int[1024];
        _inactive = new bool[1024];
        _stamp = new int[1024];
    }

    internal CustomerDirectory(ResolutionResult result)
    {
        _engine = result.Engine;
        _model = result.Model;
        _table = result.Table;
        _index = result.Index;
        _scorer = result.Scorer;
        int n = _table.Count;
        _rowOf = new Dictionary<IdentityRecordKey, int>(n);
        _customerOfRow = new int[Math.Max(n, 1024)];
        _inactive = new bool[_customerOfRow.Length];
        _stamp = new int[_customerOfRow.Length];
        for (int k = 0; k < result.CustomerCount; k++)
        {
            int anchor = result.AnchorOfCluster[k];
            _customers.Add(new Customer(result.CustomerOfRow(anchor), anchor));
            _byId.Add(result.CustomerOfRow(anchor), k);
        }

        for (int row = 0; row < n; row++)
        {
            _rowOf[_table.Records[row].Key] = row;
            int k = result.ClusterOfRow[row];
            _customerOfRow[row] = k;
            _customers[k].Rows.Add(row);
        }

        foreach (MatchOverride o in result.Overrides)
        {
            if (!_rowOf.TryGetValue(o.First, out int a) || !_rowOf.TryGetValue(o.Second, out int b) || a == b)
            {
                continue;
            }

            if (o.Kind == MatchOverrideKind.NeverMatch)
            {
                AddNever(a, b);
            }
            else
            {
                _always.Add((o.First, o.Second));
            }
        }

        // A reconciled re-run carries the earlier directory's history and the ids merged away (before or in the run).
        _events.AddRange(result.PriorHistory);
        _events.AddRange(result.Events);
        foreach ((CustomerId id, int cluster) in result.Redirects)
        {
            if (_byId.TryAdd(id, _customers.Count))
            {
                _customers.Add(new Customer(id, -1) { MergedInto = cluster });
            }
        }
    }

    /// <summary>The number of distinct candidate records scored by the last <see cref="Resolve"/> (diagnostics for the latency tool).</summary>
    internal int LastCandidateCount { get; private set; }

    /// <summary>The model used to score pairs.</summary>
    public IdentityModel Model => _model;

    /// <summary>The number of records held (an updated record counts once).</summary>
    public int RecordCount
    {
        get
        {
            lock (_gate)
            {
                return _rowOf.Count;
            }
        }
    }

    /// <summary>The number of live customers (merged-away ids not counted).</summary>
    public int CustomerCount
    {
        get
        {
            lock (_gate)
            {
                return _customers.Count(c => c.MergedInto < 0);
            }
        }
    }

    /// <summary>All recorded merges and splits, oldest first (a snapshot).</summary>
    public IReadOnlyList<CustomerEvent> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The ids of all live customers (a snapshot, in creation order).</summary>
    /// <returns>The ids.</returns>
    public IReadOnlyList<CustomerId> GetCustomerIds()
    {
        lock (_gate)
        {
            return [.. _customers.Where(c => c.MergedInto < 0).Select(c => c.Id)];
        }
    }

    /// <summary>Resolves one record: it joins a customer, merges customers, or starts a new one.</summary>
    /// <param name="record">The record. A key already held with the same content changes nothing; with new content it replaces the old version.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public RecordResolution Resolve(IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            int customer = -1;
            bool update = false;
            if (_rowOf.TryGetValue(record.Key, out int oldRow))
            {
                customer = Canonical(_customerOfRow[oldRow]);
                if (SameContent(_table.Records[oldRow], record))
                {
                    return new RecordResolution(record.Key, _customers[customer].Id, RecordResolutionOutcome.Unchanged, [], [], 0);
                }

                update = true;
            }

            int row = _table.Append(record);
            EnsureRowCapacity(row + 1);
            _index.Append(row);
            _scorer.RefreshTermFrequencies();
            _rowOf[record.Key] = row;
            if (update)
            {
                _inactive[oldRow] = true;
                Customer c = _customers[customer];
                c.Rows.Remove(oldRow);
                c.Rows.Add(row);
                _customerOfRow[row] = customer;
                if (c.Anchor == oldRow)
                {
                    c.Anchor = EarliestRow(c.Rows);
                }

                TransferNever(oldRow, row);
            }

            int linkCount = FindLinks(row);
            MatchedPair[] matched = linkCount == 0 ? [] : new MatchedPair[linkCount];
            List<CustomerId>? merged = null;
            int refused = 0;
            for (int i = 0; i < linkCount; i++)
            {
                (int other, double weight, int decided) = _links[i];
                matched[i] = new MatchedPair(record.Key, _table.Records[other].Key, decided != -1 ? 1 : PairScorer.Probability(weight), weight, decided != -1 ? _scorer.DecidedByName(decided) : null);
                int target = Canonical(_customerOfRow[other]);
                if (target == customer)
                {
                    continue;
                }

                List<int> own;
                if (customer < 0)
                {
                    _single[0] = row;
                    own = _single;
                }
                else
                {
                    own = _customers[customer].Rows;
                }

                if (!CanJoin(own, _customers[target].Rows))
                {
                    refused++;
                    continue;
                }

                if (customer < 0)
                {
                    customer = target;
                    AddRow(target, row);
                    continue;
                }

                PairExplanation evidence = _scorer.Explain(row, other, _model, _engine.Options.MatchThreshold);
                (int survivor, int absorbed) = Merge(customer, target, [record.Key, _table.Records[other].Key], [evidence], "match");
                (merged ??= []).Add(_customers[absorbed].Id);
                customer = survivor;
            }

            RecordResolutionOutcome outcome;
            if (customer < 0)
            {
                customer = NewCustomer([row]);
                outcome = RecordResolutionOutcome.Created;
            }
            else
            {
                outcome = update ? RecordResolutionOutcome.Updated : merged is not null ? RecordResolutionOutcome.Merged : RecordResolutionOutcome.Joined;
            }

            return new RecordResolution(record.Key, _customers[customer].Id, outcome, merged is null ? [] : merged.AsReadOnly(), matched.Length == 0 ? [] : Array.AsReadOnly(matched), refused);
        }
    }

    /// <summary>Tries to find a record's customer.</summary>
    /// <param name="key">The record's key.</param>
    /// <param name="customerId">The (live) customer when found.</param>
    /// <returns><see langword="true"/> when the record is held.</returns>
    public bool TryGetCustomerId(IdentityRecordKey key, out CustomerId customerId)
    {
        lock (_gate)
        {
            if (_rowOf.TryGetValue(key, out int row))
            {
                customerId = _customers[Canonical(_customerOfRow[row])].Id;
                return true;
            }

            customerId = default;
            return false;
        }
    }

    /// <summary>The customer of a record.</summary>
    /// <param name="key">The record's key.</param>
    /// <returns>The live customer id.</returns>
    /// <exception cref="KeyNotFoundException">The record is not held.</exception>
    public CustomerId GetCustomerId(IdentityRecordKey key) =>
        TryGetCustomerId(key, out CustomerId id) ? id : throw new KeyNotFoundException($"Record {key} is not in the directory.");

    /// <summary>Follows merges from any id this directory ever issued to the live customer's id.</summary>
    /// <param name="customerId">An id, live or merged away.</param>
    /// <param name="canonicalId">The live id when known.</param>
    /// <returns><see langword="true"/> when the id was issued by this directory.</returns>
    public bool TryGetCanonicalId(CustomerId customerId, out CustomerId canonicalId)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(customerId, out int k))
            {
                canonicalId = _customers[Canonical(k)].Id;
                return true;
            }

            canonicalId = default;
            return false;
        }
    }

    /// <summary>The current records of a customer (following merges), earliest observed first.</summary>
    /// <param name="customerId">A customer id, live or merged away.</param>
    /// <returns>The records.</returns>
    /// <exception cref="KeyNotFoundException">The id is unknown.</exception>
    public IReadOnlyList<IdentityRecord> GetRecords(CustomerId customerId)
    {
        lock (_gate)
        {
            Customer c = _customers[Canonical(Lookup(customerId))];
            return [.. SortedRows(c.Rows).Select(r => _table.Records[r])];
        }
    }

    /// <summary>The customer's golden profile by the survivorship rules of <see cref="IdentificationOptions.Survivorship"/>.</summary>
    /// <param name="customerId">A customer id, live or merged away.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="KeyNotFoundException">The id is unknown.</exception>
    public GoldenProfile GetProfile(CustomerId customerId)
    {
        IReadOnlyList<IdentityRecord> records = GetRecords(customerId);
        CustomerId id;
        lock (_gate)
        {
            id = _customers[Canonical(Lookup(customerId))].Id;
        }

        return Survivorship.Build(id, records, _engine.Options.Survivorship, _engine.Normalizer);
    }

    /// <summary>Explains the score of two held records.</summary>
    /// <param name="first">One record's key.</param>
    /// <param name="second">The other record's key.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="KeyNotFoundException">A record is not held.</exception>
    public PairExplanation Explain(IdentityRecordKey first, IdentityRecordKey second)
    {
        lock (_gate)
        {
            int a = _rowOf.TryGetValue(first, out int x) ? x : throw new KeyNotFoundException($"Record {first} is not in the directory.");
            int b = _rowOf.TryGetValue(second, out int y) ? y : throw new KeyNotFoundException($"Record {second} is not in the directory.");
            if (_never.TryGetValue(a, out HashSet<int>? partners) && partners.Contains(b))
            {
                return _scorer.Explain(a, b, _model, _engine.Options.MatchThreshold, "never-match override", 0);
            }

            return _scorer.Explain(a, b, _model, _engine.Options.MatchThreshold);
        }
    }

    /// <summary>Applies a host override: always-match merges the two records' customers; never-match keeps them apart from now on and splits their customer when they share one.</summary>
    /// <param name="matchOverride">The override.</param>
    /// <returns>The events it caused (empty when nothing changed).</returns>
    /// <exception cref="KeyNotFoundException">A record is not held.</exception>
    /// <exception cref="ArgumentException">Both keys are the same record, or the kind is not defined.</exception>
    /// <exception cref="InvalidOperationException">Always-match on records that a never-match override keeps apart.</exception>
    public IReadOnlyList<CustomerEvent> ApplyOverride(MatchOverride matchOverride)
    {
        if (!Enum.IsDefined(matchOverride.Kind))
        {
            throw new ArgumentException($"{matchOverride.Kind} is not a defined MatchOverrideKind.", nameof(matchOverride));
        }

        lock (_gate)
        {
            int a = _rowOf.TryGetValue(matchOverride.First, out int x) ? x : throw new KeyNotFoundException($"Record {matchOverride.First} is not in the directory.");
            int b = _rowOf.TryGetValue(matchOverride.Second, out int y) ? y : throw new KeyNotFoundException($"Record {matchOverride.Second} is not in the directory.");
            if (a == b)
            {
                throw new ArgumentException("An override needs two different records.", nameof(matchOverride));
            }

            int ca = Canonical(_customerOfRow[a]);
            int cb = Canonical(_customerOfRow[b]);
            int before = _events.Count;
            if (matchOverride.Kind == MatchOverrideKind.AlwaysMatch)
            {
                if (ca != cb)
                {
                    if (ViolatesNever(_customers[ca].Rows, _customers[cb].Rows))
                    {
                        throw new InvalidOperationException($"A never-match override keeps the customers of {matchOverride.First} and {matchOverride.Second} apart.");
                    }

                    PairExplanation evidence = _scorer.Explain(a, b, _model, _engine.Options.MatchThreshold, "always-match override", 1);
                    Merge(ca, cb, [matchOverride.First, matchOverride.Second], [evidence], "always-match override");
                }

                _always.Add((matchOverride.First, matchOverride.Second));
            }
            else
            {
                AddNever(a, b);
                if (ca == cb)
                {
                    PairExplanation evidence = _scorer.Explain(a, b, _model, _engine.Options.MatchThreshold, "never-match override", 0);
                    Recluster(ca, evidence, "never-match override");
                }
            }

            return [.. _events.Skip(before)];
        }
    }

    /// <summary>Splits records off a customer into a new customer (a host decision, e.g. after review); the two parts never merge again.</summary>
    /// <param name="customerId">The customer (live or merged-away id).</param>
    /// <param name="records">The records to move; all must belong to the customer, and at least one record must stay.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <returns>The split event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">The customer or a record is unknown.</exception>
    /// <exception cref="ArgumentException">A record belongs to another customer, none is given, or all are.</exception>
    public CustomerEvent Split(CustomerId customerId, IEnumerable<IdentityRecordKey> records, string reason)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            int k = Canonical(Lookup(customerId));
            Customer c = _customers[k];
            var moving = new List<int>();
            foreach (IdentityRecordKey key in records)
            {
                int row = _rowOf.TryGetValue(key, out int r) ? r : throw new KeyNotFoundException($"Record {key} is not in the directory.");
                if (Canonical(_customerOfRow[row]) != k)
                {
                    throw new ArgumentException($"Record {key} does not belong to customer {c.Id}.", nameof(records));
                }

                if (!moving.Contains(row))
                {
                    moving.Add(row);
                }
            }

            if (moving.Count == 0 || moving.Count == c.Rows.Count)
            {
                throw new ArgumentException("A split must move at least one record and leave at least one.", nameof(records));
            }

            foreach (int m in moving)
            {
                foreach (int stay in c.Rows)
                {
                    if (!moving.Contains(stay))
                    {
                        AddNever(m, stay);
                    }
                }
            }

            return SplitOff(k, [moving], [], reason)!;
        }
    }

    /// <summary>A consistent copy of what a re-run needs: each held record's live customer, every id issued, the history and the overrides.</summary>
    internal DirectorySnapshot Snapshot()
    {
        lock (_gate)
        {
            var customerOfKey = new Dictionary<IdentityRecordKey, int>(_rowOf.Count);
            foreach (KeyValuePair<IdentityRecordKey, int> pair in _rowOf)
            {
                customerOfKey.Add(pair.Key, Canonical(_customerOfRow[pair.Value]));
            }

            var ids = new CustomerId[_customers.Count];
            var canonical = new int[_customers.Count];
            var anchors = new IdentityRecord?[_customers.Count];
            for (int k = 0; k < _customers.Count; k++)
            {
                ids[k] = _customers[k].Id;
                canonical[k] = Canonical(k);
                anchors[k] = _customers[k].MergedInto < 0 && _customers[k].Anchor >= 0 ? _table.Records[_customers[k].Anchor] : null;
            }

            var overrides = new List<MatchOverride>();
            foreach (KeyValuePair<int, HashSet<int>> pair in _never)
            {
                foreach (int other in pair.Value)
                {
                    if (pair.Key < other)
                    {
                        overrides.Add(new MatchOverride(_table.Records[pair.Key].Key, _table.Records[other].Key, MatchOverrideKind.NeverMatch));
                    }
                }
            }

            foreach ((IdentityRecordKey first, IdentityRecordKey second) in _always)
            {
                overrides.Add(new MatchOverride(first, second, MatchOverrideKind.AlwaysMatch));
            }

            return new DirectorySnapshot(customerOfKey, ids, canonical, anchors, [.. _events], overrides);
        }
    }

    private void Recluster(int k, PairExplanation evidence, string reason)
    {
        Customer c = _customers[k];
        int[] rows = [.. c.Rows];
        int n = rows.Length;
        int[] parent = [.. Enumerable.Range(0, n)];
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        var edges = new List<(int I, int J, double Weight, bool Certain)>();
        double prior = _model.PriorWeight;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (IsNever(rows[i], rows[j]))
                {
                    continue;
                }

                bool certain = _scorer.Deterministic(rows[i], rows[j]) != -1;
                double w = _scorer.Weight(rows[i], rows[j]) + prior;
                if (certain || w >= _engine.ThresholdWeight)
                {
                    edges.Add((i, j, w, certain));
                }
            }
        }

        edges.Sort((x, y) => x.Certain != y.Certain ? y.Certain.CompareTo(x.Certain) : y.Weight.CompareTo(x.Weight));
        var members = Enumerable.Range(0, n).ToDictionary(i => i, i => new List<int> { rows[i] });
        foreach ((int i, int j, _, _) in edges)
        {
            int x = Find(i);
            int y = Find(j);
            if (x == y || !CanJoin(members[x], members[y]))
            {
                continue;
            }

            parent[y] = x;
            members[x].AddRange(members[y]);
        }

        var parts = Enumerable.Range(0, n).Where(i => Find(i) == i).Select(i => members[i]).ToList();
        if (parts.Count < 2)
        {
            return;
        }

        // The part with the anchor keeps the id.
        List<int> keep = parts.First(p => p.Contains(c.Anchor));
        SplitOff(k, [.. parts.Where(p => p != keep)], [evidence], reason);
    }

    private CustomerEvent? SplitOff(int k, List<List<int>> parts, IReadOnlyList<PairExplanation> evidence, string reason)
    {
        Customer c = _customers[k];
        var created = new List<CustomerId>();
        var moved = new List<IdentityRecordKey>();
        foreach (List<int> part in parts)
        {
            foreach (int row in part)
            {
                c.Rows.Remove(row);
                moved.Add(_table.Records[row].Key);
            }

            int anchor = EarliestRow(part);
            int target = -1;
            CustomerId candidate = ResolutionEngine.IdFor(_table.Records[anchor].Key, _ => false);
            if (_byId.TryGetValue(candidate, out int old) && old != k && _customers[old].MergedInto >= 0 && Canonical(old) == k)
            {
                // Revive the id this part had before it was merged in.
                target = old;
                _customers[old].MergedInto = -1;
                _customers[old].Anchor = anchor;
                _customers[old].Rows.Clear();
            }

            if (target < 0)
            {
                target = NewCustomer(part);
            }
            else
            {
                foreach (int row in part)
                {
                    AddRow(target, row);
                }
            }

            created.Add(_customers[target].Id);
        }

        if (!c.Rows.Contains(c.Anchor))
        {
            c.Anchor = EarliestRow(c.Rows);
        }

        var e = new CustomerEvent(CustomerEventKind.Split, _engine.TimeProvider.GetUtcNow(), c.Id, created.AsReadOnly(), moved.AsReadOnly(), evidence, reason);
        _events.Add(e);
        return e;
    }

    /// <summary>
    /// Scores the row against every candidate of its blocks and leaves the links (pairs decided by a rule or at or
    /// above the threshold) in <see cref="_links"/>, most certain and strongest first (ties by key hash). Reuses its
    /// buffers: nothing is allocated per call once they have grown.
    /// </summary>
    private int FindLinks(int row)
    {
        if (++_stampValue == int.MaxValue)
        {
            Array.Clear(_stamp);
            _stampValue = 1;
        }

        int stamp = _stampValue;
        _stamp[row] = stamp;
        int candidates = _index.CollectCandidates(row, _stamp, stamp, ref _candidates);
        LastCandidateCount = candidates;
        double prior = _model.PriorWeight;
        double threshold = _engine.ThresholdWeight;
        int count = 0;
        for (int i = 0; i < candidates; i++)
        {
            int other = _candidates[i];
            if (_inactive[other] || (_never.Count > 0 && IsNever(row, other)))
            {
                continue;
            }

            // A pair that cannot reach the threshold even with the best levels of its remaining comparisons is
            // dropped part-way (WeightOrBelow); every other pair gets exactly the weight Weight would give.
            int decided = _scorer.Deterministic(row, other);
            double w = (decided == -1 ? _scorer.WeightOrBelow(row, other, threshold - prior) : _scorer.Weight(row, other)) + prior;
            if (decided == -1 && !(w >= threshold))
            {
                continue;
            }

            if (count == _links.Length)
            {
                Array.Resize(ref _links, count * 2);
            }

            // Insertion in order: links are few.
            var link = new Link(other, w, decided);
            int at = count++;
            while (at > 0 && LinkBefore(link, _links[at - 1]))
            {
                _links[at] = _links[at - 1];
                at--;
            }

            _links[at] = link;
        }

        return count;
    }

    private bool LinkBefore(Link x, Link y)
    {
        if ((x.Decided != -1) != (y.Decided != -1))
        {
            return x.Decided != -1;
        }

        if (x.Weight != y.Weight)
        {
            return x.Weight > y.Weight;
        }

        return _table.KeyHashes[x.Row] < _table.KeyHashes[y.Row];
    }

    private readonly record struct Link(int Row, double Weight, int Decided);

    private bool CanJoin(List<int> x, List<int> y)
    {
        foreach (int slot in _engine.TrustedSlots)
        {
            int[] column = _table.Columns[slot];
            int vx = -1;
            foreach (int r in x)
            {
                if (column[r] >= 0)
                {
                    vx = vx == -1 || vx == column[r] ? column[r] : -2;
                }
            }

            int vy = -1;
            foreach (int r in y)
            {
                if (column[r] >= 0)
                {
                    vy = vy == -1 || vy == column[r] ? column[r] : -2;
                }
            }

            if ((vx == -2 && vy != -1) || (vy == -2 && vx != -1) || (vx >= 0 && vy >= 0 && vx != vy))
            {
                return false;
            }
        }

        foreach (KeyValuePair<string, int> limit in _engine.Options.ExternalIdLimits)
        {
            string ns = limit.Key.Trim().ToLowerInvariant();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (int r in x.Concat(y))
            {
                foreach (string id in _table.ExternalIds[r] ?? [])
                {
                    if (Clusterer.Namespace(id) == ns)
                    {
                        ids.Add(id);
                    }
                }
            }

            if (ids.Count > limit.Value)
            {
                return false;
            }
        }

        if (ViolatesNever(x, y))
        {
            return false;
        }

        if (_engine.Options.Clustering == ClusteringMethod.AverageLinkage)
        {
            double sum = 0;
            foreach (int a in x)
            {
                foreach (int b in y)
                {
                    sum += _scorer.Deterministic(a, b) != -1 ? 1 : PairScorer.Probability(_scorer.Weight(a, b) + _model.PriorWeight);
                }
            }

            if (sum / ((double)x.Count * y.Count) < _engine.Options.MatchThreshold)
            {
                return false;
            }
        }

        return true;
    }

    private bool ViolatesNever(IReadOnlyList<int> x, IReadOnlyList<int> y)
    {
        if (_never.Count == 0)
        {
            return false;
        }

        foreach (int a in x)
        {
            if (_never.TryGetValue(a, out HashSet<int>? partners))
            {
                foreach (int b in y)
                {
                    if (partners.Contains(b))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsNever(int a, int b) => _never.TryGetValue(a, out HashSet<int>? p) && p.Contains(b);

    private void AddNever(int a, int b)
    {
        (_never.TryGetValue(a, out HashSet<int>? pa) ? pa : _never[a] = []).Add(b);
        (_never.TryGetValue(b, out HashSet<int>? pb) ? pb : _never[b] = []).Add(a);
    }

    private void TransferNever(int oldRow, int newRow)
    {
        if (_never.Remove(oldRow, out HashSet<int>? partners))
        {
            foreach (int p in partners)
            {
                _never[p].Remove(oldRow);
                AddNever(newRow, p);
            }
        }
    }

    private (int Survivor, int Absorbed) Merge(int x, int y, IReadOnlyList<IdentityRecordKey> records, IReadOnlyList<PairExplanation> evidence, string reason)
    {
        Customer cx = _customers[x];
        Customer cy = _customers[y];
        bool xFirst = ResolutionEngine.AnchorsBefore(_table.Records[cx.Anchor], _table.Records[cy.Anchor]);
        (int survivor, int absorbed) = xFirst ? (x, y) : (y, x);
        Customer s = _customers[survivor];
        Customer a = _customers[absorbed];
        foreach (int row in a.Rows)
        {
            s.Rows.Add(row);
            _customerOfRow[row] = survivor;
        }

        a.Rows.Clear();
        a.MergedInto = survivor;
        _events.Add(new CustomerEvent(CustomerEventKind.Merged, _engine.TimeProvider.GetUtcNow(), s.Id, [a.Id], records, evidence, reason));
        return (survivor, absorbed);
    }

    private int NewCustomer(List<int> rows)
    {
        int anchor = EarliestRow(rows);
        CustomerId id = ResolutionEngine.IdFor(_table.Records[anchor].Key, _byId.ContainsKey);
        int k = _customers.Count;
        _customers.Add(new Customer(id, -1));
        _byId.Add(id, k);
        foreach (int row in rows)
        {
            AddRow(k, row);
        }

        return k;
    }

    private void AddRow(int k, int row)
    {
        Customer c = _customers[k];
        c.Rows.Add(row);
        _customerOfRow[row] = k;
        if (c.Anchor < 0 || ResolutionEngine.AnchorsBefore(_table.Records[row], _table.Records[c.Anchor]))
        {
            // The id never changes; only the anchor used for ordering merges moves.
            c.Anchor = row;
        }
    }

    private int EarliestRow(IEnumerable<int> rows)
    {
        int best = -1;
        foreach (int r in rows)
        {
            if (best < 0 || ResolutionEngine.AnchorsBefore(_table.Records[r], _table.Records[best]))
            {
                best = r;
            }
        }

        return best;
    }

    private int[] SortedRows(List<int> rows)
    {
        int[] copy = [.. rows];
        Array.Sort(copy, (x, y) => x == y ? 0 : ResolutionEngine.AnchorsBefore(_table.Records[x], _table.Records[y]) ? -1 : 1);
        return copy;
    }

    private int Lookup(CustomerId id) =>
        _byId.TryGetValue(id, out int k) ? k : throw new KeyNotFoundException($"Customer {id} is not in the directory.");

    private int Canonical(int k)
    {
        while (_customers[k].MergedInto >= 0)
        {
            k = _customers[k].MergedInto;
        }

        return k;
    }

    private void EnsureRowCapacity(int count)
    {
        if (_customerOfRow.Length < count)
        {
            int capacity = Math.Max(count, _customerOfRow.Length * 2);
            Array.Resize(ref _customerOfRow, capacity);
            Array.Resize(ref _inactive, capacity);
            Array.Resize(ref _stamp, capacity);
        }
    }

    private static bool SameContent(IdentityRecord a, IdentityRecord b)
    {
        if (a.ObservedAt != b.ObservedAt)
        {
            return false;
        }

        for (int f = 0; f < IdentityRecord.FieldCount; f++)
        {
            if (!string.Equals(a.GetField((IdentityField)f), b.GetField((IdentityField)f), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return a.ExternalIds.SequenceEqual(b.ExternalIds, StringComparer.Ordinal)
            && a.Attributes.Count == b.Attributes.Count
            && a.Attributes.All(p => b.Attributes.TryGetValue(p.Key, out string? v) && v == p.Value);
    }

    private sealed class Customer(CustomerId id, int anchor)
    {
        public CustomerId Id { get; } = id;

        public int Anchor { get; set; } = anchor;

        public List<int> Rows { get; } = [];

        public int MergedInto { get; set; } = -1;
    }
}
