namespace Catalog.Application.Common.Identity;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>Hashes passwords with PBKDF2-HMAC-SHA512 (ASP.NET Core's PasswordHasher, ≥ 210,000 iterations).</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}
