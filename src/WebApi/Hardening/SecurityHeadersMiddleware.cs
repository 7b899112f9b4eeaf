namespace Catalog.WebApi.Hardening;

/// <summary>
/// Headers that keep browsers from misusing API answers: no MIME sniffing, no framing, no referrer, and a CSP that
/// allows nothing for JSON. Swagger UI (an HTML page with its own scripts and styles) gets a CSP that allows its own
/// origin only. Set on every response, error pages included.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // Swashbuckle's index.html carries inline script and style; everything else comes from this origin.
    public const string SwaggerContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    // The back-office console (ADR-095): its own origin only; MudBlazor's theme is an inline style, no script runs.
    public const string BackOfficeContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        var swagger = context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase);
        var console = Catalog.BackOffice.BackOfficePaths.IsBackOffice(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = swagger ? SwaggerContentSecurityPolicy : console ? BackOfficeContentSecurityPolicy : ApiContentSecurityPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), geolocation=(), microphone=(), payment=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
