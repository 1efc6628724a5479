using System.Buffers;
using System.Runtime.CompilerServices;

namespace RelationshipKit.Internal;

/// <summary>
/// The bookkeeping of rows appended bucket by bucket into one arena: each bucket is a chain of chunks of
/// <see cref="ChunkRows"/> rows, each chunk taken from the arena when the bucket's last one is full. The caller keeps
/// the arena (any row type, <see cref="RowCapacity"/> long) and appends through <see cref="Cursors"/>; the summary
/// builder and the RFM population builder share it. All arrays are pooled (<see cref="Dispose"/>).
/// </summary>
internal sealed class ChunkChains : IDisposable
{
    /// <summary>log2 of the rows of a chunk.</summary>
    public const int ChunkShift = 12;

    /// <summary>The rows of a chunk.</summary>
    public const int ChunkRows = 1 << ChunkShift;

    private readonly int _buckets;
    private int _chunksUsed;

    /// <summary>Sizes the chains for <paramref name="rowCount"/> rows in <paramref name="bucketCount"/> buckets.</summary>
    public ChunkChains(int rowCount, int bucketCount)
    {
        _buckets = Math.Max(bucketCount, 1);

        // Each bucket's last chunk may be partly empty, so there are at most rows / ChunkRows + buckets chunks.
        int maxChunks = checked((rowCount >> ChunkShift) + 1 + _buckets);
        RowCapacity = checked(maxChunks << ChunkShift);
        NextChunk = ArrayPool<int>.Shared.Rent(maxChunks);
        FirstChunk = ArrayPool<int>.Shared.Rent(_buckets);
        LastChunk = ArrayPool<int>.Shared.Rent(_buckets);
        Cursors = ArrayPool<Cursor>.Shared.Rent(_buckets);
        Array.Fill(FirstChunk, -1, 0, _buckets);
        Array.Clear(Cursors, 0, _buckets); // Next == Limit: the first append starts a chunk
    }

    /// <summary>The rows the arena must hold.</summary>
    public int RowCapacity { get; }

    /// <summary>Per chunk, the next chunk of its bucket, or -1.</summary>
    public int[] NextChunk { get; }

    /// <summary>Per bucket, its first chunk, or -1.</summary>
    public int[] FirstChunk { get; }

    /// <summary>Per bucket, its last chunk.</summary>
    public int[] LastChunk { get; }

    /// <summary>Per bucket, where its next row goes and where its last chunk ends.</summary>
    public Cursor[] Cursors { get; }

    /// <summary>Gives <paramref name="bucket"/> a new chunk, its last one full (or none yet).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void StartChunk(int bucket)
    {
        int chunk = _chunksUsed++;
        NextChunk[chunk] = -1;
        if (FirstChunk[bucket] < 0)
        {
            FirstChunk[bucket] = chunk;
        }
        else
        {
            NextChunk[LastChunk[bucket]] = chunk;
        }

        LastChunk[bucket] = chunk;
        Cursors[bucket] = new Cursor { Next = chunk << ChunkShift, Limit = (chunk << ChunkShift) + ChunkRows };
    }

    /// <summary>The rows of <paramref name="chunk"/> in <paramref name="bucket"/>: from its start to its end or, for the bucket's last chunk, to the next free row.</summary>
    public (int Start, int End) RowsOf(int bucket, int chunk) =>
        (chunk << ChunkShift, NextChunk[chunk] < 0 ? Cursors[bucket].Next : (chunk << ChunkShift) + ChunkRows);

    /// <summary>The largest number of rows in one bucket.</summary>
    public int MaxBucketRows()
    {
        int max = 0;
        for (int b = 0; b < _buckets; b++)
        {
            int rows = 0;
            for (int chunk = FirstChunk[b]; chunk >= 0; chunk = NextChunk[chunk])
            {
                (int start, int end) = RowsOf(b, chunk);
                rows += end - start;
            }

            max = Math.Max(max, rows);
        }

        return max;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(NextChunk);
        ArrayPool<int>.Shared.Return(FirstChunk);
        ArrayPool<int>.Shared.Return(LastChunk);
        ArrayPool<Cursor>.Shared.Return(Cursors);
    }

    /// <summary>A bucket's append position: the next free row and the end of the bucket's last chunk.</summary>
    public struct Cursor
    {
        /// <summary>The next free row.</summary>
        public int Next;

        /// <summary>The end of the bucket's last chunk.</summary>
        public int Limit;
    }
}
