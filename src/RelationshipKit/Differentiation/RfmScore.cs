namespace RelationshipKit.Differentiation;

/// <summary>A customer's RFM cell: recency, frequency and monetary scores, each from 1 to the bin count.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct RfmScore
{
    /// <summary>Creates a cell.</summary>
    /// <param name="recency">The recency score; higher is more recent.</param>
    /// <param name="frequency">The frequency score; higher buys more often.</param>
    /// <param name="monetary">The monetary score; higher spends more.</param>
    public RfmScore(byte recency, byte frequency, byte monetary)
    {
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
    }

    /// <summary>The recency score; higher is more recent.</summary>
    public byte Recency { get; }

    /// <summary>The frequency score; higher buys more often.</summary>
    public byte Frequency { get; }

    /// <summary>The monetary score; higher spends more.</summary>
    public byte Monetary { get; }

    /// <summary>The cell code, for example <c>"545"</c> (allocates a string; the bytes are the cell).</summary>
    /// <returns>The three scores as digits; scores of 10 print as <c>"A"</c>, so that the code stays three characters.</returns>
    public string ToCode() => string.Create(3, this, static (span, s) =>
    {
        span[0] = Digit(s.Recency);
        span[1] = Digit(s.Frequency);
        span[2] = Digit(s.Monetary);
    });

    /// <inheritdoc />
    public override string ToString() => ToCode();

    private static char Digit(byte score) => score < 10 ? (char)('0' + score) : (char)('A' + score - 10);
}
