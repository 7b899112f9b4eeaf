using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using MediatR;

namespace Catalog.Application.Common.Behaviours;

/// <summary>
/// Commands run in one transaction with the audit entries they record; a failed result rolls everything back.
/// Queries pass straight through.
/// </summary>
internal sealed class TransactionBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommandBase)
        {
            return next();
        }

        return unitOfWork.ExecuteInTransactionAsync(
            _ => next(),
            response => response is not Result { IsFailure: true },
            cancellationToken);
    }
}
