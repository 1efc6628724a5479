using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelationshipKit;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Sqlite;
using RelationshipKit.Sqlite.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts RelationshipKit's interaction history, preferences and consents in a SQLite database.</summary>
public static class SqliteRelationshipKitBuilderExtensions
{
    /// <summary>
    /// Adds interactions (as <c>AddInteractions</c> does) with a <see cref="SqliteInteractionStore"/> as the
    /// <see cref="IInteractionStore"/> and a <see cref="SqliteContactPreferenceStore"/> as the
    /// <see cref="IContactPreferenceStore"/>, both singletons over the database in validated <see cref="SqliteStoreOptions"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddRelationshipKit()</c>.</param>
    /// <param name="configure">Configures the options; <see cref="SqliteStoreOptions.DatabasePath"/> must be set.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// The SQLite stores take the place of the in-memory ones whether <c>AddInteractions</c> is called before or after;
    /// calling this twice registers nothing twice. Invalid options fail at host start and, without a host, when a
    /// store is resolved, with an <see cref="OptionsValidationException"/> naming the option. The container disposes
    /// the stores.
    /// </remarks>
    public static IRelationshipKitBuilder AddSqliteInteractionStore(this IRelationshipKitBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        IServiceCollection services = builder.Services;
        services.AddOptions<SqliteStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteInteractionStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetRequiredService<IOptions<InteractionOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SqliteContactPreferenceStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IInteractionStore>(sp => sp.GetRequiredService<SqliteInteractionStore>()));
        services.Replace(ServiceDescriptor.Singleton<IContactPreferenceStore>(sp => sp.GetRequiredService<SqliteContactPreferenceStore>()));
        return builder.AddInteractions();
    }
    /// <summary>
    /// Puts the stage history in a SQLite database: a <see cref="SqliteStageHistoryStore"/> singleton takes the place of
    /// the in-memory <see cref="IStageHistoryStore"/>, whether <c>AddLoyalty</c> is called before or after, and takes
    /// part in personal-data erasure. It uses the same validated <see cref="SqliteStoreOptions"/> as the interaction store.
    /// </summary>
    /// <param name="builder">The builder from <c>services.AddRelationshipKit()</c>.</param>
    /// <param name="configure">Configures the options; <see cref="SqliteStoreOptions.DatabasePath"/> must be set.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <remarks>Calling it twice registers nothing twice. Invalid options fail when the store is resolved, with an <see cref="OptionsValidationException"/> naming the option. The container disposes the store.</remarks>
    public static IRelationshipKitBuilder AddSqliteStageHistoryStore(this IRelationshipKitBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        IServiceCollection services = builder.Services;
        services.AddOptions<SqliteStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteStageHistoryStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IStageHistoryStore>(sp => sp.GetRequiredService<SqliteStageHistoryStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataStore, StageHistoryStoreErasure>());
        services.TryAddSingleton(sp => new PersonalDataEraser(sp.GetServices<IPersonalDataStore>()));
        return builder;
    }
}
