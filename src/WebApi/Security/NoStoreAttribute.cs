using Microsoft.AspNetCore.Mvc.Filters;

namespace Catalog.WebApi.Security;

/// <summary>Responses that carry tokens, keys or personal data must not be kept by any cache.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoStoreAttribute : ResultFilterAttribute
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
    }
}
