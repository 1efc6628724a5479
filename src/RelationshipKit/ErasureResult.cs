namespace RelationshipKit;

/// <summary>What one <see cref="IPersonalDataStore.EraseAsync"/> call erased.</summary>
/// <param name="CustomerId">The customer erased.</param>
/// <param name="RecordsErased">How many records (interactions, consents, preference rows) were removed; 0 when the customer was unknown.</param>
/// <param name="StorageScrubbed">
/// Whether the erased bytes are also gone from the storage the store controls (for a file store: the database file
/// and its write-ahead log); always <see langword="true"/> when nothing was erased. <see langword="false"/> means the
/// data are logically gone (no read returns them) but some bytes may remain until the store's next scrub, for
/// example because scrubbing on erasure is turned off or a long read held the log open.
/// </param>
public readonly record struct ErasureResult(CustomerId CustomerId, long RecordsErased, bool StorageScrubbed);
