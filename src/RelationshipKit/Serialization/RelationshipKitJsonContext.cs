using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Serialization;

/// <summary>
/// The source-generated serialisation metadata of the library's JSON types (strict: unknown members, duplicate
/// properties, offset-less timestamps and numbers written as strings, which the Web defaults would accept, are rejected).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true,
    Converters = [typeof(StrictDateTimeOffsetJsonConverter)])]
[JsonSerializable(typeof(CustomerSummary))]
[JsonSerializable(typeof(CustomerSummary[]))]
[JsonSerializable(typeof(CustomerSummaryOptions))]
[JsonSerializable(typeof(RelationshipKitOptions))]
internal sealed partial class RelationshipKitJsonContext : JsonSerializerContext;
