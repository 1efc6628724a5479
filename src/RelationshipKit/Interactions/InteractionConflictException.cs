using System.Globalization;
using System.Text;

namespace RelationshipKit.Interactions;

/// <summary>
/// An append was refused: an id was reused with different content, or a customer's version was not the expected one.
/// Nothing from the refused call was stored (a batch is atomic).
/// </summary>
/// <remarks><see cref="Conflicts"/> lists every refused interaction of the call, so a caller can drop them and retry the rest.</remarks>
public sealed class InteractionConflictException : Exception
{
    private readonly InteractionConflict[] _conflicts = [];

    /// <summary>Creates the exception.</summary>
    public InteractionConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public InteractionConflictException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InteractionConflictException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a list of conflicts.</summary>
    /// <param name="conflicts">The refused interactions; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="conflicts"/> is <see langword="null"/>.</exception>
    public InteractionConflictException(IReadOnlyList<InteractionConflict> conflicts)
        : base(Describe(conflicts))
    {
        _conflicts = [.. conflicts];
    }

    /// <summary>Every refused interaction of the call, in input order.</summary>
    public IReadOnlyList<InteractionConflict> Conflicts => _conflicts;

    private static string Describe(IReadOnlyList<InteractionConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{conflicts.Count} interaction(s) refused, nothing stored:");
        for (int i = 0; i < conflicts.Count && i < 5; i++)
        {
            InteractionConflict c = conflicts[i];
            text.Append(' ');
            text.Append(c.Reason == InteractionConflictReason.DifferentContent
                ? string.Create(CultureInfo.InvariantCulture, $"[{c.Index}] id '{c.InteractionId}' is already stored with different content;")
                : string.Create(CultureInfo.InvariantCulture, $"[{c.Index}] customer '{c.CustomerId}' is at version {c.ActualVersion}, not the expected {c.ExpectedVersion};"));
        }

        if (conflicts.Count > 5)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {conflicts.Count - 5} more.");
        }

        return text.ToString();
    }
}
