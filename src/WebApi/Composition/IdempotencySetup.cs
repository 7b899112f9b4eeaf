using Catalog.WebApi.Idempotency;

namespace Catalog.WebApi.Composition;

public static class IdempotencySetup
{
    /// <summary>After authentication (the caller is part of the key), before the endpoints.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();
}
