using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Catalog.WebApi.Auditing;

/// <summary>Keeps the problem an action answered with, so that the audit middleware can store its message.</summary>
internal sealed class ProblemCaptureFilter : IAsyncAlwaysRunResultFilter
{
    private const string ProblemKey = "Catalog.Audit.Problem";

    public static ProblemDetails? Captured(HttpContext context) =>
        context.Items.TryGetValue(ProblemKey, out var value) ? value as ProblemDetails : null;

    /// <summary>For an answer written outside MVC (the endpoint authorization), so that its audit entry says the same.</summary>
    public static void Capture(HttpContext context, ProblemDetails problem) => context.Items[ProblemKey] = problem;

    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails problem })
        {
            context.HttpContext.Items[ProblemKey] = problem;
        }

        return next();
    }
}
