namespace RelationshipKit.Differentiation.Rfm;

/// <summary>How the bins of one RFM dimension of a fitted model were made.</summary>
public enum RfmBinning
{
    /// <summary>Population quantiles with <see cref="RfmTiePolicy.First"/>.</summary>
    First = 0,

    /// <summary>Population quantiles with <see cref="RfmTiePolicy.Shared"/>.</summary>
    Shared = 1,

    /// <summary>Fixed thresholds given by the host (<see cref="RfmOptions.RecencyThresholds"/> and the like).</summary>
    Thresholds = 2,
}
