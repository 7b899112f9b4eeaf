using System.Collections.Concurrent;
using System.Reflection;
using Catalog.Domain.Common;

namespace Catalog.Application.Common.Messaging;

/// <summary>Builds a failed <c>Result&lt;T&gt;</c> for a pipeline whose response type is only known generically.</summary>
public static class ResultFactory
{
    private static readonly ConcurrentDictionary<Type, Func<Error, object>> Factories = new();

    public static TResponse Failure<TResponse>(Error error)
    {
        var factory = Factories.GetOrAdd(typeof(TResponse), static type =>
        {
            if (type == typeof(Result))
            {
                return e => Result.Failure(e);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>))
            {
                var method = type.GetMethod(nameof(Result<int>.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])!;
                return e => method.Invoke(null, [e])!;
            }

            throw new InvalidOperationException($"{type} is not a Result type; requests must answer Result or Result<T>.");
        });
        return (TResponse)factory(error);
    }
}
