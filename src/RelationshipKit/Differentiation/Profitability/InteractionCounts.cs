using System.Collections.ObjectModel;

namespace RelationshipKit.Differentiation.Profitability;

/// <summary>
/// How many interactions of each kind each customer had in the analysis period, as the host counts them (for example
/// from its interaction history): the input of the per-interaction cost to serve.
/// </summary>
/// <remarks>Immutable and thread-safe; the counts are copied when made.</remarks>
public sealed class InteractionCounts
{
    private static readonly IReadOnlyDictionary<string, int> NoCounts = ReadOnlyDictionary<string, int>.Empty;

    private readonly Dictionary<CustomerId, Dictionary<string, int>> _counts;

    private InteractionCounts(Dictionary<CustomerId, Dictionary<string, int>> counts, string[] kinds)
    {
        _counts = counts;
        Kinds = kinds;
    }

    /// <summary>No interactions.</summary>
    public static InteractionCounts Empty { get; } = new([], []);

    /// <summary>Every kind that has a count, in ordinal order.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>The customers with at least one count.</summary>
    public IEnumerable<CustomerId> Customers => _counts.Keys;

    /// <summary>Makes counts from a per-customer dictionary of counts by kind.</summary>
    /// <param name="counts">For each customer, the number of interactions of each kind (kind names are ordinal and case-sensitive).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> or a customer's dictionary is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A customer id is the default value, a kind is empty or white space, or a count is negative; the message names the customer and kind.</exception>
    public static InteractionCounts FromDictionary(IReadOnlyDictionary<CustomerId, IReadOnlyDictionary<string, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var copy = new Dictionary<CustomerId, Dictionary<string, int>>(counts.Count);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<CustomerId, IReadOnlyDictionary<string, int>> customer in counts)
        {
            if (customer.Key.IsEmpty)
            {
                throw new ArgumentException("A customer id is the default value.", nameof(counts));
            }

            IReadOnlyDictionary<string, int> byKind = customer.Value
                ?? throw new ArgumentNullException(nameof(counts), $"The counts of customer '{customer.Key}' are null.");
            var inner = new Dictionary<string, int>(byKind.Count, StringComparer.Ordinal);
            foreach (KeyValuePair<string, int> kind in byKind)
            {
                if (string.IsNullOrWhiteSpace(kind.Key))
                {
                    throw new ArgumentException($"Customer '{customer.Key}' has a count for an empty or white-space kind.", nameof(counts));
                }

                if (kind.Value < 0)
                {
                    throw new ArgumentException($"Customer '{customer.Key}' has {kind.Value} interactions of kind '{kind.Key}'; counts must be 0 or more.", nameof(counts));
                }

                inner[kind.Key] = kind.Value;
                kinds.Add(kind.Key);
            }

            copy[customer.Key] = inner;
        }

        return new InteractionCounts(copy, kinds.ToArray());
    }

    /// <summary>Gets a customer's counts by kind.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The counts; empty when the customer has none.</returns>
    public IReadOnlyDictionary<string, int> GetCounts(CustomerId customerId) =>
        _counts.TryGetValue(customerId, out Dictionary<string, int>? counts) ? counts : NoCounts;
}
