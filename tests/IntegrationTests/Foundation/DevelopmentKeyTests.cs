using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>Development without Jwt:SigningKey generates one; everything that signs (tokens, page cursors) must use it.</summary>
public sealed class DevelopmentKeyFactory : CatalogApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Jwt:SigningKey", string.Empty);
    }
}

public sealed class DevelopmentKeyTests(DevelopmentKeyFactory factory) : IClassFixture<DevelopmentKeyFactory>
{
    [Fact]
    public async Task ProductList_InDevelopmentWithGeneratedKey_Answers200()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/products?limit=2");
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }
}
