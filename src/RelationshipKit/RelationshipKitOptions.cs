using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RelationshipKit.Summaries;

namespace RelationshipKit;

/// <summary>The options of <c>services.AddRelationshipKit(...)</c>: one section per capability.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed.</remarks>
public sealed class RelationshipKitOptions
{
    /// <summary>How transactions become customer summaries.</summary>
    /// <value>Default: a new <see cref="CustomerSummaryOptions"/> with its defaults; must not be <see langword="null"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public CustomerSummaryOptions Summaries { get; set; } = new();
}
