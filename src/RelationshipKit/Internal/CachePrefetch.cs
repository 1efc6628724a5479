using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RelationshipKit.Internal;

/// <summary>A hint to the processor to bring a cache line in ahead of its use (nothing where there is no such instruction).</summary>
/// <remarks>
/// A prefetch never faults and changes no value: an address that is no longer the array's (the collector may move it
/// between the address being taken and the hint) costs at most a wasted memory read. The address is computed as a
/// pointer, so no managed reference ever points outside the array.
/// </remarks>
internal static class CachePrefetch
{
    /// <summary>Prefetches element <paramref name="index"/> of <paramref name="array"/> (which may lie past its end) into all cache levels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index)
        where T : unmanaged
    {
        if (Sse.IsSupported)
        {
            byte* address = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) + ((nint)index * sizeof(T));
            Sse.Prefetch0(address);
        }
    }
}
