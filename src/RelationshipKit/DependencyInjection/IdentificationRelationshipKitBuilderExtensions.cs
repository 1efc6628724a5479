using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Identification;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds identification to a RelationshipKit registration.</summary>
public static class IdentificationRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Adds identification: validated <see cref="IdentificationOptions"/>, a singleton <see cref="IPhoneNumberNormalizer"/>
    /// (the core's <see cref="DigitsPhoneNumberNormalizer"/> unless one is already registered, e.g. by
    /// RelationshipKit.PhoneNumbers), a singleton <see cref="IdentityNormalizer"/> and a singleton <see cref="IdentityResolver"/>.
    /// </summary>
    /// <param name="builder">The RelationshipKit builder.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it twice registers nothing twice (each <paramref name="configure"/> still applies). Invalid options fail
    /// at host start (<c>ValidateOnStart</c>) and, without a host, when the resolver is resolved, with an
    /// <see cref="OptionsValidationException"/> whose message names the option (<c>IdentificationOptions.MatchThreshold ...</c>).
    /// </remarks>
    public static IRelationshipKitBuilder AddIdentification(this IRelationshipKitBuilder builder, Action<IdentificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        OptionsBuilder<IdentificationOptions> options = services.AddOptions<IdentificationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentificationOptions>, IdentificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPhoneNumberNormalizer>(sp =>
            new DigitsPhoneNumberNormalizer(sp.GetRequiredService<IOptions<IdentificationOptions>>().Value.Normalization.DefaultCallingCode));
        services.TryAddSingleton(sp => new IdentityNormalizer(
            sp.GetRequiredService<IOptions<IdentificationOptions>>().Value.Normalization,
            sp.GetRequiredService<IPhoneNumberNormalizer>()));
        services.TryAddSingleton(sp => new IdentityResolver(
            sp.GetRequiredService<IOptions<IdentificationOptions>>().Value,
            sp.GetRequiredService<IPhoneNumberNormalizer>(),
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
