using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RelationshipKit.Interactions;

namespace RelationshipKit.Internal;

/// <summary>
/// The NDJSON line shape of an interaction, read and written by hand with <see cref="Utf8JsonReader"/> and
/// <see cref="Utf8JsonWriter"/> so that every problem names its field: unknown and duplicate properties, wrong
/// JSON types, invalid UTF-8, offset-less times and deep nesting.
/// </summary>
internal static class InteractionJsonCodec
{
    public const int MaxDepth = 4;

    private const int IdBit = 1 << 0;
    private const int CustomerBit = 1 << 1;
    private const int KindBit = 1 << 2;
    private const int ChannelBit = 1 << 3;
    private const int DirectionBit = 1 << 4;
    private const int OccurredAtBit = 1 << 5;
    private const int AmountBit = 1 << 6;
    private const int CampaignBit = 1 << 7;
    private const int OutcomeBit = 1 << 8;
    private const int RatingBit = 1 << 9;
    private const int SentimentBit = 1 << 10;
    private const int AttributesBit = 1 << 11;

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads one line (without its newline) into an interaction, or throws naming the field.</summary>
    public static Interaction Parse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        string field = "$";
        int seen = 0;
        string? id = null;
        CustomerId customerId = default;
        InteractionKind kind = default;
        Channel channel = default;
        InteractionDirection direction = default;
        DateTimeOffset occurredAt = default;
        decimal? amount = null;
        string? campaign = null;
        string? outcome = null;
        int? rating = null;
        double? sentiment = null;
        KeyValuePair<string, string>[]? attributes = null;
        try
        {
            if (!reader.Read())
            {
                throw Fail("$", "The line is empty.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Fail("$", $"The line must be one JSON object; it starts with {Describe(reader.TokenType)}.");
            }

            while (true)
            {
                field = "$";
                if (!reader.Read())
                {
                    throw Fail("$", "The JSON object is not closed.");
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                int bit = PropertyBit(ref reader, out field);
                if ((seen & bit) != 0)
                {
                    throw Fail(field, $"The property '{field}' appears more than once.");
                }

                seen |= bit;
                reader.Read();
                switch (bit)
                {
                    case IdBit:
                        id = RequiredString(ref reader, field);
                        break;
                    case CustomerBit:
                        string customerText = RequiredString(ref reader, field);
                        if (!CustomerId.TryCreate(customerText, out customerId))
                        {
                            throw Fail(field, customerText.Length == 0 || string.IsNullOrWhiteSpace(customerText)
                                ? "The customer id is empty or white space."
                                : $"The customer id is longer than {CustomerId.MaxLength} characters ({customerText.Length}).");
                        }

                        break;
                    case KindBit:
                        string kindText = RequiredString(ref reader, field);
                        if (!InteractionKind.TryParse(kindText, out kind))
                        {
                            throw Fail(field, $"'{NameRules.Truncate(kindText)}' is not a kind name (lower camel case such as purchase or campaignOpened).");
                        }

                        break;
                    case ChannelBit:
                        string channelText = RequiredString(ref reader, field);
                        if (!Channel.TryParse(channelText, out channel))
                        {
                            throw Fail(field, $"'{NameRules.Truncate(channelText)}' is not a channel name (lower camel case such as email or contactCentre).");
                        }

                        break;
                    case DirectionBit:
                        ExpectString(ref reader, field);
                        direction = reader.ValueTextEquals("inbound"u8) ? InteractionDirection.Inbound
                            : reader.ValueTextEquals("outbound"u8) ? InteractionDirection.Outbound
                            : throw Fail(field, $"The direction must be \"inbound\" or \"outbound\"; it is \"{NameRules.Truncate(GetString(ref reader, field))}\".");
                        break;
                    case OccurredAtBit:
                        occurredAt = ReadTime(ref reader, field);
                        break;
                    case AmountBit:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.Number)
                        {
                            throw Fail(field, $"The amount must be a JSON number; it is {Describe(reader.TokenType)}.");
                        }

                        amount = reader.TryGetDecimal(out decimal parsedAmount)
                            ? parsedAmount
                            : throw Fail(field, $"The amount {Encoding.UTF8.GetString(reader.ValueSpan)} is out of the decimal range.");
                        break;
                    case CampaignBit:
                        campaign = OptionalString(ref reader, field);
                        break;
                    case OutcomeBit:
                        outcome = OptionalString(ref reader, field);
                        break;
                    case RatingBit:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            break;
                        }

                        rating = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int parsedRating)
                            ? parsedRating
                            : throw Fail(field, $"The rating must be a whole JSON number from {Interaction.MinRating} to {Interaction.MaxRating}; it is {Raw(ref reader)}.");
                        break;
                    case SentimentBit:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            break;
                        }

                        sentiment = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double parsedSentiment) && double.IsFinite(parsedSentiment)
                            ? parsedSentiment
                            : throw Fail(field, $"The sentiment must be a JSON number from -1 to 1; it is {Raw(ref reader)}.");
                        break;
                    default:
                        attributes = ReadAttributes(ref reader, ref field);
                        break;
                }
            }

            field = "$";
            if (reader.Read())
            {
                throw Fail("$", $"Unexpected {Describe(reader.TokenType)} after the JSON object; one object per line.");
            }
        }
        catch (JsonException ex)
        {
            throw Fail(field, $"Malformed JSON: {ex.Message}");
        }

        if ((seen & IdBit) == 0)
        {
            throw Fail("id", "The required property 'id' is missing.");
        }

        if ((seen & CustomerBit) == 0)
        {
            throw Fail("customerId", "The required property 'customerId' is missing.");
        }

        if ((seen & KindBit) == 0)
        {
            throw Fail("kind", "The required property 'kind' is missing.");
        }

        if ((seen & ChannelBit) == 0)
        {
            throw Fail("channel", "The required property 'channel' is missing.");
        }

        if ((seen & DirectionBit) == 0)
        {
            throw Fail("direction", "The required property 'direction' is missing.");
        }

        if ((seen & OccurredAtBit) == 0)
        {
            throw Fail("occurredAt", "The required property 'occurredAt' is missing.");
        }

        return new Interaction(
            id!,
            customerId,
            kind,
            channel,
            direction,
            occurredAt,
            amount,
            campaign,
            outcome,
            rating,
            sentiment,
            attributes is null ? null : InteractionAttributes.Create(attributes));
    }

    /// <summary>Writes one interaction as a JSON object (no newline).</summary>
    public static void Write(Utf8JsonWriter writer, Interaction interaction)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, interaction.Id);
        writer.WriteString("customerId"u8, interaction.CustomerId.Value);
        writer.WriteString("kind"u8, interaction.Kind.Name);
        writer.WriteString("channel"u8, interaction.Channel.Name);
        writer.WriteString("direction"u8, interaction.Direction == InteractionDirection.Inbound ? "inbound"u8 : "outbound"u8);
        Span<char> time = stackalloc char[40];
        writer.WriteString("occurredAt"u8, time[..FormatTime(interaction.OccurredAt, time)]);
        if (interaction.Amount is { } amount)
        {
            writer.WriteNumber("amount"u8, amount);
        }

        if (interaction.Campaign is { } campaign)
        {
            writer.WriteString("campaign"u8, campaign);
        }

        if (interaction.Outcome is { } outcome)
        {
            writer.WriteString("outcome"u8, outcome);
        }

        if (interaction.Rating is { } rating)
        {
            writer.WriteNumber("rating"u8, rating);
        }

        if (interaction.Sentiment is { } sentiment)
        {
            writer.WriteNumber("sentiment"u8, sentiment);
        }

        InteractionAttributes attributes = interaction.AttributeMap;
        if (attributes.Count > 0)
        {
            writer.WritePropertyName("attributes"u8);
            WriteAttributes(writer, attributes);
        }

        writer.WriteEndObject();
    }

    public static void WriteAttributes(Utf8JsonWriter writer, InteractionAttributes attributes)
    {
        writer.WriteStartObject();
        foreach (KeyValuePair<string, string> pair in attributes.Items)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>The attributes as a compact JSON object (for a store's column); null when there are none.</summary>
    public static string? AttributesToJson(InteractionAttributes attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteAttributes(writer, attributes);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads attributes written by <see cref="AttributesToJson"/>.</summary>
    public static InteractionAttributes AttributesFromJson(string? json)
    {
        if (json is null)
        {
            return InteractionAttributes.Empty;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        reader.Read();
        string field = "attributes";
        KeyValuePair<string, string>[] items = ReadAttributes(ref reader, ref field);
        return InteractionAttributes.Create(items);
    }

    /// <summary>Formats a time as ISO 8601 with its offset: seconds always, fractional digits only as needed, Z for a zero offset.</summary>
    public static int FormatTime(DateTimeOffset value, Span<char> destination)
    {
        string format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
        value.DateTime.TryFormat(destination, out int written, format, CultureInfo.InvariantCulture);
        TimeSpan offset = value.Offset;
        if (offset == TimeSpan.Zero)
        {
            destination[written++] = 'Z';
            return written;
        }

        destination[written++] = offset < TimeSpan.Zero ? '-' : '+';
        TimeSpan abs = offset.Duration();
        abs.TryFormat(destination[written..], out int offsetWritten, @"hh\:mm", CultureInfo.InvariantCulture);
        return written + offsetWritten;
    }

    public static string FormatTime(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[40];
        return new string(buffer[..FormatTime(value, buffer)]);
    }

    private static int PropertyBit(ref Utf8JsonReader reader, out string field)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            field = "id";
            return IdBit;
        }

        if (reader.ValueTextEquals("customerId"u8))
        {
            field = "customerId";
            return CustomerBit;
        }

        if (reader.ValueTextEquals("kind"u8))
        {
            field = "kind";
            return KindBit;
        }

        if (reader.ValueTextEquals("channel"u8))
        {
            field = "channel";
            return ChannelBit;
        }

        if (reader.ValueTextEquals("direction"u8))
        {
            field = "direction";
            return DirectionBit;
        }

        if (reader.ValueTextEquals("occurredAt"u8))
        {
            field = "occurredAt";
            return OccurredAtBit;
        }

        if (reader.ValueTextEquals("amount"u8))
        {
            field = "amount";
            return AmountBit;
        }

        if (reader.ValueTextEquals("campaign"u8))
        {
            field = "campaign";
            return CampaignBit;
        }

        if (reader.ValueTextEquals("outcome"u8))
        {
            field = "outcome";
            return OutcomeBit;
        }

        if (reader.ValueTextEquals("rating"u8))
        {
            field = "rating";
            return RatingBit;
        }

        if (reader.ValueTextEquals("sentiment"u8))
        {
            field = "sentiment";
            return SentimentBit;
        }

        if (reader.ValueTextEquals("attributes"u8))
        {
            field = "attributes";
            return AttributesBit;
        }

        string name = GetString(ref reader, "$");
        field = NameRules.Truncate(name);
        throw Fail(field, $"Unknown property '{field}'. Known: id, customerId, kind, channel, direction, occurredAt, amount, campaign, outcome, rating, sentiment, attributes.");
    }

    private static KeyValuePair<string, string>[] ReadAttributes(ref Utf8JsonReader reader, ref string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("attributes", $"The attributes must be a JSON object of strings; it is {Describe(reader.TokenType)}.");
        }

        var items = new List<KeyValuePair<string, string>>();
        HashSet<string>? keys = null;
        while (true)
        {
            field = "attributes";
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            string key = GetString(ref reader, "attributes");
            field = "attributes." + NameRules.Truncate(key);
            if (!(keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(key))
            {
                throw Fail(field, $"The attribute '{NameRules.Truncate(key)}' appears more than once.");
            }

            if (items.Count == Interaction.MaxAttributeCount)
            {
                throw Fail("attributes", $"The attributes hold more than {Interaction.MaxAttributeCount} entries.");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Fail(field, $"The attribute '{NameRules.Truncate(key)}' must be a JSON string; it is {Describe(reader.TokenType)} (attributes are a flat object of strings).");
            }

            items.Add(new KeyValuePair<string, string>(key, GetString(ref reader, field)));
        }

        field = "attributes";
        return [.. items];
    }

    private static DateTimeOffset ReadTime(ref Utf8JsonReader reader, string field)
    {
        ExpectString(ref reader, field);
        string text = GetString(ref reader, field);
        if (!reader.TryGetDateTimeOffset(out DateTimeOffset value))
        {
            throw Fail(field, $"'{NameRules.Truncate(text)}' is not an ISO 8601 date and time (such as 2024-03-01T10:15:00+01:00).");
        }

        int t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            throw Fail(field, $"'{NameRules.Truncate(text)}' has no time of day; write a date, a time and an offset (such as 2024-03-01T10:15:00Z).");
        }

        ReadOnlySpan<char> timePart = text.AsSpan(t + 1);
        bool hasOffset = timePart.EndsWith('Z') || timePart.EndsWith('z') || timePart.IndexOfAny('+', '-') >= 0;
        return hasOffset
            ? value
            : throw Fail(field, $"'{NameRules.Truncate(text)}' has no offset; write it with Z or an offset such as +02:00.");
    }

    private static string RequiredString(ref Utf8JsonReader reader, string field)
    {
        ExpectString(ref reader, field);
        return GetString(ref reader, field);
    }

    private static string? OptionalString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectString(ref reader, field);
        return GetString(ref reader, field);
    }

    private static void ExpectString(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail(field, $"The {field} must be a JSON string; it is {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Gets a string token's text, rejecting invalid UTF-8 and escaped lone surrogates.</summary>
    private static string GetString(ref Utf8JsonReader reader, string field)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            throw Fail(field, "The text is not valid UTF-8.");
        }

        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw Fail(field, $"The text is not valid UTF-8 or UTF-16: {ex.Message}");
        }
    }

    private static string Raw(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            _ => Describe(reader.TokenType),
        };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static InvalidInteractionException Fail(string field, string message) => new(field, message);
}
