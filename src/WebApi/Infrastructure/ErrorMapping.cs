using Catalog.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Infrastructure;

/// <summary>The one place where an expected failure becomes an RFC 9457 problem response.</summary>
public static class ErrorMapping
{
    public static int ToStatusCode(ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorType.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        ErrorType.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IActionResult ToProblem(this ControllerBase controller, Error error)
    {
        var status = ToStatusCode(error.Type);
        var factory = controller.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.Infrastructure.ProblemDetailsFactory>();
        ProblemDetails problem;
        if (error.Details is { Count: > 0 } details)
        {
            var validation = factory.CreateValidationProblemDetails(controller.HttpContext, new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary(), status, detail: error.Message);
            foreach (var (field, messages) in details)
            {
                validation.Errors[field] = messages;
            }

            problem = validation;
        }
        else
        {
            problem = factory.CreateProblemDetails(controller.HttpContext, status, detail: error.Message);
        }

        problem.Extensions["code"] = error.Code;
        if (status == StatusCodes.Status401Unauthorized)
        {
            controller.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
