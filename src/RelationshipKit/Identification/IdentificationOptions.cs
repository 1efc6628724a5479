using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Identification;

/// <summary>The options of identification: comparisons, blocking, training, threshold, merge protection, normalisation and survivorship.</summary>
/// <remarks>A plain options bag: not thread-safe while it is being changed. Components copy it when they are built.</remarks>
public sealed class IdentificationOptions : IValidatableObject
{
    internal const double DefaultMatchThreshold = 0.9;
    internal const int DefaultMaxBlockSize = 1000;
    internal const int DefaultMaxRandomPairs = 1_000_000;
    internal const int DefaultMaxTrainingPairsPerRule = 200_000;
    internal const int DefaultMaxEmIterations = 100;
    internal const double DefaultEmTolerance = 1e-5;
    internal const int DefaultRandomSeed = 20_240_101;

    /// <summary>
    /// The posterior match probability at or above which a pair is accepted. A false merge (two people's data shown
    /// as one) costs more than a missed one, so the default asks the evidence to be nine times likelier under "same
    /// person" than under "different people" after the prior.
    /// </summary>
    /// <value>Default 0.9; greater than 0 and less than 1.</value>
    public double MatchThreshold { get; set; } = DefaultMatchThreshold;

    /// <summary>The comparisons that score a pair.</summary>
    /// <value>Default <see cref="IdentificationDefaults.Comparisons"/>.</value>
    [Required]
    public IList<Comparison> Comparisons { get; set; } = IdentificationDefaults.Comparisons();

    /// <summary>The blocking rules whose union gives the candidate pairs.</summary>
    /// <value>Default <see cref="IdentificationDefaults.BlockingRules"/>.</value>
    [Required]
    public IList<BlockingRule> BlockingRules { get; set; } = IdentificationDefaults.BlockingRules();

    /// <summary>Rules under which a pair matches with certainty.</summary>
    /// <value>Default: empty.</value>
    [Required]
    public IList<DeterministicRule> DeterministicRules { get; set; } = [];

    /// <summary>Whether two records that share an external id (same namespace and value) match with certainty.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MatchOnSharedExternalId { get; set; } = true;

    /// <summary>Fields that hold trusted ids: two records with different non-missing values never end in one customer.</summary>
    /// <value>Default: empty (typed ids often carry typos; trust them only when the source checks them).</value>
    [Required]
    public IList<FieldSelector> TrustedFields { get; set; } = [];

