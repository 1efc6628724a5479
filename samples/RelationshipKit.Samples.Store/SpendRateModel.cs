using System.Text;
using System.Text.Json;
using RelationshipKit.Differentiation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Samples.Store;

/// <summary>The fitted <see cref="SpendRateStrategy"/>: the population's median spend per time unit of tenure.</summary>
/// <remarks>Immutable and thread-safe; scores without allocating per customer.</remarks>
internal sealed class SpendRateModel(TimeUnit timeUnit, double medianRate) : IScoringModel
{
    /// <inheritdoc />
    public string Kind => SpendRateStrategy.KindName;

    /// <inheritdoc />
    public TimeUnit TimeUnit { get; } = timeUnit;

    /// <summary>The population's median spend per time unit.</summary>
    public double MedianRate { get; } = medianRate;

    /// <summary>A customer's spend per time unit of tenure (at least one unit, so a first-day customer is not infinite).</summary>
    public static double Rate(CustomerSummary customer)
    {
        double total = customer.History is { } history
            ? (double)history.TotalSpend
            : (double)customer.MonetaryValue * (customer.Frequency + 1);
        return total / Math.Max(1, customer.T);
    }

    /// <inheritdoc />
    public CustomerValue Score(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerValue(customer.CustomerId, Rate(customer) / MedianRate);
    }

    /// <inheritdoc />
    public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (destination.Length < customers.Count)
        {
            throw new ArgumentException("The destination is shorter than the table.", nameof(destination));
        }

        ReadOnlySpan<CustomerId> ids = customers.CustomerIds;
        ReadOnlySpan<double> t = customers.T;
        ReadOnlySpan<decimal> total = customers.TotalSpend;
        ReadOnlySpan<decimal> monetary = customers.MonetaryValue;
        ReadOnlySpan<int> frequency = customers.Frequency;
        for (int i = 0; i < ids.Length; i++)
        {
            double spend = total.IsEmpty ? (double)monetary[i] * (frequency[i] + 1) : (double)total[i];
            destination[i] = new CustomerValue(ids[i], spend / Math.Max(1, t[i]) / MedianRate);
        }
    }

    /// <inheritdoc />
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", Kind);
            writer.WriteString("timeUnit", TimeUnit.ToString());
            writer.WriteNumber("medianRate", MedianRate);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
