using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelationshipKit.Serialization;

/// <summary>Writes a <see cref="CustomerId"/> as its text and reads it back, rejecting invalid ids.</summary>
internal sealed class CustomerIdJsonConverter : JsonConverter<CustomerId>
{
    public override CustomerId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A customer id must be a JSON string, not {reader.TokenType}.");
        }

        string? text = reader.GetString();
        return CustomerId.TryCreate(text, out CustomerId id)
            ? id
            : throw new JsonException($"'{text}' is not a valid customer id (empty, white space or longer than {CustomerId.MaxLength} characters).");
    }

    public override void Write(Utf8JsonWriter writer, CustomerId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
