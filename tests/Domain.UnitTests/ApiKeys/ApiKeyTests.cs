using Catalog.Domain.ApiKeys;
using Catalog.Domain.Common;

namespace Catalog.Domain.UnitTests.ApiKeys;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_DefaultsTheRateLimit_SortsPermissions_AndIsUsable()
    {
        var key = ApiKey.Create("partner", "ck_live_abc", "hash", Guid.NewGuid(), ["users:read", "api_keys:read", "users:read"], null, null, Now).Value;
        Assert.Equal(ApiKey.DefaultRateLimit, key.RateLimit);
        Assert.Equal(["api_keys:read", "users:read"], key.Permissions);
        Assert.True(key.IsUsable(Now));
        Assert.Single(key.DomainEvents.OfType<ApiKeyCreated>());
    }

    [Theory]
    [InlineData("", 10)]
    [InlineData("ok", 0)]
    [InlineData("ok", 2_000_000)]
    public void Create_InvalidNameOrRateLimit_Fails(string name, int rateLimit)
    {
        var result = ApiKey.Create(name, "p", "h", Guid.NewGuid(), [], rateLimit, null, Now);
        Assert.Equal(ErrorType.Validation, result.Error!.Type);
    }

    [Fact]
    public void Create_ExpiryInThePast_Fails()
    {
        Assert.True(ApiKey.Create("ok", "p", "h", Guid.NewGuid(), [], null, Now.AddSeconds(-1), Now).IsFailure);
    }

    [Fact]
    public void Expired_IsNotUsable()
    {
        var key = ApiKey.Create("ok", "p", "h", Guid.NewGuid(), [], null, Now.AddMinutes(5), Now).Value;
        Assert.False(key.IsUsable(Now.AddMinutes(5)));
    }

    [Fact]
    public void Revoke_SoftDeletes_AndARevokedKeyCannotBeRotated()
    {
        var key = ApiKey.Create("ok", "p", "h", Guid.NewGuid(), [], null, null, Now).Value;
        key.Rotate("p2", "h2", Now);
        Assert.Equal("p2", key.Prefix);
        key.Revoke(Now);
        Assert.False(key.IsUsable(Now));
        Assert.NotNull(key.DeletedAt);
        Assert.Equal(ErrorType.Conflict, key.Rotate("p3", "h3", Now).Error!.Type);
    }
}
