using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;
using FluentValidation;
using MediatR;

namespace Catalog.Application.Common.Behaviours;

/// <summary>Runs every FluentValidation validator of the request; failures become one 400 problem with <c>errors</c>.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators.ToArray();

    // A request type without validators (most queries) passes straight on, without a state machine of its own.
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        _validators.Length == 0 ? next() : ValidateAsync(request, cancellationToken, next);

    private async Task<TResponse> ValidateAsync(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var context = new ValidationContext<TRequest>(request);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(context, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        var details = failures
            .GroupBy(f => FieldName.ToCamelCasePath(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return ResultFactory.Failure<TResponse>(Error.Validation(details));
    }
}

/// <summary>Turns FluentValidation's <c>Dimensions.Length</c> or <c>Tags[3]</c> into the JSON names a client sent.</summary>
public static class FieldName
{
    public static string ToCamelCasePath(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "body";
        }

        var parts = propertyPath.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length > 0 && char.IsUpper(part[0]))
            {
                parts[i] = char.ToLowerInvariant(part[0]) + part[1..];
            }
        }

        return string.Join('.', parts);
    }
}
