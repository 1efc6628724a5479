namespace RelationshipKit.Internal;

/// <summary>The in-memory tombstones of erased idempotency keys (digests only). Not thread-safe: the owner locks.</summary>
internal sealed class ErasedKeySet
{
    private readonly HashSet<ulong> _prefilter = [];
    private readonly HashSet<UInt128> _digests = [];

    public int Count => _digests.Count;

    public void Add(string key)
    {
        _prefilter.Add(KeyDigest.Prefilter(key));
        _digests.Add(KeyDigest.Compute128(key));
    }

    public bool Contains(string key) =>
        _digests.Count != 0
        && _prefilter.Contains(KeyDigest.Prefilter(key))
        && _digests.Contains(KeyDigest.Compute128(key));
}
