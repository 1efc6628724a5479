using Microsoft.Extensions.Options;

namespace RelationshipKit.Identification;

/// <summary>
/// Resolves identity records to customers in batch: normalises, blocks, trains a Fellegi-Sunter model without
/// labels (or uses a given one), scores candidate pairs, and clusters accepted pairs with merge protection and
/// host overrides. Also trains models, explains pairs, and creates <see cref="CustomerDirectory"/> instances for
/// incremental resolution.
/// </summary>
/// <remarks>
/// <para>Deterministic: the same records, in any order, with the same options give the same model, the same
/// customers and the same customer ids. A customer's id is derived from its anchor record (the earliest observed,
/// ties broken by key), so re-running on the same data never renumbers. A re-run over changed data that must keep
/// the ids of an existing <see cref="CustomerDirectory"/> uses
/// <see cref="Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>.</para>
/// <para>Cost: normalisation and blocking are linear in the records; scoring is linear in the candidate pairs
/// (see <see cref="BlockingReport"/>); clustering is near-linear in the accepted pairs. Scoring runs on
/// <see cref="IdentificationOptions.MaxDegreeOfParallelism"/> threads with results identical to one thread.</para>
/// <para>An instance holds only its options and is thread-safe.</para>
/// </remarks>
public sealed class IdentityResolver
{
    private readonly ResolutionEngine _engine;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">The options (copied); defaults when <see langword="null"/>.</param>
    /// <param name="phoneNumberNormalizer">The phone normaliser; the core's digits normaliser when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for directory events; the system clock when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the option.</exception>
    public IdentityResolver(IdentificationOptions? options = null, IPhoneNumberNormalizer? phoneNumberNormalizer = null, TimeProvider? timeProvider = null)
    {
        _engine = new ResolutionEngine(options ?? new IdentificationOptions(), phoneNumberNormalizer, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The normaliser the resolver uses.</summary>
    public IdentityNormalizer Normalizer => _engine.Normalizer;

    /// <summary>The match threshold in use.</summary>
    public double MatchThreshold => _engine.Options.MatchThreshold;

    internal ResolutionEngine Engine => _engine;

    /// <summary>Trains a model on records, without labels.</summary>
    /// <param name="records">The records; keys must be unique.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public IdentityModel Train(IEnumerable<IdentityRecord> records)
    {
        IReadOnlyList<IdentityRecord> list = ResolutionEngine.Materialize(records);
        RecordTable table = _engine.CreateTable(list);
        BlockingIndex index = _engine.CreateIndex(table, build: true);
        return TrainOn(table, index, out _);
    }

    private IdentityModel TrainOn(RecordTable table, BlockingIndex index, out (PairScorer Scorer, ScorePass Pass) scored)
    {
        PairScorer untrained = _engine.CreateScorer(table, null);
        IdentityModel draft = ModelTrainer.Train(untrained, index, _engine.Options);
        PairScorer scorer = _engine.CreateScorer(table, draft);
        ScorePass pass = _engine.Score(scorer, index, keepWeight: 0);
        long totalPairs = (long)table.Count * (table.Count - 1) / 2;
        double prior = ModelTrainer.EstimatePrior(pass.Histogram, pass.Certain, totalPairs);
        scored = (scorer, pass);
        return draft.WithPrior(prior);
    }

    /// <summary>Resolves records to customers, training a model on them first.</summary>
    /// <param name="records">The records; keys must be unique.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Resolve(IEnumerable<IdentityRecord> records) => Resolve(records, (IEnumerable<MatchOverride>?)null);

    /// <summary>Resolves records to customers with a trained model.</summary>
    /// <param name="records">The records; keys must be unique.</param>
    /// <param name="model">A model trained with the same comparisons.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model does not fit the configured comparisons.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Resolve(IEnumerable<IdentityRecord> records, IdentityModel model) => Resolve(records, model, null);

    /// <summary>Resolves records to customers, training a model on them first, with host overrides.</summary>
    /// <param name="records">The records; keys must be unique.</param>
    /// <param name="overrides">Host overrides (pairs whose records are not in the input are ignored); may be <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Resolve(IEnumerable<IdentityRecord> records, IEnumerable<MatchOverride>? overrides)
    {
        IReadOnlyList<IdentityRecord> list = ResolutionEngine.Materialize(records);
        RecordTable table = _engine.CreateTable(list);
        BlockingIndex index = _engine.CreateIndex(table, build: true);
        IdentityModel model = TrainOn(table, index, out (PairScorer Scorer, ScorePass Pass) scored);
        // The pass kept every pair with a weight of at least 0 bits; a pair below that cannot reach a threshold
        // of 1/2 or more after a prior below 1/2, which holds whenever matches are rarer than non-matches.
        ScorePass pass = model.PriorMatchProbability <= _engine.Options.MatchThreshold
            ? scored.Pass
            : _engine.Score(scored.Scorer, index, keepWeight: double.NegativeInfinity);
        return Finish(table, index, scored.Scorer, model, pass, overrides);
    }

    /// <summary>Resolves records to customers with a trained model and host overrides.</summary>
    /// <param name="records">The records; keys must be unique.</param>
    /// <param name="model">A model trained with the same comparisons.</param>
    /// <param name="overrides">Host overrides; may be <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model does not fit the configured comparisons.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Resolve(IEnumerable<IdentityRecord> records, IdentityModel model, IEnumerable<MatchOverride>? overrides)
    {
        ArgumentNullException.ThrowIfNull(model);
        _engine.CheckModel(model);
        IReadOnlyList<IdentityRecord> list = ResolutionEngine.Materialize(records);
        RecordTable table = _engine.CreateTable(list);
        BlockingIndex index = _engine.CreateIndex(table, build: true);
        PairScorer scorer = _engine.CreateScorer(table, model);
        double keep = _engine.ThresholdWeight - model.PriorWeight;
        ScorePass pass = _engine.Score(scorer, index, keepWeight: keep);
        return Finish(table, index, scorer, model, pass, overrides);
    }

    /// <summary>
    /// Re-runs batch resolution over records (those an existing directory holds and new ones), training a model on
    /// them first, and reconciles the outcome with the directory so that no existing customer is renumbered.
    /// </summary>
    /// <param name="records">All records of the re-run (old and new); keys must be unique.</param>
    /// <param name="existing">The directory whose customer ids are kept; it is read, not changed.</param>
    /// <returns>The result: ids carried over, merges and splits in <see cref="ResolutionResult.Events"/>. Pass it to <see cref="CreateDirectory(ResolutionResult)"/> for the next directory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="existing"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    /// <remarks>
    /// <para><b>Which cluster keeps which id.</b> Every pair of a new cluster and an existing customer is weighed by
    /// the number of that customer's records in the cluster. Pairs are taken from the heaviest down; a tie goes to
    /// the existing customer whose anchor record is earliest (observed-at, then key: the directory's merge rule), then
    /// to the cluster whose anchor is earliest. A cluster takes at most one existing id and an id goes to at most one
    /// cluster, so a re-run with the same records and model gives the same ids and no events.</para>
    /// <para><b>Merges.</b> An existing customer whose id no cluster took was joined to another customer by new
    /// evidence: a <see cref="CustomerEventKind.Merged"/> event names the cluster holding most of its records (ties:
    /// the earlier cluster) as survivor, with the strongest accepted pair as evidence; its id (and any id merged into
    /// it before) redirects to the survivor in the next directory (<see cref="CustomerDirectory.TryGetCanonicalId"/>).</para>
    /// <para><b>Splits.</b> An existing customer whose records now fall into several clusters is split: a
    /// <see cref="CustomerEventKind.Split"/> event lists the moved records and, per other part, the pair closest to
    /// matching (a never-match pair when one separates them; the reason is then <c>never-match override</c>, else
    /// <c>re-run</c>).</para>
    /// <para><b>New ids.</b> Only a cluster that takes no existing id gets one: the id its anchor record had before it
    /// was merged away, if any, else a new id from its anchor (never one the directory issued).</para>
    /// <para>The directory's host overrides (never-match pairs, including those of <see cref="CustomerDirectory.Split"/>,
    /// and always-match pairs) apply to the re-run. A directory customer none of whose records is in the re-run is not
    /// carried over; its id is not issued to another customer by this run.</para>
    /// </remarks>
    public ResolutionResult Reconcile(IEnumerable<IdentityRecord> records, CustomerDirectory existing) => Reconcile(records, existing, (IEnumerable<MatchOverride>?)null);

    /// <summary>Re-runs batch resolution with host overrides, training a model first, and reconciles it with an existing directory (rules as in <see cref="Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>).</summary>
    /// <param name="records">All records of the re-run (old and new); keys must be unique.</param>
    /// <param name="existing">The directory whose customer ids are kept; it is read, not changed.</param>
    /// <param name="overrides">Host overrides added to those the directory keeps; may be <see langword="null"/>.</param>
    /// <returns>The reconciled result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="existing"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Reconcile(IEnumerable<IdentityRecord> records, CustomerDirectory existing, IEnumerable<MatchOverride>? overrides)
    {
        ArgumentNullException.ThrowIfNull(existing);
        IReadOnlyList<IdentityRecord> list = ResolutionEngine.Materialize(records);
        DirectorySnapshot previous = existing.Snapshot();
        RecordTable table = _engine.CreateTable(list);
        BlockingIndex index = _engine.CreateIndex(table, build: true);
        IdentityModel model = TrainOn(table, index, out (PairScorer Scorer, ScorePass Pass) scored);
        ScorePass pass = model.PriorMatchProbability <= _engine.Options.MatchThreshold
            ? scored.Pass
            : _engine.Score(scored.Scorer, index, keepWeight: double.NegativeInfinity);
        return Finish(table, index, scored.Scorer, model, pass, [.. previous.Overrides, .. overrides ?? []], previous);
    }

    /// <summary>Re-runs batch resolution with a trained model and host overrides, and reconciles it with an existing directory (rules as in <see cref="Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>).</summary>
    /// <param name="records">All records of the re-run (old and new); keys must be unique.</param>
    /// <param name="existing">The directory whose customer ids are kept; it is read, not changed.</param>
    /// <param name="model">A model trained with the same comparisons.</param>
    /// <param name="overrides">Host overrides added to those the directory keeps; may be <see langword="null"/>.</param>
    /// <returns>The reconciled result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/>, <paramref name="existing"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model does not fit the configured comparisons.</exception>
    /// <exception cref="InvalidIdentityRecordException">A record is null or repeats a key.</exception>
    public ResolutionResult Reconcile(IEnumerable<IdentityRecord> records, CustomerDirectory existing, IdentityModel model, IEnumerable<MatchOverride>? overrides)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(model);
        _engine.CheckModel(model);
        IReadOnlyList<IdentityRecord> list = ResolutionEngine.Materialize(records);
        DirectorySnapshot previous = existing.Snapshot();
        RecordTable table = _engine.CreateTable(list);
        BlockingIndex index = _engine.CreateIndex(table, build: true);
        PairScorer scorer = _engine.CreateScorer(table, model);
        ScorePass pass = _engine.Score(scorer, index, keepWeight: _engine.ThresholdWeight - model.PriorWeight);
        return Finish(table, index, scorer, model, pass, [.. previous.Overrides, .. overrides ?? []], previous);
    }

    private ResolutionResult Finish(RecordTable table, BlockingIndex index, PairScorer scorer, IdentityModel model, ScorePass pass, IEnumerable<MatchOverride>? overrides, DirectorySnapshot? previous = null)
    {
        int n = table.Count;
        var rowOf = new Dictionary<IdentityRecordKey, int>(n);
        for (int row = 0; row < n; row++)
        {
            rowOf[table.Records[row].Key] = row;
        }

        MatchOverride[] overrideList = overrides is null ? [] : [.. overrides];
        var accepted = new List<MatchedPair>();
        Clusterer clusterer = _engine.Cluster(scorer, model, pass.Kept, rowOf, overrideList, accepted);

        // Anchor of each cluster: the earliest observed record (ties: smaller key). Clusters are numbered in anchor order.
        int[] anchorOfRoot = new int[n];
        Array.Fill(anchorOfRoot, -1);
        for (int row = 0; row < n; row++)
        {
            int root = clusterer.Find(row);
            int anchor = anchorOfRoot[root];
            if (anchor < 0 || ResolutionEngine.AnchorsBefore(table.Records[row], table.Records[anchor]))
            {
                anchorOfRoot[root] = row;
            }
        }

        int[] anchors = [.. Enumerable.Range(0, n).Where(r => clusterer.Find(r) == r).Select(r => anchorOfRoot[r])];
        Array.Sort(anchors, (x, y) => ResolutionEngine.AnchorsBefore(table.Records[x], table.Records[y]) ? -1 : x == y ? 0 : 1);
        int[] clusterOfRoot = new int[n];
        for (int k = 0; k < anchors.Length; k++)
        {
            clusterOfRoot[clusterer.Find(anchors[k])] = k;
        }

        int[] clusterOfRow = new int[n];
        for (int row = 0; row < n; row++)
        {
            clusterOfRow[row] = clusterOfRoot[clusterer.Find(row)];
        }

        CustomerId[] ids;
        Reconciliation? reconciliation = null;
        if (previous is null)
        {
            ids = new CustomerId[anchors.Length];
            var taken = new HashSet<CustomerId>(anchors.Length);
            for (int k = 0; k < anchors.Length; k++)
            {
                ids[k] = ResolutionEngine.IdFor(table.Records[anchors[k]].Key, taken.Contains);
                taken.Add(ids[k]);
            }
        }
        else
        {
            reconciliation = Reconciler.Assign(_engine, scorer, model, clusterOfRow, anchors, accepted, rowOf, overrideList, previous);
            ids = reconciliation.IdOfCluster;
        }

        var customerOfRow = new CustomerId[n];
        for (int row = 0; row < n; row++)
        {
            customerOfRow[row] = ids[clusterOfRow[row]];
        }

        return new ResolutionResult(
            _engine, table, index, scorer, model, rowOf, customerOfRow, clusterOfRow, anchors,
            accepted.AsReadOnly(), pass.Report, clusterer.RefusedCount, Array.AsReadOnly(overrideList))
        {
            Events = reconciliation?.Events ?? [],
            PriorHistory = previous?.History ?? [],
            Redirects = reconciliation?.Redirects ?? [],
        };
    }

    /// <summary>Explains how a model scores two records.</summary>
    /// <param name="first">One record.</param>
    /// <param name="second">The other record.</param>
    /// <param name="model">A model trained with the same comparisons.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model does not fit the configured comparisons.</exception>
    public PairExplanation Explain(IdentityRecord first, IdentityRecord second, IdentityModel model)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(model);
        _engine.CheckModel(model);
        RecordTable table = _engine.CreateTable([first, second]);
        PairScorer scorer = _engine.CreateScorer(table, model);
        return ExplainRows(scorer, model, _engine, 0, 1, []);
    }

