using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// Bootstrap:AdminPassword meets the rules every password meets (IPasswordPolicy, length); a weak one stops the start
/// with a message that names the setting and the rule, never the password, and creates nobody. Before, only the length
/// was checked: "password1" made an admin.
/// </summary>
public sealed class BootstrapAdminPasswordTests
{
    [Theory]
    [InlineData("password1", "too common")]
    [InlineData("Password1", "too common")]
    [InlineData("qwertyuiop", "too common")]
    [InlineData("admin1234", "too common")]
    [InlineData("short", "must have 8 to 256 characters")]
    [InlineData("         ", "must have 8 to 256 characters")]
    public async Task WeakBootstrapPassword_StopsTheStart_AndCreatesNoAdmin(string password, string message)
    {
        var email = $"boot-{Guid.NewGuid():N}@example.com";
        await using var factory = await StartFactoryAsync(email, password);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var text = Flatten(error);
        Assert.Contains("Bootstrap:AdminPassword", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
        if (password.Trim().Length > 0)
        {
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task StrongBootstrapPassword_CreatesTheAdmin_WhoCanSignIn()
    {
        var email = $"boot-{Guid.NewGuid():N}@example.com";
        const string Password = "violet staple orbit lantern 42";
        await using var factory = await StartFactoryAsync(email, Password);

        var client = factory.CreateClient();
        var tokens = await client.LoginAsync(email, Password);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await factory.WithBearer(tokens.GetProperty("accessToken").GetString()).GetAsync("/api/v1/users")).StatusCode);
    }

    private static async Task<CatalogApiFactory> StartFactoryAsync(string email, string password)
    {
        var factory = new CatalogApiFactory();
        await factory.InitializeAsync();
        factory.WithSetting("Bootstrap:AdminEmail", email).WithSetting("Bootstrap:AdminPassword", password);
        return factory;
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join(" | ", messages);
    }
}
