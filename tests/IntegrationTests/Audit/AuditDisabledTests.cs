using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Audit;

/// <summary>The benchmark-only switch: Audit:Enabled=false stops command entries, never security events.</summary>
public sealed class AuditDisabledApiFactory : CatalogApiFactory
{
    public AuditDisabledApiFactory() => WithSetting("Audit:Enabled", "false");
}

public sealed class AuditDisabledTests(AuditDisabledApiFactory factory) : IClassFixture<AuditDisabledApiFactory>
{
    [Fact]
    public async Task CreateBrand_WithAuditDisabled_WritesNoEntry_ButForbiddenAttemptsAreStillRecorded()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        using var create = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var createId, new { name = "Unaudited" });
        await (await admin.SendAsync(create)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Empty(await AuditRows.ByRequestIdAsync(factory.ConnectionString, createId));

        var (user, _) = await factory.CreateClientAsAsync("user");
        using var denied = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var deniedId, new { name = "Denied" });
        await (await user.SendAsync(denied)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, deniedId));
    }
}
