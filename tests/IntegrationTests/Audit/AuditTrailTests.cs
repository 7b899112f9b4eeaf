using System.Net;
using System.Text.Json;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Brands;
using Catalog.Domain.Common;
using Catalog.Infrastructure.Persistence;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Audit;

public sealed class AuditTrailTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task CreateBrand_LeavesOneEntry_WithRequestIdUserDurationStatusAndFields()
    {
        var (client, user) = await factory.CreateClientAsAsync("catalog_manager");
        using var request = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var requestId, new { name = "Audited Brand", websiteUrl = "https://audited.example" });
        var response = await client.SendAsync(request);
        var brand = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(requestId, response.Headers.GetValues("X-Request-Id").Single());

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("brand.created", row.Action);
        Assert.Equal("brand", row.ResourceType);
        Assert.Equal(brand.GetProperty("id").GetGuid(), row.ResourceId);
        Assert.Equal(user.Id, row.UserId);
        Assert.Equal(201, row.StatusCode);
        Assert.Null(row.ErrorMessage);
        Assert.NotNull(row.DurationMs);
        Assert.InRange(row.DurationMs!.Value, 0, 60_000);
        Assert.Equal("AuditTests/1.0", row.UserAgent);
        var changes = JsonDocument.Parse(row.Changes!).RootElement;
        Assert.Equal("Audited Brand", changes.GetProperty("name").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("name").GetProperty("before").ValueKind);
        Assert.False(changes.TryGetProperty("slug", out _), "fields the caller did not send are not invented");
    }

    [Fact]
    public async Task CreateBrand_WithSecretsInMetadata_StoresThemRedacted_AtAnyDepth()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var metadata = new { apiToken = "tok-s3cr3t-1", nested = new { password = "hunter2-xyz", list = new object[] { new { client_secret = "cs-987" } } }, color = "blue" };
        using var request = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var requestId, new { name = "Secretive", metadata });
        await (await client.SendAsync(request)).AssertStatusAsync(HttpStatusCode.Created);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.DoesNotContain("tok-s3cr3t-1", row.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-xyz", row.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("cs-987", row.Changes, StringComparison.Ordinal);
        var after = JsonDocument.Parse(row.Changes!).RootElement.GetProperty("metadata").GetProperty("after");
        Assert.Equal(AuditChanges.RedactedValue, after.GetProperty("apiToken").GetString());
        Assert.Equal(AuditChanges.RedactedValue, after.GetProperty("nested").GetProperty("password").GetString());
        Assert.Equal("blue", after.GetProperty("color").GetString());
    }

    [Fact]
    public async Task CreateBrand_SlugTaken_LeavesNoSuccessEntry_ButAFailureEventWith409()
    {
        var (client, user) = await factory.CreateClientAsAsync("admin");
        await (await client.PostJsonAsync("/api/v1/brands", new { name = "First", slug = "audit-taken" })).AssertStatusAsync(HttpStatusCode.Created);
        using var request = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var requestId, new { name = "Second", slug = "audit-taken" });
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Conflict);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("brand.create.failed", row.Action);
        Assert.Equal("brand", row.ResourceType);
        Assert.Equal(409, row.StatusCode);
        Assert.Equal(user.Id, row.UserId);
        Assert.Contains("already in use", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(row.Changes);
        Assert.NotNull(row.DurationMs);
        var metadata = JsonDocument.Parse(row.Metadata).RootElement;
        Assert.Equal("brand.slug_taken", metadata.GetProperty("errorCode").GetString());
        Assert.Equal("POST", metadata.GetProperty("method").GetString());
    }

    [Fact]
    public async Task CreateBrand_WithoutPermission_Is403_AndTheAttemptIsRecorded()
    {
        var (client, user) = await factory.CreateClientAsAsync("user");
        using var request = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var requestId, new { name = "Not Allowed" });
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var row = Assert.Single(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
        Assert.Equal("brand.create.failed", row.Action);
        Assert.Equal(403, row.StatusCode);
        Assert.Equal(user.Id, row.UserId);
        Assert.Contains("brands:write", row.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBrand_WithInvalidBody_Is400_AndIsNotRecorded()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        using var request = AuditRows.Request(HttpMethod.Post, "/api/v1/brands", out var requestId, new { name = "Bad", slug = "Not A Slug" });
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await AuditRows.ByRequestIdAsync(factory.ConnectionString, requestId));
    }

    [Fact]
    public async Task RolledBackUnitOfWork_WritesNeitherTheChangeNorItsEntry()
    {
        using var scope = factory.Services.CreateScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var brand = Brand.Create("Rolled Back", "rolled-back-" + Guid.NewGuid().ToString("N")[..8], null, null, null, null, true, DateTimeOffset.UtcNow).Value;

        var result = await unitOfWork.ExecuteInTransactionAsync(
            async ct =>
            {
                db.Add(brand);
                await unitOfWork.SaveChangesAsync(ct);
                trail.Record(new AuditEntry("brand.created", "brand", brand.Id, AuditChanges.Created(new { brand.Name })));
                return Result<Guid>.Failure(Error.Conflict("test.rollback", "Rolled back on purpose."));
            },
            r => r.IsSuccess,
            CancellationToken.None);

        Assert.True(result.IsFailure);
        Assert.Empty(trail.Pending);
        Assert.Equal(0L, await AuditRows.ScalarAsync<long>(factory.ConnectionString, $"SELECT count(*) FROM audit_logs WHERE resource_id = '{brand.Id}'"));
        Assert.Equal(0L, await AuditRows.ScalarAsync<long>(factory.ConnectionString, $"SELECT count(*) FROM brands WHERE id = '{brand.Id}'"));
    }

    [Fact]
    public async Task CommittedUpdate_RecordsOnlyTheChangedFields_WithStatus200()
    {
        using var scope = factory.Services.CreateScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var now = DateTimeOffset.UtcNow;
        var brand = Brand.Create("Before Name", "diffed-" + Guid.NewGuid().ToString("N")[..8], "same", null, null, null, true, now).Value;
        db.Add(brand);
        await db.SaveChangesAsync();

        await unitOfWork.ExecuteInTransactionAsync(
            async ct =>
            {
                var before = Snapshot(brand);
                brand.Update("After Name", brand.Slug, brand.Description, null, "https://after.example", null, isActive: true, now);
                await unitOfWork.SaveChangesAsync(ct);
                trail.Record(new AuditEntry("brand.updated", "brand", brand.Id, AuditChanges.Diff(before, Snapshot(brand))));
                return Result<Guid>.Success(brand.Id);
            },
            r => r.IsSuccess,
            CancellationToken.None);

        var changes = await AuditRows.ScalarAsync<string>(factory.ConnectionString, $"SELECT changes::text FROM audit_logs WHERE resource_id = '{brand.Id}' AND action = 'brand.updated'");
        var fields = JsonDocument.Parse(changes).RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["name", "websiteUrl"], fields);
        Assert.Equal(200, await AuditRows.ScalarAsync<int>(factory.ConnectionString, $"SELECT status_code FROM audit_logs WHERE resource_id = '{brand.Id}'"));
    }

    [Fact]
    public async Task AppConnection_CannotUpdateDeleteOrTruncateAuditRows()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        await (await client.PostJsonAsync("/api/v1/brands", new { name = "Immutable" })).AssertStatusAsync(HttpStatusCode.Created);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();

        foreach (var sql in new[] { "UPDATE audit_logs SET action = 'tampered'", "DELETE FROM audit_logs", "TRUNCATE audit_logs", "TRUNCATE audit_logs_default" })
        {
            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal("42501", error.SqlState);
        }

        Assert.Equal(0L, await AuditRows.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM audit_logs WHERE action = 'tampered'"));
        Assert.True(await AuditRows.ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM audit_logs WHERE action = 'brand.created'") > 0);
    }

    [Fact]
    public async Task Rows_LandInThePartitionOfTheirMonth()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var thisMonth = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var cases = new (DateTimeOffset CreatedAt, string Partition)[]
        {
            (thisMonth.AddDays(1), $"audit_logs_{thisMonth:yyyy_MM}"),
            (thisMonth.AddMonths(1).AddHours(1), $"audit_logs_{thisMonth.AddMonths(1):yyyy_MM}"),
            (thisMonth.AddYears(5), "audit_logs_default"),
        };
        var ids = cases.Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            db.Add(new AuditLogRecord { Id = ids[i], Action = "test.partition", ResourceType = "test", CreatedAt = cases[i].CreatedAt });
        }

        await db.SaveChangesAsync();
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(cases[i].Partition, await AuditRows.ScalarAsync<string>(factory.ConnectionString, $"SELECT tableoid::regclass::text FROM audit_logs WHERE id = '{ids[i]}'"));
        }
    }

    private static Dictionary<string, object?> Snapshot(Brand brand) => new(StringComparer.Ordinal)
    {
        ["name"] = brand.Name,
        ["slug"] = brand.Slug,
        ["description"] = brand.Description,
        ["logoUrl"] = brand.LogoUrl,
        ["websiteUrl"] = brand.WebsiteUrl,
        ["isActive"] = brand.IsActive,
    };
}
