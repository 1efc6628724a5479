using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers scoring strategies on an <see cref="IRelationshipKitBuilder"/>.</summary>
public static class ScoringRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStrategy"/> as a singleton keyed <see cref="IScoringStrategy"/> under
    /// <paramref name="name"/>, and the <see cref="IScoringStrategyProvider"/> that finds it. The built-in
    /// strategies are registered through this same method.
    /// </summary>
    /// <typeparam name="TStrategy">The strategy type, constructed by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The registration name; not empty. A second registration under the same name changes nothing.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static IRelationshipKitBuilder AddScoringStrategy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStrategy>(
        this IRelationshipKitBuilder builder,
        string name)
        where TStrategy : class, IScoringStrategy
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Register(builder, name, () => builder.Services.AddKeyedSingleton<IScoringStrategy, TStrategy>(name));
    }

    /// <summary>
    /// Registers a strategy made by <paramref name="factory"/> as a singleton keyed <see cref="IScoringStrategy"/>
    /// under <paramref name="name"/>, and the <see cref="IScoringStrategyProvider"/> that finds it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The registration name; not empty. A second registration under the same name changes nothing.</param>
    /// <param name="factory">Makes the strategy from the container.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static IRelationshipKitBuilder AddScoringStrategy(
        this IRelationshipKitBuilder builder,
        string name,
        Func<IServiceProvider, IScoringStrategy> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        return Register(builder, name, () => builder.Services.AddKeyedSingleton(name, (sp, _) => factory(sp)));
    }

    private static IRelationshipKitBuilder Register(IRelationshipKitBuilder builder, string name, Action add)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.TryAddSingleton<IScoringStrategyProvider, ScoringStrategyProvider>();
        foreach (ServiceDescriptor descriptor in builder.Services)
        {
            if (descriptor.IsKeyedService && descriptor.ServiceType == typeof(IScoringStrategy) && Equals(descriptor.ServiceKey, name))
            {
                return builder;
            }
        }

        add();
        builder.Services.AddSingleton(new ScoringStrategyName(name));
        return builder;
    }
}
