using System.Reflection;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;

namespace Catalog.ArchitectureTests;

/// <summary>Conventions of the types themselves; the dependency rule between the layers is in <see cref="LayerRulesTests"/>.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Application = typeof(ICommandBase).Assembly;

    [Fact]
    public void CommandsAndQueries_ArePublicSealedRecords()
    {
        var requests = Application.GetTypes()
            .Where(t => !t.IsInterface && (typeof(ICommandBase).IsAssignableFrom(t) || typeof(IQueryBase).IsAssignableFrom(t)))
            .ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, r =>
        {
            Assert.True(r.IsPublic && r.IsSealed, $"{r.Name} must be public sealed");
            Assert.True(r.GetMethod("<Clone>$") is not null, $"{r.Name} must be a record");
        });
    }

    [Fact]
    public void Aggregates_HaveNoPublicSetters()
    {
        var aggregates = Domain.GetTypes().Where(t => t.IsSubclassOf(typeof(AggregateRoot)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(aggregates);
        foreach (var aggregate in aggregates)
        {
            var publicSetters = aggregate.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => p.Name)
                .ToList();
            Assert.True(publicSetters.Count == 0, $"{aggregate.Name} has public setters: {string.Join(", ", publicSetters)}");
        }
    }
}
