using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Interactions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds interaction history, preferences and the contact policy to a <see cref="IRelationshipKitBuilder"/>.</summary>
public static class InteractionsRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Adds validated <see cref="InteractionOptions"/>, an <see cref="IInteractionStore"/> (in memory unless another is
    /// registered), an <see cref="IContactPreferenceStore"/> (in memory unless another is registered), a
    /// <see cref="ContactPolicy"/>, an <see cref="InteractionNdjson"/> and a <see cref="PersonalDataEraser"/> that
    /// erases both stores, all singletons.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddRelationshipKit()</c>.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it twice registers nothing twice (each <paramref name="configure"/> still applies). A store registered
    /// before or after (for example by <c>AddSqliteInteractionStore</c>) takes the place of the in-memory one. Invalid
    /// options fail at host start and, without a host, when a service that reads them is resolved, with an
    /// <see cref="OptionsValidationException"/> naming the option.
    /// </remarks>
    public static IRelationshipKitBuilder AddInteractions(this IRelationshipKitBuilder builder, Action<InteractionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<InteractionOptions> options = services.AddOptions<InteractionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InteractionOptions>, InteractionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInteractionStore>(sp => new InMemoryInteractionStore(
            sp.GetRequiredService<IOptions<InteractionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IContactPreferenceStore>(_ => new InMemoryContactPreferenceStore());
        services.TryAddSingleton(sp => new ContactPolicy(
            sp.GetRequiredService<IInteractionStore>(),
            sp.GetRequiredService<IContactPreferenceStore>(),
            sp.GetRequiredService<IOptions<InteractionOptions>>().Value.ContactPolicy,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new InteractionNdjson(
            sp.GetRequiredService<IOptions<InteractionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataStore, InteractionStoreErasure>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataStore, ContactPreferenceStoreErasure>());
        services.TryAddSingleton(sp => new PersonalDataEraser(sp.GetServices<IPersonalDataStore>()));
        return builder;
    }
}
