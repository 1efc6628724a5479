namespace RelationshipKit.Identification;

/// <summary>What one blocking rule contributed.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed record BlockingRuleReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="rule">The rule's name (<c>ExternalIds</c> for the shared-external-id rule; <c>deterministic: ...</c> for deterministic rules).</param>
    /// <param name="candidatePairs">New pairs this rule added (pairs already produced by an earlier rule are not counted again).</param>
    /// <param name="pairsBeforeDeduplication">All pairs that agree on this rule's key in blocks within the size limit.</param>
    /// <param name="oversizedBlocks">Blocks skipped because they held more than <see cref="IdentificationOptions.MaxBlockSize"/> records.</param>
    /// <param name="recordsInOversizedBlocks">Records in those blocks.</param>
    public BlockingRuleReport(string rule, long candidatePairs, long pairsBeforeDeduplication, int oversizedBlocks, long recordsInOversizedBlocks)
    {
        Rule = rule;
        CandidatePairs = candidatePairs;
        PairsBeforeDeduplication = pairsBeforeDeduplication;
        OversizedBlocks = oversizedBlocks;
        RecordsInOversizedBlocks = recordsInOversizedBlocks;
    }

    /// <summary>The rule's name.</summary>
    public string Rule { get; }

    /// <summary>New pairs this rule added.</summary>
    public long CandidatePairs { get; }

    /// <summary>All pairs that agree on this rule's key in blocks within the size limit.</summary>
    public long PairsBeforeDeduplication { get; }

    /// <summary>Blocks skipped because they were too large.</summary>
    public int OversizedBlocks { get; }

    /// <summary>Records in the skipped blocks.</summary>
    public long RecordsInOversizedBlocks { get; }
}
