using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Common.Queries;

/// <summary>
/// <c>?status=</c> of the category and brand reads (ADR-086). A caller holding the resource's write permission chooses
/// the rows: <c>active</c>, <c>inactive</c>, <c>deleted</c>, <c>all</c>, or by default the live ones (active and
/// inactive). Anyone else gets the storefront's answer, asked for with no status or with <c>active</c>, the storefront's
/// own; any other value is refused (401 without credentials, 403 without the permission), never silently ignored.
/// </summary>
public static class CatalogStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Values = [Active, Inactive, Deleted, All];

    private static readonly string[] Live = [Active, Inactive];
    private static readonly string[] Every = [Active, Inactive, Deleted];

    /// <summary>
    /// The row statuses the caller reads (values of the <c>status</c> column of <c>v_all_categories</c> and
    /// <c>v_all_brands</c>), or null for the storefront's answer; a refusal when the caller asks for rows it may not see.
    /// </summary>
    public static Result<string[]?> Resolve(string? status, ICurrentUser caller, string writePermission)
    {
        if (!caller.HasPermission(writePermission))
        {
            if (status is null or Active)
            {
                return Result<string[]?>.Success(null);
            }

            var message = $"'status={status}' requires the '{writePermission}' permission.";
            return caller.IsAuthenticated ? Error.Forbidden(message) : Error.Unauthorized(message);
        }

        return status switch
        {
            null => Live,
            Active => new[] { Active },
            Inactive => new[] { Inactive },
            Deleted => new[] { Deleted },
            All => Every,
            _ => Error.Validation("status", Message),
        };
    }

    /// <summary>A cursor scope part per status, so that a cursor of one status's list is refused by another's.</summary>
    public static string Scope(string? status) => status ?? "live";

    public static IRuleBuilderOptions<T, string?> CatalogStatusValue<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(s => s is null || Values.Contains(s)).WithMessage(Message).OverridePropertyName("status");

    private static readonly string Message = $"'status' must be one of: {string.Join(", ", Values)}.";
}
