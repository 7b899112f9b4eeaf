namespace Catalog.WebApi.RateLimiting;

/// <summary>
/// Endpoint metadata: requests to this endpoint also draw on the stricter per-address auth budget
/// (<see cref="RateLimitingOptions.AuthPermitsPerMinute"/>). The limiter reads it from the matched endpoint, never
/// from the path, so no spelling of a URL that reaches the action escapes the budget (ADR-075).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class AuthBudgetAttribute : Attribute
{
}
