using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Differentiation.Composite;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Serialization;

/// <summary>The source-generated serialisation metadata of the library's JSON types (strict: unknown members rejected).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    UseStringEnumConverter = true,
    Converters = [typeof(StrictDateTimeOffsetJsonConverter)])]
[JsonSerializable(typeof(CustomerSummary))]
[JsonSerializable(typeof(CustomerSummary[]))]
[JsonSerializable(typeof(CustomerSummaryOptions))]
[JsonSerializable(typeof(RelationshipKitOptions))]
[JsonSerializable(typeof(RfmModelDocument))]
[JsonSerializable(typeof(WeightedCompositeModelDocument))]
internal sealed partial class RelationshipKitJsonContext : JsonSerializerContext;
