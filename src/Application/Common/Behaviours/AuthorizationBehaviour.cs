using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using MediatR;

namespace Catalog.Application.Common.Behaviours;

/// <summary>Enforces <see cref="AuthorizeAttribute"/> (<see cref="AuthorizationRule"/>): 401 without credentials, 403 without the permission.</summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var refusal = AuthorizationRule.Check(AuthorizationRule.For(typeof(TRequest)), currentUser);
        return refusal is null ? next() : Task.FromResult(ResultFactory.Failure<TResponse>(refusal));
    }
}
