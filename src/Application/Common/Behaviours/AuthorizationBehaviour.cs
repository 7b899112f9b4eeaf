using System.Collections.Concurrent;
using System.Reflection;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using MediatR;

namespace Catalog.Application.Common.Behaviours;

/// <summary>Enforces <see cref="AuthorizeAttribute"/>: 401 without credentials, 403 without the permission.</summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly ConcurrentDictionary<Type, AuthorizeAttribute?> Attributes = new();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var attribute = Attributes.GetOrAdd(typeof(TRequest), static t => t.GetCustomAttribute<AuthorizeAttribute>());
        if (attribute is null)
        {
            return next();
        }

        if (!currentUser.IsAuthenticated)
        {
            return Task.FromResult(ResultFactory.Failure<TResponse>(Error.Unauthorized()));
        }

        if (attribute.UsersOnly && currentUser.ApiKeyId is not null)
        {
            return Task.FromResult(ResultFactory.Failure<TResponse>(Error.Forbidden("API keys cannot perform this action.")));
        }

        if (attribute.Permission is not null && !currentUser.HasPermission(attribute.Permission))
        {
            return Task.FromResult(ResultFactory.Failure<TResponse>(
                Error.Forbidden($"This action requires the '{attribute.Permission}' permission.")));
        }

        return next();
    }
}
