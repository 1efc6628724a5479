using System.Globalization;
using Microsoft.Data.Sqlite;
using RelationshipKit.Interactions;
using RelationshipKit.Internal;

namespace RelationshipKit.Sqlite.Internal;

/// <summary>Maps interactions to rows of <c>rk_interactions</c> and back.</summary>
internal static class InteractionRows
{
    /// <summary>The columns every read selects, in this order; a read of all customers adds <c>c.customer_id</c> last.</summary>
    public const string Columns = "i.id, i.kind, i.channel, i.direction, i.occurred_utc, i.offset_minutes, i.amount, i.campaign, i.outcome, i.rating, i.sentiment, i.attributes";

    public const int CustomerColumn = 12;

    public static Interaction Read(SqliteDataReader reader, CustomerId customerId)
    {
        string id = reader.GetString(0);
        var kind = new InteractionKind(reader.GetString(1));
        var channel = new Channel(reader.GetString(2));
        var direction = (InteractionDirection)reader.GetInt32(3);
        long utcTicks = reader.GetInt64(4);
        var offset = TimeSpan.FromMinutes(reader.GetInt32(5));
        var occurredAt = new DateTimeOffset(utcTicks + offset.Ticks, offset);
        decimal? amount = reader.IsDBNull(6) ? null : decimal.Parse(reader.GetString(6), NumberStyles.Float, CultureInfo.InvariantCulture);
        string? campaign = reader.IsDBNull(7) ? null : reader.GetString(7);
        string? outcome = reader.IsDBNull(8) ? null : reader.GetString(8);
        int? rating = reader.IsDBNull(9) ? null : reader.GetInt32(9);
        double? sentiment = reader.IsDBNull(10) ? null : reader.GetDouble(10);
        InteractionAttributes attributes = InteractionJsonCodec.AttributesFromJson(reader.IsDBNull(11) ? null : reader.GetString(11));
        return new Interaction(id, customerId, kind, channel, direction, occurredAt, amount, campaign, outcome, rating, sentiment, attributes);
    }

    /// <summary>The largest customer row id a stream key can hold.</summary>
    public const long MaxCustomerKey = int.MaxValue;

    /// <summary>The largest version a stream key can hold.</summary>
    public const long MaxVersion = uint.MaxValue;

    /// <summary>A condition selecting the stream of the customer whose id is bound to <c>$c</c>.</summary>
    public const string CustomerRange =
        "i.stream_key BETWEEN (SELECT customer_pk << 32 FROM rk_customers WHERE customer_id = $c) AND (SELECT (customer_pk << 32) + 4294967295 FROM rk_customers WHERE customer_id = $c)";

    /// <summary>The row id of a customer's interaction: the customer's row id times 2^32 plus the version.</summary>
    public static long StreamKey(long customerKey, long version)
    {
        if (customerKey is < 1 or > MaxCustomerKey || version is < 1 or > MaxVersion)
        {
            throw new InvalidOperationException($"The store holds more customers (row id {customerKey}) or more interactions for one customer (version {version}) than its keys allow.");
        }

        return (customerKey << 32) + version;
    }

    public static string FormatAmount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static int OffsetMinutes(DateTimeOffset value) => (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
}
