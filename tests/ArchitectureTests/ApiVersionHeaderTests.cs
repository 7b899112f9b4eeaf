using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.ArchitectureTests;

/// <summary>
/// api-supported-versions is stamped by RequestIdMiddleware from a constant (the library's per-action reporter is off):
/// the constant must name exactly the versions the controllers declare.
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
            .OrderBy(v => v)
            .Select(v => v.ToString())
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(RequestIdMiddleware.SupportedVersions, string.Join(", ", declared));
    }
}
