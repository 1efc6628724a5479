namespace RelationshipKit;

/// <summary>What one <see cref="IPersonalDataStore.EraseAsync"/> call erased.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct ErasureResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="customerId">The customer erased.</param>
    /// <param name="recordsErased">How many records were removed; 0 when the customer was unknown.</param>
    /// <param name="storageScrubbed">Whether the erased bytes are also gone from the storage the store controls.</param>
    public ErasureResult(CustomerId customerId, long recordsErased, bool storageScrubbed)
    {
        CustomerId = customerId;
        RecordsErased = recordsErased;
        StorageScrubbed = storageScrubbed;
    }

    /// <summary>The customer erased.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>How many records (interactions, consents, preference rows) were removed; 0 when the customer was unknown.</summary>
    public long RecordsErased { get; }

    /// <summary>
    /// Whether the erased bytes are also gone from the storage the store controls (for a file store: the database file
    /// and its write-ahead log); always <see langword="true"/> when nothing was erased. <see langword="false"/> means the
    /// data are logically gone (no read returns them) but some bytes may remain until the store's next scrub, for
    /// example because scrubbing on erasure is turned off or a long read held the log open.
    /// </summary>
    public bool StorageScrubbed { get; }
}
