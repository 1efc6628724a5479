using System.Globalization;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>An inclusive range of RFM scores, from <see cref="Min"/> to <see cref="Max"/>, used by segment rules.</summary>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct RfmScoreRange
{
    /// <summary>The highest score a range may name (the largest bin count).</summary>
    public const int MaxScore = 10;

    /// <summary>Creates a range.</summary>
    /// <param name="min">The lowest score in the range, from 1 to <see cref="MaxScore"/>.</param>
    /// <param name="max">The highest score in the range, from <paramref name="min"/> to <see cref="MaxScore"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="min"/> or <paramref name="max"/> is outside 1..10, or <paramref name="max"/> is below <paramref name="min"/>.</exception>
    public RfmScoreRange(int min, int max)
    {
        if (min is < 1 or > MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"A score range starts at a score from 1 to {MaxScore}.");
        }

        if (max < min || max > MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"A score range ends at a score from its start ({min}) to {MaxScore}.");
        }

        Min = min;
        Max = max;
    }

    /// <summary>The range 1..10, which matches every score whatever the bin count.</summary>
    public static RfmScoreRange Any => new(1, MaxScore);

    /// <summary>The lowest score in the range.</summary>
    public int Min { get; }

    /// <summary>The highest score in the range.</summary>
    public int Max { get; }

    /// <summary>Makes the range of a single score.</summary>
    /// <param name="score">The score, from 1 to 10.</param>
    /// <returns>The range <paramref name="score"/>..<paramref name="score"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 1..10.</exception>
    public static RfmScoreRange Exactly(int score) => new(score, score);

    /// <summary>Tells whether <paramref name="score"/> is in the range.</summary>
    /// <param name="score">A score.</param>
    /// <returns><see langword="true"/> when <see cref="Min"/> ≤ <paramref name="score"/> ≤ <see cref="Max"/>.</returns>
    public bool Contains(int score) => score >= Min && score <= Max;

    /// <inheritdoc />
    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}
