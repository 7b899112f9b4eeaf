using Catalog.Application.Common.Security;
using Catalog.BackOffice;
using Hangfire;
using Hangfire.Dashboard;

namespace Catalog.WebApi.Security;

/// <summary>
/// Hangfire's dashboard at <c>/hangfire</c> (ADR-080): read-only for <c>jobs:read</c>, with its triggers (trigger, retry,
/// delete) for <c>jobs:run</c>. The caller is the one the API authenticated (bearer token or API key); an anonymous
/// caller gets 401 and one without either permission 403. Hangfire's default filter, which lets any local request in,
/// is replaced: behind a reverse proxy on the same host every request would be local.
/// </summary>
public static class JobsDashboardSetup
{
    public const string Path = "/hangfire";

    public static IApplicationBuilder UseCatalogJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new PermissionDashboardFilter()],
            // A reader sees the dashboard without its buttons; Hangfire refuses a reader's command POST (401).
            IsReadOnlyFunc = context => !Caller(context).HasPermission(Permissions.JobsRun),
            DisplayStorageConnectionString = false,
            DashboardTitle = "Catalog jobs",
            AppPath = null,
            // The caller is authenticated by a header a browser never adds by itself, so no request can be forged. Hangfire
            // demands antiforgery tokens whenever the service is registered (the console registers it, ADR-095): a
            // cookie-authenticated dashboard needs them back (the console's, below).
            IgnoreAntiforgeryToken = true,
        })
        .UseConsoleJobsDashboard();

    /// <summary>
    /// The same dashboard for the back-office console (ADR-097) at <see cref="BackOfficePaths.JobsDashboard"/>: under
    /// <c>/admin</c> the caller is the console cookie's user only (headers are dropped there), so the cookie keeps its
    /// <c>/admin</c> path and authenticates nothing under <c>/api</c> or <c>/hangfire</c>. A cookie is sent by the browser on
    /// its own, so here Hangfire's antiforgery token is demanded on every trigger. Not signed in: to the sign-in page.
    /// </summary>
    private static IApplicationBuilder UseConsoleJobsDashboard(this IApplicationBuilder app) => app
        .UseWhen(
            context => context.Request.Path.StartsWithSegments(BackOfficePaths.JobsDashboard) && context.User.Identity?.IsAuthenticated != true,
            anonymous => anonymous.Run(context =>
            {
                context.Response.Redirect($"{BackOfficePaths.SignIn}?returnUrl={Uri.EscapeDataString(BackOfficePaths.JobsDashboard)}");
                return Task.CompletedTask;
            }))
        .UseHangfireDashboard(BackOfficePaths.JobsDashboard, new DashboardOptions
        {
            Authorization = [new PermissionDashboardFilter()],
            IsReadOnlyFunc = context => !Caller(context).HasPermission(Permissions.JobsRun),
            DisplayStorageConnectionString = false,
            DashboardTitle = "Catalog jobs",
            AppPath = BackOfficePaths.Root + "/jobs",
            IgnoreAntiforgeryToken = false,
        });

    private static ICurrentUser Caller(DashboardContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<ICurrentUser>();

    /// <summary>Lets in a caller holding jobs:read or jobs:run; Hangfire answers 401 to an anonymous caller, 403 to others.</summary>
    private sealed class PermissionDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var caller = Caller(context);
            return caller.IsAuthenticated && (caller.HasPermission(Permissions.JobsRead) || caller.HasPermission(Permissions.JobsRun));
        }
    }
}
