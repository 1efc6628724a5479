using System.Runtime.CompilerServices;

namespace RelationshipKit.Internal;

/// <summary>Adapts a synchronous sequence to <see cref="IAsyncEnumerable{T}"/>, checking the token between items.</summary>
internal static class AsyncStreams
{
    public static async IAsyncEnumerable<T> FromSync<T>(IEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (T item in source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
