using Catalog.Application.Common.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// Races that only the database can see become 4xx problems: a lost optimistic-concurrency race is 412; a unique
/// index or a category-tree trigger refusing a write is 409. Which exception is which is decided where persistence
/// lives (<see cref="IPersistenceFailureTranslator"/>); this maps the kind to HTTP.
/// </summary>
internal sealed class PersistenceConflictHandler(IProblemDetailsService problemDetails, IPersistenceFailureTranslator translator) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = translator.Translate(exception);
        var status = failure?.Kind switch
        {
            PersistenceFailureKind.ConcurrencyConflict => StatusCodes.Status412PreconditionFailed,
            PersistenceFailureKind.Conflict => StatusCodes.Status409Conflict,
            _ => 0,
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status412PreconditionFailed ? "Precondition Failed" : "Conflict",
                Detail = failure!.Detail,
            },
        });
    }
}
