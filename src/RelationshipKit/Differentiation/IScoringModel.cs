using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation;

/// <summary>
/// A fitted scoring model: immutable, thread-safe and serialisable. It scores one customer, or a table of
/// customers into a span of results with no allocation per customer.
/// </summary>
public interface IScoringModel
{
    /// <summary>The <see cref="IScoringStrategy.Kind"/> of the strategy that made this model.</summary>
    string Kind { get; }

    /// <summary>The time unit of the summaries the model expects; scoring summaries in another unit throws.</summary>
    TimeUnit TimeUnit { get; }

    /// <summary>Scores one customer.</summary>
    /// <param name="customer">The customer's summary, in <see cref="TimeUnit"/>.</param>
    /// <returns>The customer's value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    CustomerValue Score(CustomerSummary customer);

    /// <summary>Scores every customer of a table, row by row, without allocating per customer.</summary>
    /// <param name="customers">The customers, in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">Receives one value per row; at least <see cref="CustomerSummaryTable.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table is in another time unit, or <paramref name="destination"/> is too short.</exception>
    void Score(CustomerSummaryTable customers, Span<CustomerValue> destination);

    /// <summary>Writes the model as JSON that <see cref="IScoringStrategy.LoadModel"/> reads back.</summary>
    /// <returns>The JSON text.</returns>
    string ToJson();
}
