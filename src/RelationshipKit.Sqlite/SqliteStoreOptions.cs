using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RelationshipKit.Sqlite;

/// <summary>Where and how the SQLite stores keep their data.</summary>
/// <remarks>
/// <para>The interaction store and the contact preference store can share one database file. The database runs in
/// WAL mode with <c>secure_delete=ON</c>, which zeroes the bytes of deleted rows. That alone is not enough for
/// erasure: when SQLite splits or rebalances a page it moves rows without zeroing the space they leave, so stale
/// copies of a customer's rows can survive in the unused space of other pages. With <see cref="ScrubOnErase"/> (the
/// default) every erasure therefore ends with <c>VACUUM</c> (a rewrite of the whole file, so its cost grows with the
/// database) and a truncating WAL checkpoint, after which the erased bytes are gone from the database file and the
/// log. A host with a large database may turn it off and call <c>ScrubAsync</c> after a batch of erasures.</para>
/// <para>A plain options bag; not thread-safe while it is being changed.</para>
/// </remarks>
public sealed class SqliteStoreOptions : IValidatableObject
{
    internal const SqliteSynchronousMode DefaultSynchronous = SqliteSynchronousMode.Full;
    internal const bool DefaultScrubOnErase = true;
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

    /// <summary>
    /// Whether each erasure rewrites the file (<c>VACUUM</c>) and truncates the write-ahead log before it returns, so
    /// that no byte of the erased data is left in either file.
    /// </summary>
    /// <value>Default <see langword="true"/>. With <see langword="false"/>, erased rows are deleted and zeroed and the log is truncated, but stale copies left by earlier page splits may remain until <c>ScrubAsync</c> runs.</value>
    public bool ScrubOnErase { get; set; } = DefaultScrubOnErase;

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
