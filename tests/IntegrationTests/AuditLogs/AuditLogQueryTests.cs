using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Audit;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;

namespace Catalog.IntegrationTests.AuditLogs;

public sealed class AuditLogQueryTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task List_FiltersByUserAndResourceType_PagesNewestFirst_WithoutGapsOrRepeats()
    {
        var (writer, author) = await factory.CreateClientAsAsync("catalog_manager");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var brand = await (await writer.PostJsonAsync("/api/v1/brands", new { name = $"Paged Brand {i}" })).AssertStatusAsync(HttpStatusCode.Created);
            created.Add(brand.GetProperty("id").GetString()!);
        }

        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/audit-logs?userId={author.Id}&resourceType=brand&limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await admin.GetAsync(url)).AssertStatusAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        var resourceIds = seen.Select(e => e.GetProperty("resourceId").GetString()!).ToList();
        Assert.Equal(created.AsEnumerable().Reverse(), resourceIds);
        var times = seen.Select(e => e.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        var first = seen[0];
        Assert.Equal("brand.created", first.GetProperty("action").GetString());
        Assert.Equal(author.Id, first.GetProperty("userId").GetGuid());
        Assert.Equal(201, first.GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("changes").ValueKind);
        Assert.Equal(JsonValueKind.Object, first.GetProperty("metadata").ValueKind);
        foreach (var field in new[] { "id", "ipAddress", "userAgent", "requestId", "durationMs", "errorMessage", "resourceType" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task List_FiltersByResourceIdActionAndTimeRange()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var brand = await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Filtered Brand" })).AssertStatusAsync(HttpStatusCode.Created);
        var id = brand.GetProperty("id").GetString();

        var byResource = await (await admin.GetAsync($"/api/v1/audit-logs?resourceType=brand&resourceId={id}")).AssertStatusAsync(HttpStatusCode.OK);
        var single = Assert.Single(byResource.GetProperty("items").EnumerateArray());
        Assert.Equal(id, single.GetProperty("resourceId").GetString());
        Assert.Equal(JsonValueKind.Null, byResource.GetProperty("nextCursor").ValueKind);

        var byAction = await (await admin.GetAsync($"/api/v1/audit-logs?action=brand.created&resourceId={id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(byAction.GetProperty("items").EnumerateArray());
        var otherAction = await (await admin.GetAsync($"/api/v1/audit-logs?action=brand.deleted&resourceId={id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Empty(otherAction.GetProperty("items").EnumerateArray());

        var past = await (await admin.GetAsync($"/api/v1/audit-logs?resourceId={id}&from=2020-01-01&to=2020-02-01T00:00:00Z")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Empty(past.GetProperty("items").EnumerateArray());
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var recent = await (await admin.GetAsync($"/api/v1/audit-logs?resourceId={id}&from={from}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(recent.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GetById_ReturnsTheEntryWithItsBeforeAndAfter_UnknownIs404_NonAdminIs403()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var created = await admin.PostJsonAsync("/api/v1/brands", new { name = "Renamed Brand" });
        var id = (await created.AssertStatusAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        await (await admin.SendAsync(HttpMethod.Put, $"/api/v1/brands/{id}", new { name = "Renamed Brand II" }, created.ETagOf())).AssertStatusAsync(HttpStatusCode.OK);
        var listed = await (await admin.GetAsync($"/api/v1/audit-logs?action=brand.updated&resourceId={id}")).AssertStatusAsync(HttpStatusCode.OK);
        var entryId = Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();

        var entry = await (await admin.GetAsync($"/api/v1/audit-logs/{entryId}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(entryId, entry.GetProperty("id").GetString());
        Assert.Equal("brand.updated", entry.GetProperty("action").GetString());
        Assert.Equal(id, entry.GetProperty("resourceId").GetString());
        var name = entry.GetProperty("changes").GetProperty("name");
        Assert.Equal("Renamed Brand", name.GetProperty("before").GetString());
        Assert.Equal("Renamed Brand II", name.GetProperty("after").GetString());

        await (await admin.GetAsync($"/api/v1/audit-logs/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await manager.GetAsync($"/api/v1/audit-logs/{entryId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=01/02/2026", "to")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task List_BadParameters_Is400(string query, string field)
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var problem = await (await admin.GetAsync("/api/v1/audit-logs?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task List_AsNonAdmin_Is403_AndThe403IsRecorded()
    {
        var (manager, user) = await factory.CreateClientAsAsync("catalog_manager");
        using var request = AuditRows.Request(HttpMethod.Get, "/api/v1/audit-logs", out var requestId);
        await (await manager.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("security.forbidden", row.Action);
        Assert.Equal("audit_log", row.ResourceType);
        Assert.Equal(user.Id, row.UserId);
        Assert.Equal(403, row.StatusCode);
        Assert.Contains("audit_logs:read", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("/api/v1/audit-logs", JsonDocument.Parse(row.Metadata).RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task List_Anonymous_Is401_AndThe401IsRecorded()
    {
        using var request = AuditRows.Request(HttpMethod.Get, "/api/v1/audit-logs", out var requestId);
        await (await factory.CreateClient().SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("security.unauthorized", row.Action);
        Assert.Null(row.UserId);
        Assert.Equal(401, row.StatusCode);
    }

    [Fact]
    public async Task List_WithInvalidToken_Is401_AndIsRecorded()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a.token");
        using var request = AuditRows.Request(HttpMethod.Get, "/api/v1/audit-logs", out var requestId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("security.unauthorized", row.Action);
        Assert.Equal(401, row.StatusCode);
    }

    [Fact]
    public async Task StorefrontRead_Failures_AreNotRecorded()
    {
        using var request = AuditRows.Request(HttpMethod.Get, "/api/v1/brands/" + Guid.NewGuid(), out var requestId);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().SendAsync(request)).StatusCode);
        Assert.Empty(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
    }
}
