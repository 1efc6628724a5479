namespace RelationshipKit.Identification;

/// <summary>How many candidate pairs blocking produced, per rule and in total, against all possible pairs.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class BlockingReport
{
    internal BlockingReport(IReadOnlyList<BlockingRuleReport> rules, long recordCount)
    {
        Rules = rules;
        RecordCount = recordCount;
        CandidatePairs = rules.Sum(r => r.CandidatePairs);
        TotalPairs = recordCount * (recordCount - 1) / 2;
    }

    /// <summary>One entry per rule, in evaluation order.</summary>
    public IReadOnlyList<BlockingRuleReport> Rules { get; }

    /// <summary>The number of records.</summary>
    public long RecordCount { get; }

    /// <summary>The distinct candidate pairs scored (the union of all rules).</summary>
    public long CandidatePairs { get; }

    /// <summary>All pairs: n(n-1)/2.</summary>
    public long TotalPairs { get; }

    /// <summary>The reduction ratio 1 - candidates / all pairs (Christen 2012); 0 when there are no pairs.</summary>
    public double ReductionRatio => TotalPairs == 0 ? 0 : 1 - ((double)CandidatePairs / TotalPairs);
}
