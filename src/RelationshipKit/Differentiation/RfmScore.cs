namespace RelationshipKit.Differentiation;

/// <summary>A customer's RFM cell: recency, frequency and monetary scores, each from 1 to the bin count.</summary>
/// <param name="Recency">The recency score; higher is more recent.</param>
/// <param name="Frequency">The frequency score; higher buys more often.</param>
/// <param name="Monetary">The monetary score; higher spends more.</param>
public readonly record struct RfmScore(byte Recency, byte Frequency, byte Monetary)
{
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
