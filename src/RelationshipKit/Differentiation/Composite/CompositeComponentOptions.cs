namespace RelationshipKit.Differentiation.Composite;

/// <summary>One component of a weighted composite: a registered strategy and its weight (part of <see cref="CompositeScoringOptions"/>).</summary>
/// <remarks>A plain options item: not thread-safe while it is being changed.</remarks>
public sealed class CompositeComponentOptions
{
    /// <summary>The name under which the component strategy is registered (for example <c>"rfm"</c>).</summary>
    /// <value>Default empty, which is invalid: set it.</value>
    public string Strategy { get; set; } = string.Empty;

    /// <summary>The weight of the component's normalised score.</summary>
    /// <value>Default 1; finite and above 0.</value>
    public double Weight { get; set; } = 1d;
}
