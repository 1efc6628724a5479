using Microsoft.Extensions.DependencyInjection;

namespace RelationshipKit.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddRelationshipKit(...)</c>; each capability adds its own <c>AddXxx</c> extension to it.
/// </summary>
public interface IRelationshipKitBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