    /// <summary>The most distinct external ids of one namespace a customer may hold (e.g. <c>loyalty</c>: 1); a join that would exceed it is refused.</summary>
    /// <value>Default: empty (no limit).</value>
    [Required]
    public IDictionary<string, int> ExternalIdLimits { get; set; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>How accepted pairs become customers.</summary>
    /// <value>Default <see cref="ClusteringMethod.ConnectedComponents"/>.</value>
    public ClusteringMethod Clustering { get; set; } = ClusteringMethod.ConnectedComponents;

    /// <summary>Blocks (records sharing one blocking key) larger than this are skipped and reported: a huge block means an unblocked junk value.</summary>
    /// <value>Default 1,000; at least 2.</value>
    public int MaxBlockSize { get; set; } = DefaultMaxBlockSize;

    /// <summary>The number of random record pairs sampled to estimate u probabilities (all pairs when there are fewer).</summary>
    /// <value>Default 1,000,000; at least 1,000.</value>
    public int MaxRandomPairs { get; set; } = DefaultMaxRandomPairs;

    /// <summary>The most candidate pairs of one blocking rule used in its expectation-maximisation session (a deterministic sample when there are more).</summary>
    /// <value>Default 200,000; at least 100.</value>
    public int MaxTrainingPairsPerRule { get; set; } = DefaultMaxTrainingPairsPerRule;

    /// <summary>The most expectation-maximisation iterations per session.</summary>
    /// <value>Default 100; 1 to 10,000.</value>
    public int MaxEmIterations { get; set; } = DefaultMaxEmIterations;

    /// <summary>EM stops when no m probability moves by more than this.</summary>
    /// <value>Default 1e-5; greater than 0 and less than 1.</value>
    public double EmTolerance { get; set; } = DefaultEmTolerance;

    /// <summary>The seed of the random pair samples; the same seed and data give the same model.</summary>
    /// <value>Default 20,240,101.</value>
    public int RandomSeed { get; set; } = DefaultRandomSeed;

    /// <summary>Threads used to score candidate pairs in batch; results are identical to one thread.</summary>
    /// <value>Default 1; 1 to 64.</value>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>How values are normalised and which values are junk.</summary>
    /// <value>Default: a new <see cref="NormalizationOptions"/>.</value>
    [ValidateObjectMembers]
    public NormalizationOptions Normalization { get; set; } = new();

    /// <summary>How golden profiles pick values.</summary>
    /// <value>Default: a new <see cref="SurvivorshipOptions"/>.</value>
    public SurvivorshipOptions Survivorship { get; set; } = new();

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        void Add(string member, string message) => results.Add(new ValidationResult(message, [member]));

        if (!(MatchThreshold > 0 && MatchThreshold < 1))
        {
            Add(nameof(MatchThreshold), $"MatchThreshold must be greater than 0 and less than 1; it is {MatchThreshold}.");
        }

        if (Comparisons is null || Comparisons.Count == 0 || Comparisons.Any(c => c is null))
        {
            Add(nameof(Comparisons), "Comparisons must list at least one comparison and no null entries.");
        }
        else if (Comparisons.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != Comparisons.Count)
        {
            Add(nameof(Comparisons), "Comparisons must have distinct names.");
        }
        else if (Comparisons.Count > 30)
        {
            Add(nameof(Comparisons), $"Comparisons may list at most 30 comparisons; it lists {Comparisons.Count}.");
        }

        if (BlockingRules is null || BlockingRules.Any(r => r is null))
        {
            Add(nameof(BlockingRules), "BlockingRules must not be null or contain null entries.");
        }
        else if (BlockingRules.Count == 0 && (DeterministicRules is null || DeterministicRules.Count == 0))
        {
            Add(nameof(BlockingRules), "BlockingRules must list at least one rule (or DeterministicRules one rule).");
        }
        else if (BlockingRules.Count + (DeterministicRules?.Count ?? 0) > 60)
        {
            Add(nameof(BlockingRules), "BlockingRules and DeterministicRules may list at most 60 rules together.");
        }

        if (DeterministicRules is null || DeterministicRules.Any(r => r is null))
        {
            Add(nameof(DeterministicRules), "DeterministicRules must not be null or contain null entries.");
        }

        if (TrustedFields is null || TrustedFields.Any(f => f.Field is null && f.AttributeName is null))
        {
            Add(nameof(TrustedFields), "TrustedFields must not be null or contain default selectors.");
        }

        if (ExternalIdLimits is null)
        {
            Add(nameof(ExternalIdLimits), "ExternalIdLimits must not be null.");
        }
        else
        {
            foreach (KeyValuePair<string, int> limit in ExternalIdLimits)
            {
                if (string.IsNullOrWhiteSpace(limit.Key) || limit.Value < 1)
                {
                    Add(nameof(ExternalIdLimits), $"ExternalIdLimits needs a namespace name and a limit of at least 1; '{limit.Key}' has {limit.Value}.");
                }
            }
        }

        if (!Enum.IsDefined(Clustering))
        {
            Add(nameof(Clustering), $"Clustering must be a defined ClusteringMethod; it is {(int)Clustering}.");
        }

        if (MaxBlockSize < 2)
        {
            Add(nameof(MaxBlockSize), $"MaxBlockSize must be at least 2; it is {MaxBlockSize}.");
        }

        if (MaxRandomPairs < 1000)
        {
            Add(nameof(MaxRandomPairs), $"MaxRandomPairs must be at least 1,000; it is {MaxRandomPairs}.");
        }

        if (MaxTrainingPairsPerRule < 100)
        {
            Add(nameof(MaxTrainingPairsPerRule), $"MaxTrainingPairsPerRule must be at least 100; it is {MaxTrainingPairsPerRule}.");
        }

        if (MaxEmIterations is < 1 or > 10_000)
        {
            Add(nameof(MaxEmIterations), $"MaxEmIterations must be 1 to 10,000; it is {MaxEmIterations}.");
        }

        if (!(EmTolerance > 0 && EmTolerance < 1))
        {
            Add(nameof(EmTolerance), $"EmTolerance must be greater than 0 and less than 1; it is {EmTolerance}.");
        }

        if (MaxDegreeOfParallelism is < 1 or > 64)
        {
            Add(nameof(MaxDegreeOfParallelism), $"MaxDegreeOfParallelism must be 1 to 64; it is {MaxDegreeOfParallelism}.");
        }

        if (Normalization is null)
        {
            Add(nameof(Normalization), "Normalization must not be null.");
        }
        else
        {
            foreach (ValidationResult r in Normalization.Validate())
            {
                results.Add(r);
            }
        }

        if (Survivorship is null)
        {
            Add(nameof(Survivorship), "Survivorship must not be null.");
        }
        else
        {
            foreach (string message in Survivorship.Validate())
            {
                Add(nameof(Survivorship), message);
            }
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate();
        if (results.Count > 0)
        {
            throw new OptionsValidationException(
                nameof(IdentificationOptions),
                typeof(IdentificationOptions),
                results.Select(r => $"{nameof(IdentificationOptions)}.{r.ErrorMessage}"));
        }
    }

    internal IdentificationOptions Clone() => new()
    {
        MatchThreshold = MatchThreshold,
        Comparisons = [.. Comparisons],
        BlockingRules = [.. BlockingRules],
        DeterministicRules = [.. DeterministicRules],
        MatchOnSharedExternalId = MatchOnSharedExternalId,
        TrustedFields = [.. TrustedFields],
        ExternalIdLimits = new Dictionary<string, int>(ExternalIdLimits, StringComparer.Ordinal),
        Clustering = Clustering,
        MaxBlockSize = MaxBlockSize,
        MaxRandomPairs = MaxRandomPairs,
        MaxTrainingPairsPerRule = MaxTrainingPairsPerRule,
        MaxEmIterations = MaxEmIterations,
        EmTolerance = EmTolerance,
        RandomSeed = RandomSeed,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        Normalization = Normalization.Clone(),
        Survivorship = Survivorship.Clone(),
    };
}