    internal static PairExplanation ExplainRows(PairScorer scorer, IdentityModel model, ResolutionEngine engine, int a, int b, IEnumerable<MatchOverride> overrides)
    {
        IdentityRecordKey ka = scorer.Table.Records[a].Key;
        IdentityRecordKey kb = scorer.Table.Records[b].Key;
        foreach (MatchOverride o in overrides)
        {
            if ((o.First == ka && o.Second == kb) || (o.First == kb && o.Second == ka))
            {
                return o.Kind == MatchOverrideKind.NeverMatch
                    ? scorer.Explain(a, b, model, engine.Options.MatchThreshold, "never-match override", 0)
                    : scorer.Explain(a, b, model, engine.Options.MatchThreshold, "always-match override", 1);
            }
        }

        return scorer.Explain(a, b, model, engine.Options.MatchThreshold);
    }

    /// <summary>Creates an empty directory that resolves records one at a time with a trained model.</summary>
    /// <param name="model">A model trained with the same comparisons.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model does not fit the configured comparisons.</exception>
    public CustomerDirectory CreateDirectory(IdentityModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _engine.CheckModel(model);
        return new CustomerDirectory(_engine, model);
    }

    /// <summary>
    /// Creates a directory holding the customers of a batch resolution, ready for incremental resolution; ids are
    /// kept. From a reconciled re-run (<see cref="Reconcile(IEnumerable{IdentityRecord}, CustomerDirectory)"/>) the
    /// directory also carries the earlier directory's history followed by <see cref="ResolutionResult.Events"/>, the
    /// ids merged away (they redirect through <see cref="CustomerDirectory.TryGetCanonicalId"/>) and the overrides.
    /// </summary>
    /// <param name="result">A result of this resolver.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The result came from another resolver.</exception>
    public CustomerDirectory CreateDirectory(ResolutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!ReferenceEquals(result.Engine, _engine))
        {
            throw new ArgumentException("The result was produced by another resolver; create the directory with that resolver.", nameof(result));
        }

        return new CustomerDirectory(result);
    }
}
