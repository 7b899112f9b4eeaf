using Asp.Versioning;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.ArchitectureTests;

/// <summary>
/// api-supported-versions is stamped by RequestIdMiddleware from <see cref="VersioningSetup.Served"/> (the library's
/// per-action reporter is off), and the OpenAPI documents are registered from it: it must name exactly the versions
/// the controllers declare.
/// </summary>
public sealed class ApiVersionHeaderTests
{
    [Fact]
    public void SupportedVersionsHeader_NamesEveryVersionTheControllersDeclare()
    {
        var declared = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes(typeof(ApiVersionAttribute), inherit: true).Cast<ApiVersionAttribute>())
            .SelectMany(a => a.Versions)
            .Distinct()
            .Order()
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, VersioningSetup.Served.Order());
        Assert.Equal(string.Join(", ", declared.Select(v => v.ToString())), VersioningSetup.SupportedVersionsHeader);
    }
}
