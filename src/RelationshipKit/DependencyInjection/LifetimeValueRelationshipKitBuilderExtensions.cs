using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation.LifetimeValue;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the lifetime-value scoring strategy on an <see cref="IRelationshipKitBuilder"/>.</summary>
public static class LifetimeValueRelationshipKitBuilderExtensions
{
    /// <summary>The registration name used when none is given: <c>"clv"</c>.</summary>
    public const string DefaultName = "clv";

    /// <summary>
    /// Registers a <see cref="LifetimeValueScoringStrategy"/> under <see cref="DefaultName"/> with default options
    /// (BG/NBD plus Gamma-Gamma, one year, 10 % a year, margin 1).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IRelationshipKitBuilder AddLifetimeValueScoring(this IRelationshipKitBuilder builder) => AddLifetimeValueScoring(builder, DefaultName, null);

    /// <summary>
    /// Registers a <see cref="LifetimeValueScoringStrategy"/> under <paramref name="name"/> with named, validated
    /// <see cref="LifetimeValueScoringOptions"/> (named options <paramref name="name"/>), through the same
    /// <c>AddScoringStrategy</c> door as every strategy. Register several names for several models, for example
    /// <c>"bgnbd"</c> and <c>"paretonbd"</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The registration name; not empty. A second registration under the same name changes nothing but adds its configuration.</param>
    /// <param name="configure">Configures the options; may be <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <remarks>
    /// Invalid options fail at host start (<c>ValidateOnStart</c>) and, without a host, when the strategy is resolved,
    /// with an <see cref="OptionsValidationException"/> whose message names the option.
    /// </remarks>
    public static IRelationshipKitBuilder AddLifetimeValueScoring(this IRelationshipKitBuilder builder, string name, Action<LifetimeValueScoringOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        OptionsBuilder<LifetimeValueScoringOptions> options = builder.Services.AddOptions<LifetimeValueScoringOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LifetimeValueScoringOptions>, LifetimeValueScoringOptionsValidator>());
        return builder.AddScoringStrategy(name, sp => new LifetimeValueScoringStrategy(sp.GetRequiredService<IOptionsMonitor<LifetimeValueScoringOptions>>().Get(name)));
    }
}
