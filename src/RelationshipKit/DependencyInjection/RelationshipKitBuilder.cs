using Microsoft.Extensions.DependencyInjection;

namespace RelationshipKit.DependencyInjection;

internal sealed class RelationshipKitBuilder(IServiceCollection services) : IRelationshipKitBuilder
{
    public IServiceCollection Services { get; } = services;
}
