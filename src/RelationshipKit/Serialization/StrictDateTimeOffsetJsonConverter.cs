using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationshipKit.Serialization;

/// <summary>Reads ISO 8601 timestamps only when they carry an offset (or Z); writes the round-trip form.</summary>
internal sealed class StrictDateTimeOffsetJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A timestamp must be a JSON string, not {reader.TokenType}.");
        }

        string text = reader.GetString()!;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime parsed)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset value))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 timestamp.");
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? throw new JsonException($"The timestamp '{text}' has no offset; write it with Z or an offset such as +02:00.")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
}
