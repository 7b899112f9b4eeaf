using System.Reflection;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;
using MediatR;

namespace Catalog.ArchitectureTests;

/// <summary>The clean-architecture dependency rule: Domain ← Application ← Infrastructure ← WebApi.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Application = typeof(ICommandBase).Assembly;
    private static readonly Assembly Infrastructure = typeof(Catalog.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(Program).Assembly;

    [Fact]
    public void Domain_ReferencesNoOtherLayerNorFramework()
    {
        var references = Names(Domain);
        Assert.DoesNotContain(references, r => r.StartsWith("Catalog.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("MediatR", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_ReferencesOnlyDomain()
    {
        var references = Names(Application);
        Assert.Contains("Catalog.Domain", references);
        Assert.DoesNotContain("Catalog.Infrastructure", references);
        Assert.DoesNotContain("Catalog.WebApi", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceWebApi() =>
        Assert.DoesNotContain("Catalog.WebApi", Names(Infrastructure));

    [Fact]
    public void Handlers_AreInternalSealed()
    {
        var handlers = Application.GetTypes()
            .Where(t => t is { IsInterface: false, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            .ToList();
        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(h.IsSealed && !h.IsPublic && !h.IsNestedPublic, $"{h.Name} must be internal sealed"));
    }

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

    [Fact]
    public void Controllers_DoNotUseTheDbContext()
    {
        var controllers = WebApi.GetTypes().Where(t => t.Name.EndsWith("Controller", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(controllers);
        foreach (var controller in controllers)
        {
            var dependencies = controller.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
                .Concat(controller.GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Select(f => f.FieldType));
            Assert.DoesNotContain(dependencies, d => d.Namespace?.StartsWith("Catalog.Infrastructure.Persistence", StringComparison.Ordinal) == true);
        }
    }

    private static List<string> Names(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
}
