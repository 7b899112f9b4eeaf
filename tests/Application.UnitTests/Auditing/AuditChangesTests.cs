using System.Text.Json;
using Catalog.Application.Common.Auditing;

namespace Catalog.Application.UnitTests.Auditing;

public sealed class AuditChangesTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("newPassword")]
    [InlineData("password_hash")]
    [InlineData("keyHash")]
    [InlineData("refreshToken")]
    [InlineData("api-key")]
    [InlineData("apiKey")]
    [InlineData("key")]
    [InlineData("clientSecret")]
    [InlineData("Authorization")]
    [InlineData("securityStamp")]
    public void IsRedacted_SecretLookingNames_AreRedacted(string name) => Assert.True(AuditChanges.IsRedacted(name));

    [Theory]
    [InlineData("name")]
    [InlineData("slug")]
    [InlineData("price")]
    [InlineData("keyPrefix")]
    [InlineData("sortKey")]
    [InlineData("sessionId")]
    public void IsRedacted_OrdinaryNames_AreKept(string name) => Assert.False(AuditChanges.IsRedacted(name));

    [Fact]
    public void Diff_KeepsOnlyChangedFields_AndRedactsSecretsWithoutRevealingThem()
    {
        var before = new Dictionary<string, object?> { ["name"] = "Old", ["price"] = 10m, ["passwordHash"] = "h1", ["isActive"] = true };
        var after = new Dictionary<string, object?> { ["name"] = "New", ["price"] = 10m, ["passwordHash"] = "h2", ["isActive"] = true };

        var changes = AuditChanges.Diff(before, after);

        Assert.Equal(["name", "passwordHash"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Old", Assert.IsType<string>(changes["name"].Before));
        Assert.Equal("New", changes["name"].After);
        Assert.Equal(AuditChanges.RedactedValue, changes["passwordHash"].Before);
        Assert.Equal(AuditChanges.RedactedValue, changes["passwordHash"].After);
    }

    [Fact]
    public void Diff_RedactsNestedKeys_InsideChangedJson()
    {
        var before = new Dictionary<string, object?> { ["metadata"] = """{"color":"red"}""" };
        var after = new Dictionary<string, object?> { ["metadata"] = """{"color":"blue","auth":{"access_token":"abc123"},"items":[{"secret":"s"}]}""" };

        var changes = AuditChanges.Diff(before, after);

        var json = JsonSerializer.Serialize(changes);
        Assert.DoesNotContain("abc123", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"s\"", json, StringComparison.Ordinal);
        Assert.Contains("blue", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Created_SkipsNulls_RedactsSecretFields_AndNestedObjects()
    {
        var request = new { Name = "Key", Password = "p@ss", Description = (string?)null, Settings = new { Token = "t0k", Size = 3 } };

        var changes = AuditChanges.Created(request);

        Assert.Equal(["name", "password", "settings"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AuditChanges.RedactedValue, changes["password"].After);
        var settings = JsonSerializer.Serialize(changes["settings"].After);
        Assert.DoesNotContain("t0k", settings, StringComparison.Ordinal);
        Assert.Contains("3", settings, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brand.created", 201)]
    [InlineData("user.registered", 201)]
    [InlineData("product.deleted", 204)]
    [InlineData("api_key.revoked", 204)]
    [InlineData("product.updated", 200)]
    public void AuditStatus_ForSuccess_FollowsTheAction(string action, int expected) => Assert.Equal(expected, AuditStatus.ForSuccess(action));

    [Fact]
    public void AuditStatus_ForSuccess_PrefersTheEntrysOwnStatus() =>
        Assert.Equal(202, AuditStatus.ForSuccess(new AuditEntry("job.run", "job", null) { StatusCode = 202 }));
}
