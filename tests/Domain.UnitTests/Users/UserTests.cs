using Catalog.Domain.Users;

namespace Catalog.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_NormalizesEmailAndDefaultsToUserRole()
    {
        var user = User.Create("  Alice@Example.COM ", "hash", "Alice", null, Now);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal(["user"], user.Roles);
        Assert.Single(user.DomainEvents.OfType<UserRegistered>());
    }

    [Fact]
    public void RecordFailedLogin_LocksOutAtThresholdWithGrowingDuration()
    {
        var user = User.Create("a@example.com", "hash", null, null, Now);
        for (var i = 0; i < 4; i++)
        {
            user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        }

        Assert.False(user.IsLockedOut(Now));
        user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        Assert.True(user.IsLockedOut(Now.AddSeconds(59)));
        Assert.False(user.IsLockedOut(Now.AddMinutes(1)));
        user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        Assert.True(user.IsLockedOut(Now.AddSeconds(119)));
    }

    [Fact]
    public void RecordSuccessfulLogin_ResetsFailures()
    {
        var user = User.Create("a@example.com", "hash", null, null, Now);
        user.RecordFailedLogin(Now, 1, TimeSpan.FromMinutes(1));
        user.RecordSuccessfulLogin(Now);
        Assert.False(user.IsLockedOut(Now));
        Assert.Equal(0, user.FailedLoginCount);
        Assert.Equal(1, user.LoginCount);
    }

    [Fact]
    public void SecuritySensitiveChanges_RotateTheSecurityStamp()
    {
        var user = User.Create("a@example.com", "hash", null, null, Now);
        var stamps = new HashSet<Guid> { user.SecurityStamp };
        user.ChangePasswordHash("new", Now);
        Assert.True(stamps.Add(user.SecurityStamp));
        user.SetRoles(["admin"]);
        Assert.True(stamps.Add(user.SecurityStamp));
        user.Deactivate();
        Assert.True(stamps.Add(user.SecurityStamp));
        user.Delete(Now);
        Assert.True(stamps.Add(user.SecurityStamp));
        Assert.NotNull(user.DeletedAt);
    }

    [Fact]
    public void RehashPassword_KeepsTheSecurityStamp()
    {
        var user = User.Create("a@example.com", "hash", null, null, Now);
        var stamp = user.SecurityStamp;
        user.RehashPassword("stronger");
        Assert.Equal(stamp, user.SecurityStamp);
        Assert.Equal("stronger", user.PasswordHash);
    }
}
