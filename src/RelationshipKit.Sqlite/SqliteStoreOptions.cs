using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Sqlite;

/// <summary>Where and how the SQLite stores keep their data.</summary>
/// <remarks>
/// The interaction store and the contact preference store can share one database file. The database runs in WAL
/// mode with <c>secure_delete=ON</c>; after an erasure the stores checkpoint and truncate the write-ahead log so
/// that erased bytes are gone from the database file and from the log. A plain options bag; not thread-safe while it
/// is being changed.
/// </remarks>
public sealed class SqliteStoreOptions : IValidatableObject
{
    internal const SqliteSynchronousMode DefaultSynchronous = SqliteSynchronousMode.Full;
    internal static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The path of the database file; it is created (with its folder) if missing.</summary>
    /// <value>Default empty: must be set.</value>
    [Required]
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How writes are synced to disk.</summary>
    /// <value>Default <see cref="SqliteSynchronousMode.Full"/>: an acknowledged append survives a power loss.</value>
    [EnumDataType(typeof(SqliteSynchronousMode))]
    public SqliteSynchronousMode Synchronous { get; set; } = DefaultSynchronous;

    /// <summary>How long a statement waits for another connection or process that holds the database lock, and how long an erasure retries its log checkpoint.</summary>
    /// <value>Default 30 seconds; from 1 second to 1 hour.</value>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    internal List<ValidationResult> Validate()
    {
        var results = new List<ValidationResult>();
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            results.Add(new ValidationResult($"{nameof(DatabasePath)} must name the database file.", [nameof(DatabasePath)]));
        }
        else if (DatabasePath.Contains('\0', StringComparison.Ordinal) || DatabasePath.Contains(';', StringComparison.Ordinal) && DatabasePath.Contains('=', StringComparison.Ordinal))
        {
            results.Add(new ValidationResult($"{nameof(DatabasePath)} must be a file path, not a connection string.", [nameof(DatabasePath)]));
        }

        if (!Enum.IsDefined(Synchronous))
        {
            results.Add(new ValidationResult($"{nameof(Synchronous)} must be Normal, Full or Extra; it is {(int)Synchronous}.", [nameof(Synchronous)]));
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1) || BusyTimeout > TimeSpan.FromHours(1))
        {
            results.Add(new ValidationResult($"{nameof(BusyTimeout)} must be from 1 second to 1 hour; it is {BusyTimeout}.", [nameof(BusyTimeout)]));
        }

        return results;
    }

    /// <summary>Throws when the options are not valid.</summary>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names it.</exception>
    internal void ThrowIfInvalid()
    {
        List<ValidationResult> results = Validate();
        if (results.Count > 0)
        {
            throw new OptionsValidationException(
                nameof(SqliteStoreOptions),
                typeof(SqliteStoreOptions),
                results.Select(r => $"{nameof(SqliteStoreOptions)}.{r.ErrorMessage}"));
        }
    }

    internal SqliteStoreOptions Clone() => (SqliteStoreOptions)MemberwiseClone();
}
