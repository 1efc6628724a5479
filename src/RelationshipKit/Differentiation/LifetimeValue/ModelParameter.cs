using System.Globalization;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>One fitted model parameter with its name from the cited paper, standard error and confidence interval.</summary>
/// <remarks>
/// The fit works on ln θ; the standard error is the delta-method figure θ·se(ln θ), and the interval is
/// exp(ln θ ± z·se(ln θ)), which stays positive. Without a fit (a model made from known values), the standard error
/// and the bounds are NaN. An immutable value; thread-safe.
/// </remarks>
public readonly record struct ModelParameter
{
    /// <summary>Creates a parameter.</summary>
    /// <param name="name">The name in the paper, for example <c>"alpha"</c>.</param>
    /// <param name="value">The estimate.</param>
    /// <param name="standardError">The standard error, or NaN when unknown.</param>
    /// <param name="lower">The lower confidence bound, or NaN.</param>
    /// <param name="upper">The upper confidence bound, or NaN.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public ModelParameter(string name, double value, double standardError, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
        StandardError = standardError;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The name in the cited paper (<c>r</c>, <c>alpha</c>, <c>a</c>, <c>b</c>, <c>s</c>, <c>beta</c>, <c>p</c>, <c>q</c>, <c>gamma</c>, <c>delta</c>).</summary>
    public string Name { get; }

    /// <summary>The estimate.</summary>
    public double Value { get; }

    /// <summary>The asymptotic standard error from the observed information, or NaN.</summary>
    public double StandardError { get; }

    /// <summary>The lower bound of the confidence interval, or NaN.</summary>
    public double Lower { get; }

    /// <summary>The upper bound of the confidence interval, or NaN.</summary>
    public double Upper { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G6} (se {StandardError:G3}, [{Lower:G6}, {Upper:G6}])");
}
