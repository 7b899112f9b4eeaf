using Catalog.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Infrastructure;

/// <summary>Controllers bind, send, and map the result; nothing else.</summary>
[ApiController]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    private IMediator? _mediator;

    protected IMediator Mediator => _mediator ??= HttpContext.RequestServices.GetRequiredService<IMediator>();

    protected IActionResult FromResult<T>(Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : this.ToProblem(result.Error!);

    /// <summary>200 with the value: written by generated code when <see cref="ReadModelJsonContext"/> lists its type (ADR-122), else by MVC's formatter.</summary>
    protected IActionResult FromResult<T>(Result<T> result) => FromResult(result, value => GeneratedJsonResult.For(value) ?? (IActionResult)Ok(value));

    protected IActionResult NoContentFromResult<T>(Result<T> result) => FromResult(result, _ => NoContent());
}
