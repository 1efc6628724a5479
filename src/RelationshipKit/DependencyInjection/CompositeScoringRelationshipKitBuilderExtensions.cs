using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Composite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers weighted composite scoring on an <see cref="IRelationshipKitBuilder"/>.</summary>
public static class CompositeScoringRelationshipKitBuilderExtensions
{
    [ThreadStatic]
    private static HashSet<string>? s_resolving;

    /// <summary>
    /// Registers a <see cref="WeightedCompositeStrategy"/> under <paramref name="name"/> through <c>AddScoringStrategy</c>;
    /// its components are other registered strategies, resolved by name when the composite is first resolved.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The registration name of the composite; not empty.</param>
    /// <param name="configure">Adds the components and weights (<see cref="CompositeScoringOptions.Add"/>) and other options.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="name"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <remarks>
    /// The options are named options (<paramref name="name"/>); a second call with the same name registers nothing
    /// more but its <paramref name="configure"/> also applies. Resolving fails with an
    /// <see cref="OptionsValidationException"/> naming the option when options are invalid, with a
    /// <see cref="KeyNotFoundException"/> listing the registered names when a component is not registered, and with an
    /// <see cref="InvalidOperationException"/> when composites refer to each other in a cycle.
    /// </remarks>
    public static IRelationshipKitBuilder AddWeightedCompositeScoring(this IRelationshipKitBuilder builder, string name, Action<CompositeScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<CompositeScoringOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CompositeScoringOptions>, CompositeScoringOptionsValidator>());
        return builder.AddScoringStrategy(name, sp => Create(sp, name));
    }

    private static WeightedCompositeStrategy Create(IServiceProvider services, string name)
    {
        CompositeScoringOptions options = services.GetRequiredService<IOptionsMonitor<CompositeScoringOptions>>().Get(name);
        IScoringStrategyProvider provider = services.GetRequiredService<IScoringStrategyProvider>();
        HashSet<string> resolving = s_resolving ??= new HashSet<string>(StringComparer.Ordinal);
        if (!resolving.Add(name))
        {
            throw new InvalidOperationException($"The weighted composite '{name}' refers to itself through its components ({string.Join(" -> ", resolving)} -> {name}).");
        }

        try
        {
            var strategies = new Dictionary<string, IScoringStrategy>(StringComparer.Ordinal);
            foreach (CompositeComponentOptions component in options.Components)
            {
                if (component?.Strategy is { } strategyName && !strategies.ContainsKey(strategyName))
                {
                    if (string.Equals(strategyName, name, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"The weighted composite '{name}' lists itself as a component.");
                    }

                    strategies[strategyName] = provider.GetStrategy(strategyName);
                }
            }

            return new WeightedCompositeStrategy(options, strategies);
        }
        finally
        {
            resolving.Remove(name);
        }
    }
}
