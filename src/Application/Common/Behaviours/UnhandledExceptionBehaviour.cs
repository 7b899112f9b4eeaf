using MediatR;
using Microsoft.Extensions.Logging;

namespace Catalog.Application.Common.Behaviours;

/// <summary>Logs an unexpected exception with the request's name, then lets the web layer turn it into a 500 problem.</summary>
internal sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception in {Request}", typeof(TRequest).Name);
            throw;
        }
    }
}
