namespace Catalog.Application.Auth;

/// <summary>Sign-in and account-recovery settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Failed sign-ins before the account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>First lockout; each further failure doubles it (up to 64×).</summary>
    public int LockoutSeconds { get; set; } = 60;

    public int EmailVerificationHours { get; set; } = 24;

    public int PasswordResetMinutes { get; set; } = 60;

    /// <summary>Reset mails a single account may be sent per hour (more requests still answer 202).</summary>
    public int PasswordResetRequestsPerHour { get; set; } = 3;

    /// <summary>Where the links in mails point (the storefront that shows the verify and reset pages).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}
