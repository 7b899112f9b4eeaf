using Catalog.WebApi.Idempotency;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Infrastructure;

public static class CatalogCommandsSetup
{
    /// <summary>
    /// The web side of the catalog's write endpoints. Call before AddCatalogProblemDetails so that the persistence
    /// conflict handler sees exceptions before the catch-all one.
    /// </summary>
    public static IServiceCollection AddCatalogCommandsWeb(this IServiceCollection services)
    {
        services.AddExceptionHandler<PersistenceConflictHandler>();
        services.AddIdempotency();
        services.Configure<ApiBehaviorOptions>(options =>
        {
            options.ClientErrorMapping[StatusCodes.Status428PreconditionRequired] = new ClientErrorData
            {
                Title = "Precondition Required",
                Link = "https://www.rfc-editor.org/rfc/rfc6585#section-3",
            };
            options.ClientErrorMapping[StatusCodes.Status412PreconditionFailed] = new ClientErrorData
            {
                Title = "Precondition Failed",
                Link = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
            };
        });
        return services;
    }
}
