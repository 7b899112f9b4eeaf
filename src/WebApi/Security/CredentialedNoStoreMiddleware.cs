using Microsoft.Net.Http.Headers;

namespace Catalog.WebApi.Security;

/// <summary>
/// Every answer to a request that carries credentials of any kind (<c>Authorization</c>, <c>X-Api-Key</c>,
/// <c>Cookie</c>) is <c>Cache-Control: no-store</c>, whatever the endpoint and errors included: RFC 9111 keeps shared
/// caches off requests with <c>Authorization</c> only, and private caches keep anything not marked (ADR-076).
/// First in the pipeline: its hook runs last as the response starts, so nothing after it can loosen the header.
/// </summary>
internal sealed class CredentialedNoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (CredentialHeaders.ArePresent(context.Request))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                // "private, no-store" (authenticated catalog reads) already says it; anything else is replaced.
                if (!CacheControlHeaderValue.TryParse(headers.CacheControl.ToString(), out var current) || !current.NoStore)
                {
                    headers.CacheControl = "no-store";
                }

                headers.Pragma = "no-cache";
                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }
}

/// <summary>The request headers that carry credentials: such a request is never answered from or into a cache.</summary>
public static class CredentialHeaders
{
    public static bool ArePresent(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization)
        || request.Headers.ContainsKey(AuthenticationSetup.ApiKeyHeader)
        || request.Headers.ContainsKey(HeaderNames.Cookie);
}

public static class CredentialedNoStoreSetup
{
    /// <summary>First in the pipeline, so that every answer (errors of any middleware included) is covered.</summary>
    public static IApplicationBuilder UseCredentialedNoStore(this IApplicationBuilder app) =>
        app.UseMiddleware<CredentialedNoStoreMiddleware>();
}
