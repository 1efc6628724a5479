using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds loyalty stages, transition tracking and the next best action to a <see cref="IRelationshipKitBuilder"/>.</summary>
public static class LoyaltyRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Adds validated <see cref="LoyaltyOptions"/>; the built-in stage models <c>loyaltyLadder</c> and <c>lifecycle</c>
    /// (keyed <see cref="StageModel"/> and <see cref="StageTracker"/> services, found by <see cref="IStageModelProvider"/>);
    /// an <see cref="IStageHistoryStore"/> (in memory unless another is registered) that takes part in personal-data
    /// erasure; the interaction services (<c>AddInteractions</c>) and a <see cref="NextBestActionEngine"/> over their
    /// <see cref="ContactPolicy"/> (with a <see cref="CoPurchaseModel"/> when one is registered), all singletons.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddRelationshipKit()</c>.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it twice registers nothing twice (each <paramref name="configure"/> still applies). Invalid options fail
    /// at host start and, without a host, when a service that reads them is resolved, with an
    /// <see cref="OptionsValidationException"/> naming the option.
    /// </remarks>
    public static IRelationshipKitBuilder AddLoyalty(this IRelationshipKitBuilder builder, Action<LoyaltyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<LoyaltyOptions> options = services.AddOptions<LoyaltyOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoyaltyOptions>, LoyaltyOptionsValidator>());
        builder.AddInteractions();
        builder.AddStageModel(LoyaltyLadder.ModelName, sp => LoyaltyLadder.Create(Options(sp).Ladder));
        builder.AddStageModel(CustomerLifecycle.ModelName, sp => CustomerLifecycle.Create(Options(sp).Lifecycle));
        services.TryAddSingleton(sp => new NextBestActionEngine(
            sp.GetRequiredService<ContactPolicy>(),
            Options(sp).NextBestAction,
            sp.GetService<CoPurchaseModel>()));
        return builder;
    }

    /// <summary>
    /// Registers a stage model under <paramref name="name"/> (a keyed <see cref="StageModel"/> singleton and its keyed
    /// <see cref="StageTracker"/>), the <see cref="IStageModelProvider"/> that finds it, and an in-memory
    /// <see cref="IStageHistoryStore"/> unless another is registered. The built-in models use this same door.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The model's name (lower camel case); the model built must carry it. A second registration under the same name changes nothing.</param>
    /// <param name="factory">Builds the model from the container.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    /// <remarks>Resolving the model throws <see cref="InvalidOperationException"/> when the factory returns a model with another name.</remarks>
    public static IRelationshipKitBuilder AddStageModel(this IRelationshipKitBuilder builder, string name, Func<IServiceProvider, StageModel> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!Stage.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid model name: use lower camel case ASCII, at most 48 characters.", nameof(name));
        }

        IServiceCollection services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStageModelProvider, StageModelProvider>();
        services.TryAddSingleton<IStageHistoryStore>(_ => new InMemoryStageHistoryStore());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataStore, StageHistoryStoreErasure>());
        services.TryAddSingleton(sp => new PersonalDataEraser(sp.GetServices<IPersonalDataStore>()));
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.IsKeyedService && descriptor.ServiceType == typeof(StageModel) && Equals(descriptor.ServiceKey, name))
            {
                return builder;
            }
        }

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            StageModel model = factory(sp) ?? throw new InvalidOperationException($"The factory of stage model '{name}' returned null.");
            return string.Equals(model.Name, name, StringComparison.Ordinal)
                ? model
                : throw new InvalidOperationException($"The stage model registered as '{name}' is named '{model.Name}'.");
        });
        services.AddKeyedSingleton(name, (sp, _) => new StageTracker(
            sp.GetRequiredKeyedService<StageModel>(name),
            sp.GetRequiredService<IStageHistoryStore>(),
            sp.GetServices<IStageTransitionObserver>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new StageModelName(name));
        return builder;
    }

    /// <summary>Registers an observer of stage transitions (a singleton); every tracker resolved afterwards tells it. Registering the same type twice changes nothing.</summary>
    /// <typeparam name="TObserver">The observer type, constructed by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IRelationshipKitBuilder AddStageTransitionObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>(this IRelationshipKitBuilder builder)
        where TObserver : class, IStageTransitionObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStageTransitionObserver, TObserver>());
        return builder;
    }

    private static LoyaltyOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<LoyaltyOptions>>().Value;
}
