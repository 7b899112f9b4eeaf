using System.Collections.Concurrent;
using System.Net;
using Catalog.Application.Common.Identity;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Auth;

/// <summary>The host's password hasher wrapped in one that counts verifications per stored hash.</summary>
public sealed class VerificationCountingApiFactory : CatalogApiFactory
{
    public ConcurrentDictionary<string, int> Verifications { get; } = new(StringComparer.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IPasswordHasher));
            services.Remove(original);
            services.AddSingleton<IPasswordHasher>(sp => new CountingPasswordHasher(
                (IPasswordHasher)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), Verifications));
        });
    }

    private sealed class CountingPasswordHasher(IPasswordHasher inner, ConcurrentDictionary<string, int> verifications) : IPasswordHasher
    {
        public string Hash(string password) => inner.Hash(password);

        public PasswordCheck Verify(string hash, string password)
        {
            verifications.AddOrUpdate(hash, 1, (_, n) => n + 1);
            return inner.Verify(hash, password);
        }
    }
}

/// <summary>
/// Lockout is reserved before the password is verified (ADR-078). Before, the lockout was checked, the password verified
/// and only then the failure counted, so 50 guesses at once all passed the check and were all verified.
/// </summary>
public sealed class LockoutRaceTests : IClassFixture<VerificationCountingApiFactory>
{
    private const int Threshold = 5;
    private const int Guesses = 50;

    private readonly VerificationCountingApiFactory _factory;

    public LockoutRaceTests(VerificationCountingApiFactory factory)
    {
        _factory = factory;
        _factory.WithSetting("Auth:LockoutThreshold", Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Auth:LockoutSeconds", "3600")
            // 50 PBKDF2 checks at once (the refused ones verify a dummy hash) keep both cores of the test machine busy
            // for seconds, so new connections may take longer than the default 5 s to open.
            .WithSetting("Database:PoolTimeoutSeconds", "60");
    }

    [Fact]
    public async Task ParallelWrongGuesses_NoMoreThanTheThresholdReachPasswordVerification()
    {
        var user = await _factory.CreateUserAsync();
        var client = _factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i =>
            client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password " + i })));

        foreach (var response in responses)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("auth.invalid_credentials", problem.GetProperty("code").GetString());
        }

        var verified = _factory.Verifications.GetValueOrDefault(user.PasswordHash);
        Assert.True(verified <= Threshold, $"{verified} of {Guesses} parallel wrong guesses reached password verification (threshold {Threshold}).");
        Assert.Equal(Threshold, verified);
        Assert.Equal(Threshold, await _factory.ScalarAsync<int>("SELECT failed_login_count FROM users WHERE id = @Id", new { user.Id }));
        Assert.True(await _factory.ScalarAsync<bool>("SELECT lockout_until > now() + interval '50 minutes' FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(1, await _factory.AuditCountAsync("auth.lockout", user.Id));

        // Locked: even the right password is not verified, and gets the same answer.
        var locked = await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityTestHelpers.Password });
        await locked.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(Threshold, _factory.Verifications.GetValueOrDefault(user.PasswordHash));
    }

    [Fact]
    public async Task ASuccessAfterFailures_TakesItsReservationBack_AndClearsTheCount()
    {
        var user = await _factory.CreateUserAsync();
        var client = _factory.CreateClient();
        for (var i = 0; i < Threshold - 1; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong " + i })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        // This attempt reaches the threshold when it is reserved; the right password takes it back.
        await client.LoginAsync(user.Email);
        Assert.Equal(0, await _factory.ScalarAsync<int>("SELECT failed_login_count FROM users WHERE id = @Id", new { user.Id }));
        Assert.True(await _factory.ScalarAsync<bool>("SELECT lockout_until IS NULL FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(0, await _factory.AuditCountAsync("auth.lockout", user.Id));
        await client.LoginAsync(user.Email);
    }
}
