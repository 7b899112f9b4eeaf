using Catalog.Application.Common.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Catalog.Infrastructure.Identity;

/// <summary>ASP.NET Core's PBKDF2 hasher (format v3: HMAC-SHA512) at OWASP's 210,000 iterations.</summary>
internal sealed class AspNetPasswordHasher : Application.Common.Identity.IPasswordHasher
{
    public const int Iterations = 210_000;

    private static readonly object Subject = new();

    private readonly PasswordHasher<object> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public PasswordCheck Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(Subject, hash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
                _ => PasswordCheck.Failed,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }
    }
}
