using System.Globalization;
using System.Text;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// Thrown when segment rules do not assign every RFM cell to exactly one segment: some cells match rules of
/// two or more segments, or (without a fallback segment) some match none. The message lists the cells.
/// </summary>
/// <remarks>Instances are immutable once thrown.</remarks>
public sealed class RfmSegmentTableException : ArgumentException
{
    /// <summary>The number of cells of each kind that the message lists before it says how many more there are.</summary>
    public const int MaxCellsInMessage = 20;

    /// <summary>Creates the exception with a message.</summary>
    public RfmSegmentTableException()
        : this("The RFM segment table is not a partition of the cells.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RfmSegmentTableException(string message)
        : base(message)
    {
        OverlappingCells = [];
        UncoveredCells = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RfmSegmentTableException(string message, Exception innerException)
        : base(message, innerException)
    {
        OverlappingCells = [];
        UncoveredCells = [];
    }

    internal RfmSegmentTableException(int bins, IReadOnlyList<(RfmScore Cell, string[] Segments)> overlapping, IReadOnlyList<RfmScore> uncovered, string paramName)
        : base(Describe(bins, overlapping, uncovered), paramName)
    {
        Description = Describe(bins, overlapping, uncovered);
        Bins = bins;
        OverlappingCells = overlapping.Select(o => o.Cell).ToArray();
        UncoveredCells = uncovered.ToArray();
    }

    /// <summary>The message without the parameter name.</summary>
    internal string? Description { get; }

    /// <summary>The bin count of the table that was rejected (0 when not known).</summary>
    public int Bins { get; }

    /// <summary>Every cell that matches rules of two or more segments.</summary>
    public IReadOnlyList<RfmScore> OverlappingCells { get; }

    /// <summary>Every cell that matches no rule (reported only when there is no fallback segment).</summary>
    public IReadOnlyList<RfmScore> UncoveredCells { get; }

    private static string Describe(int bins, IReadOnlyList<(RfmScore Cell, string[] Segments)> overlapping, IReadOnlyList<RfmScore> uncovered)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The RFM segment rules must put each of the {bins * bins * bins} cells ({bins} bins) in exactly one segment.");
        if (overlapping.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {overlapping.Count} cell(s) match rules of more than one segment: ");
            AppendList(text, overlapping.Count, i => $"{overlapping[i].Cell.ToCode()} ({string.Join(" | ", overlapping[i].Segments)})");
            text.Append('.');
        }

        if (uncovered.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" {uncovered.Count} cell(s) match no rule: ");
            AppendList(text, uncovered.Count, i => uncovered[i].ToCode());
            text.Append(". Add rules for them or set a fallback segment.");
        }

        text.Append(" Cells are written RFM, one character per score (A = 10).");
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, int count, Func<int, string> item)
    {
        int shown = Math.Min(count, MaxCellsInMessage);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(item(i));
        }

        if (count > shown)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {count - shown} more");
        }
    }
}
