using System.Reflection;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;
using MediatR;
using NetArchTest.Rules;

namespace Catalog.ArchitectureTests;

/// <summary>
/// The dependency rule at type level (every field, signature and method body, read from the IL): Domain ← Application ←
/// Infrastructure, and WebApi names Infrastructure only in its composition root (docs/architecture.md, ADR-087).
/// A failure lists the offending types.
/// </summary>
public sealed class LayerRulesTests
{
    /// <summary>Program.cs (global namespace) and this namespace; everything else in WebApi runs per request.</summary>
    public const string CompositionRoot = "Catalog.WebApi.Composition";

    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Application = typeof(ICommandBase).Assembly;
    private static readonly Assembly WebApi = typeof(Program).Assembly;
    private static readonly Assembly BackOffice = typeof(Catalog.BackOffice.BackOfficeSetup).Assembly;

    private static readonly string[] PersistenceTechnology = ["Microsoft.EntityFrameworkCore", "Npgsql", "Dapper"];

    [Fact]
    public void Domain_DependsOnNothingOfOursNorOfTheFrameworks() =>
        AssertNone(
            Types.InAssembly(Domain).That().ResideInNamespace("Catalog.Domain"),
            "Catalog.Application", "Catalog.Infrastructure", "Catalog.WebApi",
            "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "MediatR");

    [Fact]
    public void Application_DependsOnNoInfrastructureWebApiEfCoreNpgsqlOrAspNetType() =>
        AssertNone(
            Types.InAssembly(Application).That().ResideInNamespace("Catalog.Application"),
            "Catalog.Infrastructure", "Catalog.WebApi", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore");

    [Fact]
    public void WebApi_OutsideTheCompositionRoot_DependsOnNoInfrastructureNorPersistenceType() =>
        AssertNone(
            Types.InAssembly(WebApi).That().DoNotResideInNamespace(CompositionRoot).And().DoNotHaveName("Program"),
            ["Catalog.Infrastructure", .. PersistenceTechnology]);

    /// <summary>
    /// Controllers bind, send through MediatR and map: they see Application's contracts and the result types
    /// (Catalog.Domain.Common), not the aggregates, Infrastructure or the wiring.
    /// </summary>
    [Fact]
    public void Controllers_DependOnNoAggregateInfrastructureOrCompositionType()
    {
        var aggregates = Domain.GetTypes().Select(t => t.Namespace!).Where(n => n != "Catalog.Domain.Common").Distinct().ToArray();
        Assert.NotEmpty(aggregates);
        AssertNone(
            Types.InAssembly(WebApi).That().ResideInNamespace("Catalog.WebApi.Controllers"),
            [.. aggregates, "Catalog.Infrastructure", CompositionRoot, .. PersistenceTechnology]);
    }

    /// <summary>
    /// The console (src/BackOffice, ADR-095) is a second presentation adapter: like the controllers it sends Application's
    /// commands and queries and sees their contracts, never the aggregates, Infrastructure, WebApi or the database.
    /// </summary>
    [Fact]
    public void BackOffice_DependsOnNoAggregateInfrastructureWebApiNorPersistenceType()
    {
        var aggregates = Domain.GetTypes().Select(t => t.Namespace!).Where(n => n != "Catalog.Domain.Common").Distinct().ToArray();
        AssertNone(
            Types.InAssembly(BackOffice).That().ResideInNamespace("Catalog.BackOffice"),
            [.. aggregates, "Catalog.Infrastructure", "Catalog.WebApi", .. PersistenceTechnology]);
    }

    [Fact]
    public void Handlers_AreInternalSealed()
    {
        var handlers = Types.InAssembly(Application).That().AreClasses().And().ImplementInterface(typeof(IRequestHandler<,>));
        Assert.True(handlers.GetTypes().Count() > 10, "The handler selection found (almost) no MediatR handlers: the rule would check nothing.");
        var result = handlers.Should().BeSealed().And().NotBePublic().GetResult();
        Assert.True(result.IsSuccessful, "MediatR handlers must be internal sealed: " + Offending(result));
    }

    private static void AssertNone(PredicateList types, params string[] forbidden)
    {
        Assert.NotEmpty(types.GetTypes());
        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"Types depending on {string.Join(", ", forbidden)}: {Offending(result)}");
    }

    private static string Offending(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
