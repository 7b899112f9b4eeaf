namespace Catalog.Domain.Common;

/// <summary>The kind of an expected failure; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionRequired,
    PreconditionFailed,
    PayloadTooLarge,
}

/// <summary>An expected failure: a broken rule, a missing resource, a conflict.</summary>
public sealed record Error(string Code, string Message, ErrorType Type)
{
    public IReadOnlyDictionary<string, string[]>? Details { get; init; }

    public static Error Validation(string field, string message) =>
        new("validation", message, ErrorType.Validation)
        {
            Details = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static Error Validation(IReadOnlyDictionary<string, string[]> details) =>
        new("validation", "One or more validation errors occurred.", ErrorType.Validation) { Details = details };

    public static Error NotFound(string resource, object? id = null) =>
        new($"{resource}.not_found", id is null ? $"The {resource} was not found." : $"The {resource} '{id}' was not found.", ErrorType.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorType.Conflict);

    public static Error Forbidden(string message = "You do not have permission to perform this action.") =>
        new("forbidden", message, ErrorType.Forbidden);

    public static Error Unauthorized(string message = "Authentication is required.") =>
        new("unauthorized", message, ErrorType.Unauthorized);

    public static Error TooLarge(string field, string message) =>
        new("payload_too_large", message, ErrorType.PayloadTooLarge)
        {
            Details = new Dictionary<string, string[]> { [field] = [message] },
        };
}
