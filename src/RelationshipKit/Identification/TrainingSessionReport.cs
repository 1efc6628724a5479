namespace RelationshipKit.Identification;

/// <summary>One expectation-maximisation session of training: the pairs of one blocking rule.</summary>
/// <remarks>
/// Inside a blocking rule's pairs the rule's own fields always agree, so they carry no information there and
/// are not estimated in that session (as in Splink); u stays fixed at its random-sample estimate.
/// Immutable; thread-safe.
/// </remarks>
/// <param name="BlockingRule">The rule whose pairs were used.</param>
/// <param name="PairCount">The number of pairs used (a deterministic sample when the rule had more).</param>
/// <param name="Iterations">EM iterations run.</param>
/// <param name="Converged">Whether the m probabilities settled within the tolerance.</param>
/// <param name="MatchProportion">The estimated share of matches among the session's pairs.</param>
/// <param name="EstimatedComparisons">The comparisons whose m probabilities were estimated.</param>
public sealed record TrainingSessionReport(
    string BlockingRule,
    long PairCount,
    int Iterations,
    bool Converged,
    double MatchProportion,
    IReadOnlyList<string> EstimatedComparisons);
