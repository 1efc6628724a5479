using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Summaries;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RelationshipKit in a <see cref="IServiceCollection"/>.</summary>
public static class RelationshipKitServiceCollectionExtensions
{
    /// <summary>
    /// Adds the RelationshipKit core: validated <see cref="RelationshipKitOptions"/>, <see cref="TimeProvider.System"/>
    /// (unless a <see cref="TimeProvider"/> is already registered), a singleton <see cref="CustomerSummaryBuilder"/>
    /// and a singleton <see cref="CustomerSummaryAccumulator"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns>A builder on which capabilities add their registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Calling it twice registers nothing twice (each <paramref name="configure"/> still applies). Invalid options
    /// fail at host start (<c>ValidateOnStart</c>) and, without a host, when a service that reads them is resolved,
    /// with an <see cref="OptionsValidationException"/> whose message names the option.
    /// </remarks>
    public static IRelationshipKitBuilder AddRelationshipKit(this IServiceCollection services, Action<RelationshipKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<RelationshipKitOptions> options = services.AddOptions<RelationshipKitOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelationshipKitOptions>, RelationshipKitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CustomerSummaryBuilder(
            sp.GetRequiredService<IOptions<RelationshipKitOptions>>().Value.Summaries,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CustomerSummaryAccumulator(
            sp.GetRequiredService<IOptions<RelationshipKitOptions>>().Value.Summaries,
            sp.GetRequiredService<TimeProvider>()));
        return new RelationshipKitBuilder(services);
    }
}
