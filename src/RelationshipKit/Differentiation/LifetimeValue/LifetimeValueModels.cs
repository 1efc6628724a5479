namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Entry points shared by the lifetime-value models: reading any purchase model back from JSON.</summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class LifetimeValueModels
{
    /// <summary>The kinds of purchase model that <see cref="LoadTransactionModel"/> reads: <c>bgnbd</c>, <c>mbgnbd</c>, <c>paretonbd</c>, <c>bgbb</c>.</summary>
    public static IReadOnlyList<string> TransactionModelKinds { get; } = [BgNbdModel.ModelKind, ModifiedBgNbdModel.ModelKind, ParetoNbdModel.ModelKind, BgBbModel.ModelKind];

    /// <summary>Reads a purchase model written by <see cref="ITransactionModel.ToJson"/>, whatever its kind.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid purchase model; the message says why.</exception>
    public static ITransactionModel LoadTransactionModel(string json)
    {
        LifetimeValueModelDocument doc = ModelCore.ReadDocument(json);
        return doc.Model switch
        {
            BgNbdModel.ModelKind => BgNbdModel.FromDocument(doc),
            ModifiedBgNbdModel.ModelKind => ModifiedBgNbdModel.FromDocument(doc),
            ParetoNbdModel.ModelKind => ParetoNbdModel.FromDocument(doc),
            BgBbModel.ModelKind => BgBbModel.FromDocument(doc),
            _ => throw new System.Text.Json.JsonException($"'model' is '{doc.Model}'; expected one of {string.Join(", ", TransactionModelKinds)}."),
        };
    }
}
