using Microsoft.Extensions.Options;

namespace RelationshipKit.Sqlite.DependencyInjection;

/// <summary>Source-generated DataAnnotations validation of <see cref="SqliteStoreOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>;
