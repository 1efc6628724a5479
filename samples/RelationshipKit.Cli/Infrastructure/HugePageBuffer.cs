using System.Runtime.InteropServices;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// A block of native memory for large columns, aligned to 2 MB and, on Linux, advised to be backed by transparent
/// huge pages (<c>madvise(MADV_HUGEPAGE)</c>), so that filling 400 MB of columns costs a few hundred page faults
/// instead of a hundred thousand. Not zeroed. Freed by <see cref="Dispose"/> (or, failing that, the finalizer).
/// </summary>
internal sealed unsafe partial class HugePageBuffer : IDisposable
{
    private const nuint Alignment = 2 << 20;
    private const int MadviseHugePage = 14;

    private void* _pointer;

    private HugePageBuffer(void* pointer, nuint length)
    {
        _pointer = pointer;
        Length = length;
    }

    ~HugePageBuffer() => Free();

    /// <summary>The usable length in bytes.</summary>
    public nuint Length { get; }

    /// <summary>Allocates at least <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="OutOfMemoryException">The memory is not available.</exception>
    public static HugePageBuffer Allocate(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        nuint length = ((nuint)Math.Max(bytes, 1) + Alignment - 1) & ~(Alignment - 1);
        void* pointer = NativeMemory.AlignedAlloc(length, Alignment);
        if (OperatingSystem.IsLinux())
        {
            _ = Madvise(pointer, length, MadviseHugePage); // a hint: without it the pages are just smaller
        }

        return new HugePageBuffer(pointer, length);
    }

    /// <summary>The start of the block (valid until <see cref="Dispose"/>).</summary>
    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return (byte*)_pointer;
        }
    }

    /// <summary><paramref name="count"/> items of <typeparamref name="T"/> from <paramref name="byteOffset"/>.</summary>
    public Span<T> Slice<T>(nuint byteOffset, int count)
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        if (byteOffset + ((nuint)count * (nuint)sizeof(T)) > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        return new Span<T>((byte*)_pointer + byteOffset, count);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer is not null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(void* address, nuint length, int advice);
}
