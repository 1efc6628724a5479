namespace RelationshipKit.Identification;

/// <summary>The trained parameters of one comparison level.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
/// <param name="Label">The level's label (<c>missing</c>, <c>exact</c>, ..., <c>else</c>).</param>
/// <param name="M">The m probability: P(level | the records are the same person); NaN for "missing".</param>
/// <param name="U">The u probability: P(level | the records are different people); NaN for "missing".</param>
public readonly record struct LevelParameters(string Label, double M, double U)
{
    /// <summary>The match weight log2(m / u) in bits: positive is evidence for a match; 0 for "missing" or an untrained comparison.</summary>
    public double Weight => double.IsNaN(M) || double.IsNaN(U) || M <= 0 || U <= 0 ? 0 : Math.Log2(M / U);
}
