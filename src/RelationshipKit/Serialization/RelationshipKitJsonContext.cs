using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipKit.Differentiation.Composite;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Serialization;

/// <summary>
/// The source-generated serialisation metadata of the library's JSON types (strict: unknown members, duplicate
/// properties, offset-less timestamps, numbers written as strings (which the Web defaults would accept) and missing
/// constructor members (a summary's figures; its history and holdout sections are optional) are rejected).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true,
    Converters = [typeof(StrictDateTimeOffsetJsonConverter)])]
[JsonSerializable(typeof(CustomerSummary))]
[JsonSerializable(typeof(CustomerSummary[]))]
[JsonSerializable(typeof(CustomerSummaryOptions))]
[JsonSerializable(typeof(RelationshipKitOptions))]
[JsonSerializable(typeof(RfmModelDocument))]
[JsonSerializable(typeof(RelationshipKit.Differentiation.LifetimeValue.LifetimeValueModelDocument))]
[JsonSerializable(typeof(RelationshipKit.Differentiation.LifetimeValue.LifetimeValueScoringModelDocument))]
[JsonSerializable(typeof(WeightedCompositeModelDocument))]
[JsonSerializable(typeof(RelationshipKit.Identification.IdentityModelDocument))]
internal sealed partial class RelationshipKitJsonContext : JsonSerializerContext;
