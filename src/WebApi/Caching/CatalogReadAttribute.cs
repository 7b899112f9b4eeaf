using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.WebApi.Caching;

/// <summary>
/// Caching of a catalog read (ADR-031). Anonymous requests (no <c>Authorization</c>, <c>X-Api-Key</c> or <c>Cookie</c>) are
/// served from this instance's output cache, tagged <see cref="Tag"/>, and answered with
/// <c>Cache-Control: public, max-age</c>; authenticated requests (back-office views, internal fields) bypass
/// the cache and are marked <c>private, no-store</c>. Every answer varies by the credentials headers.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CatalogReadAttribute : Attribute, IOutputCachePolicy, IResultFilter
{
    public const string Tag = "catalog";

    public static bool IsAnonymous(HttpRequest request) => !CredentialHeaders.ArePresent(request);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && IsAnonymous(request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Options(context.HttpContext).ServerSeconds);
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    public void OnResultExecuting(ResultExecutingContext context)
    {
        var http = context.HttpContext;
        var status = (context.Result as IStatusCodeActionResult)?.StatusCode ?? StatusCodes.Status200OK;
        var headers = http.Response.Headers;
        headers.Vary = "Authorization, X-Api-Key";
        headers.CacheControl = IsAnonymous(http.Request) && status is StatusCodes.Status200OK or StatusCodes.Status304NotModified
            ? PublicCacheControl(Options(http).MaxAgeSeconds)
            : "private, no-store";
    }

    // The header value is the same on every request while the option stays: formatted once, not per response.
    // (One object, swapped whole: hosts with other options in the same process, as in the tests, never see a torn pair.)
    private static HeaderValue? publicCacheControl;

    private static string PublicCacheControl(int maxAgeSeconds)
    {
        var cached = publicCacheControl;
        if (cached is null || cached.Seconds != maxAgeSeconds)
        {
            cached = new HeaderValue(maxAgeSeconds, $"public, max-age={maxAgeSeconds}");
            publicCacheControl = cached;
        }

        return cached.Value;
    }

    private sealed record HeaderValue(int Seconds, string Value);

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    private static CatalogCachingOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<CatalogCachingOptions>>().Value;
}
