namespace RelationshipKit.Identification;

/// <summary>What one blocking rule contributed.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
/// <param name="Rule">The rule's name (<c>ExternalIds</c> for the shared-external-id rule; <c>deterministic: ...</c> for deterministic rules).</param>
/// <param name="CandidatePairs">New pairs this rule added (pairs already produced by an earlier rule are not counted again).</param>
/// <param name="PairsBeforeDeduplication">All pairs that agree on this rule's key in blocks within the size limit.</param>
/// <param name="OversizedBlocks">Blocks skipped because they held more than <see cref="IdentificationOptions.MaxBlockSize"/> records.</param>
/// <param name="RecordsInOversizedBlocks">Records in those blocks.</param>
public sealed record BlockingRuleReport(string Rule, long CandidatePairs, long PairsBeforeDeduplication, int OversizedBlocks, long RecordsInOversizedBlocks);
