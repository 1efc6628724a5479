using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RelationshipKit.Summaries;

namespace RelationshipKit.Serialization;

/// <summary>
/// Strict JSON for the library's types (System.Text.Json, source-generated, AOT-safe): unknown members,
/// duplicate properties and timestamps without an offset are rejected.
/// </summary>
/// <remarks>All members are thread-safe.</remarks>
public static class RelationshipKitJson
{
    /// <summary>The library's strict serializer options (read-only; camelCase names, enums as strings).</summary>
    public static JsonSerializerOptions Options => RelationshipKitJsonContext.Default.Options;

    /// <summary>
    /// Adds the library's type metadata and strict settings to <paramref name="options"/>, so that a host's own
    /// serializer options can read and write RelationshipKit types.
    /// </summary>
    /// <param name="options">Options that are not yet in use (not read-only).</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is already read-only.</exception>
    /// <remarks>
    /// The library's metadata goes first in the resolver chain. Options with no resolver yet keep the reflection-based
    /// default for the host's own types (unless reflection-based serialisation is disabled, as in trimmed and AOT apps).
    /// The strict settings apply to every type these options read.
    /// </remarks>
    public static JsonSerializerOptions ConfigureForRelationshipKit(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TypeInfoResolver is null && JsonSerializer.IsReflectionEnabledByDefault)
        {
            // Options that have no resolver yet would get the reflection-based default on first use; inserting ours
            // into the empty chain would replace that default and break the host's own types, so keep it after ours.
            options.TypeInfoResolverChain.Add(CreateReflectionResolver());
        }

        options.TypeInfoResolverChain.Insert(0, RelationshipKitJsonContext.Default);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new StrictDateTimeOffsetJsonConverter());
        return options;
    }

    /// <summary>Writes a summary as JSON.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is <see langword="null"/>.</exception>
    public static string Serialize(CustomerSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return JsonSerializer.Serialize(summary, RelationshipKitJsonContext.Default.CustomerSummary);
    }

    /// <summary>Writes summary options as JSON.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static string Serialize(CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options, RelationshipKitJsonContext.Default.CustomerSummaryOptions);
    }

    /// <summary>Reads a summary written by <see cref="Serialize(CustomerSummary)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The summary, checked as <see cref="CustomerSummary.Create"/> checks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid summary; the message gives the path and reason.</exception>
    public static CustomerSummary DeserializeCustomerSummary(string json)
    {
        CustomerSummary summary = Read(json, RelationshipKitJsonContext.Default.CustomerSummary);
        try
        {
            // The same checks as a summary made in code; the history, if any, is kept as read.
            CustomerSummary checkedSummary = CustomerSummary.Create(summary.CustomerId, summary.Frequency, summary.Recency, summary.T, summary.TimeUnit, summary.MonetaryValue, summary.Holdout);
            _ = checkedSummary;
            return summary;
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"The summary is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Reads summary options written by <see cref="Serialize(CustomerSummaryOptions)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not valid options (malformed, or an option breaks a rule of <see cref="CustomerSummaryOptions"/>); the message gives the path or names the option.</exception>
    public static CustomerSummaryOptions DeserializeCustomerSummaryOptions(string json)
    {
        CustomerSummaryOptions options = Read(json, RelationshipKitJsonContext.Default.CustomerSummaryOptions);
        List<System.ComponentModel.DataAnnotations.ValidationResult> failures = options.Validate();
        return failures.Count == 0
            ? options
            : throw new JsonException($"The options are not valid: {string.Join(" ", failures.Select(f => f.ErrorMessage))}");
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only called when JsonSerializer.IsReflectionEnabledByDefault, which is false in trimmed and AOT applications.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called when JsonSerializer.IsReflectionEnabledByDefault, which is false in trimmed and AOT applications.")]
    private static DefaultJsonTypeInfoResolver CreateReflectionResolver() => new();

    [SuppressMessage("Design", "CA1031", Justification = "NotSupportedException from the serializer is rewrapped, not swallowed.")]
    private static T Read<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException("The JSON is null.");
        }
        catch (NotSupportedException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}
