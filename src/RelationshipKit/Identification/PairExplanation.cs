using System.Globalization;
using System.Text;

namespace RelationshipKit.Identification;

/// <summary>
/// The evidence for one pair of records: the prior, the weight each comparison contributed, the total and the
/// final probability. <see cref="TotalWeight"/> is exactly <see cref="PriorWeight"/> plus the sum of the
/// contributions' weights, and <see cref="Probability"/> is 2^total / (1 + 2^total), unless a deterministic rule
/// or a shared external id decided the pair (probability 1) or a never-match override did (probability 0).
/// </summary>
/// <remarks>Immutable; thread-safe.</remarks>
public sealed class PairExplanation
{
    internal PairExplanation(
        IdentityRecordKey first,
        IdentityRecordKey second,
        double priorWeight,
        IReadOnlyList<FieldContribution> contributions,
        double totalWeight,
        double probability,
        string? decidedBy,
        double threshold)
    {
        First = first;
        Second = second;
        PriorWeight = priorWeight;
        Contributions = contributions;
        TotalWeight = totalWeight;
        Probability = probability;
        DecidedBy = decidedBy;
        IsMatch = probability >= threshold;
    }

    /// <summary>The first record.</summary>
    public IdentityRecordKey First { get; }

    /// <summary>The second record.</summary>
    public IdentityRecordKey Second { get; }

    /// <summary>The prior weight log2(λ / (1 - λ)) in bits.</summary>
    public double PriorWeight { get; }

    /// <summary>One entry per comparison, in the model's order.</summary>
    public IReadOnlyList<FieldContribution> Contributions { get; }

    /// <summary>The prior weight plus every contribution's weight, in bits.</summary>
    public double TotalWeight { get; }

    /// <summary>The match probability.</summary>
    public double Probability { get; }

    /// <summary>The deterministic rule (<c>deterministic: ...</c>), <c>shared external id</c>, <c>always-match override</c> or <c>never-match override</c> that decided the pair, or <see langword="null"/> when the score decided.</summary>
    public string? DecidedBy { get; }

    /// <summary>Whether the probability reaches the match threshold (merge protection may still keep the records apart).</summary>
    public bool IsMatch { get; }

    /// <summary>A readable table of the evidence.</summary>
    /// <returns>Several lines of text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        sb.Append(c, $"{First} vs {Second}: probability {Probability:0.######} (weight {TotalWeight:+0.00;-0.00} bits){(IsMatch ? " MATCH" : string.Empty)}").AppendLine();
        if (DecidedBy is not null)
        {
            sb.Append(c, $"  decided by {DecidedBy}").AppendLine();
        }

        sb.Append(c, $"  {"prior",-24} {PriorWeight,8:+0.00;-0.00}").AppendLine();
        foreach (FieldContribution f in Contributions)
        {
            sb.Append(c, $"  {f.Comparison,-24} {f.Weight,8:+0.00;-0.00}  {f.Level,-24} '{f.FirstValue}' | '{f.SecondValue}'").AppendLine();
        }

        return sb.ToString();
    }
}
