using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RelationshipKit.Internal;

/// <summary>
/// One-way digests of idempotency keys, kept as tombstones after an erasure: SHA-256 over the UTF-8 key (the key
/// itself, the customer and the content are not kept), and a cheap 64-bit pre-filter hash so that a store only
/// computes SHA-256 for keys that might be tombstoned.
/// </summary>
internal static class KeyDigest
{
    public const int Length = 32;

    public static void Compute(string key, Span<byte> digest)
    {
        int max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int written = Encoding.UTF8.GetBytes(key, buffer);
        SHA256.HashData(buffer[..written], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static byte[] Compute(string key)
    {
        byte[] digest = new byte[Length];
        Compute(key, digest);
        return digest;
    }

    public static UInt128 Compute128(string key)
    {
        Span<byte> digest = stackalloc byte[Length];
        Compute(key, digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable, fast, used only as a pre-filter.</summary>
    public static ulong Prefilter(string key)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
