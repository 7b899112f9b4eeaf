using Catalog.Application.Auth;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Security;
using Catalog.Domain.Users;
using Catalog.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Infrastructure.Database;

/// <summary>
/// Creates the admin named by <c>Bootstrap:AdminEmail</c>/<c>Bootstrap:AdminPassword</c> when no such user exists. The
/// password meets the rules every other password meets (length, not a common one); a weak one stops the start.
/// </summary>
public sealed class BootstrapAdmin(IServiceScopeFactory scopeFactory, IConfiguration configuration, IPasswordPolicy policy, TimeProvider time, ILogger<BootstrapAdmin> logger)
{
    /// <returns>True when the admin was created by this call.</returns>
    public Task<bool> EnsureAsync(CancellationToken cancellationToken) =>
        EnsureAsync(configuration["Bootstrap:AdminEmail"], configuration["Bootstrap:AdminPassword"], cancellationToken);

    /// <returns>True when the admin was created by this call.</returns>
    public async Task<bool> EnsureAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        // The password itself is never part of the message: start-up errors end up in logs.
        if (string.IsNullOrWhiteSpace(password) || password.Length < PasswordRules.MinLength || password.Length > PasswordRules.MaxLength)
        {
            throw new InvalidOperationException(
                $"Bootstrap:AdminPassword must have {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters; the admin was not created and the service does not start.");
        }

        if (policy.IsCommon(password))
        {
            throw new InvalidOperationException(
                "Bootstrap:AdminPassword is too common (it is on the list of common passwords every password is checked against); choose another. The admin was not created and the service does not start.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var normalized = User.NormalizeEmail(email);
        if (await db.Set<User>().AnyAsync(u => u.Email == normalized, cancellationToken))
        {
            return false;
        }

        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher>();
        var admin = User.Create(normalized, hasher.Hash(password), "Catalog", "Admin", time.GetUtcNow(), [Roles.Admin]);
        admin.VerifyEmail(time.GetUtcNow());
        db.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Bootstrap admin {Email} created", normalized);
        return true;
    }
}
