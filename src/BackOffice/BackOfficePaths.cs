namespace Catalog.BackOffice;

/// <summary>Where the console lives: everything under <see cref="Root"/>, its cookie scoped to it.</summary>
public static class BackOfficePaths
{
    public const string Root = "/admin";
    public const string SignIn = "/admin/login";
    public const string SignOut = "/admin/logout";

    /// <summary>Hangfire's dashboard for the console's signed-in users (the API's own stays at /hangfire, ADR-097).</summary>
    public const string JobsDashboard = "/admin/hangfire";

    public static bool IsBackOffice(Microsoft.AspNetCore.Http.PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
