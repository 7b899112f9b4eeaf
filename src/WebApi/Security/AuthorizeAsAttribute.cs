using Catalog.Application.Common.Security;

namespace Catalog.WebApi.Security;

/// <summary>The request type whose <see cref="AuthorizeAttribute"/> an endpoint is authorized by, at the endpoint.</summary>
public interface IAuthorizeAsMetadata
{
    Type RequestType { get; }
}

/// <summary>
/// Authorizes the action as <typeparamref name="TRequest"/> is authorized (its <see cref="AuthorizeAttribute"/>, stated once
/// on the request) before the action binds or reads anything: an anonymous caller gets 401 and one without the permission
/// 403 while the body is still unread. The MediatR pipeline checks the same rule again for every other adapter.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AuthorizeAsAttribute<TRequest> : Attribute, IAuthorizeAsMetadata
{
    public Type RequestType => typeof(TRequest);
}
