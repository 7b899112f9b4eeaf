using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Common.Queries;

/// <summary>
/// <c>?status=</c> of the category and brand reads (ADR-086). A caller holding the resource's write permission chooses
/// the rows: one status of the resource's <see cref="StatusSet"/>, <c>all</c>, or by default the live ones. Anyone else
/// gets the storefront's answer, asked for with no status or with <c>active</c>, the storefront's own; any other value
/// is refused (401 without credentials, 403 without the permission), never silently ignored.
/// </summary>
public static class CatalogStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
    public const string All = "all";

    /// <summary>A brand off the storefront with its products, live for staff (ADR-092).</summary>
    public const string Archived = "archived";

    /// <summary>The statuses of <c>v_all_categories</c>.</summary>
    public static readonly StatusSet Categories = new(Permissions.CategoriesWrite, [Active, Inactive]);

    /// <summary>The statuses of <c>v_all_brands</c>: a new brand state that staff filter on is one more live status here.</summary>
    public static readonly StatusSet Brands = new(Permissions.BrandsWrite, [Active, Inactive, Archived]);

    /// <summary>A cursor scope part per status, so that a cursor of one status's list is refused by another's.</summary>
    public static string Scope(string? status) => status ?? "live";

    public static IRuleBuilderOptions<T, string?> CatalogStatusValue<T>(this IRuleBuilder<T, string?> rule, StatusSet statuses) =>
        rule.Must(s => s is null || statuses.Values.Contains(s)).WithMessage(statuses.Message).OverridePropertyName("status");
}

/// <summary>The row statuses of one resource: the live ones (read by default) and <c>deleted</c>, chosen by holders of its write permission.</summary>
public sealed class StatusSet(string writePermission, string[] live)
{
    /// <summary>What <c>?status=</c> accepts: each live status, <c>deleted</c> and <c>all</c>.</summary>
    public IReadOnlyList<string> Values { get; } = [.. live, CatalogStatus.Deleted, CatalogStatus.All];

    internal string Message => $"'status' must be one of: {string.Join(", ", Values)}.";

    /// <summary>
    /// The row statuses the caller reads (values of the view's <c>status</c> column), or null for the storefront's
    /// answer; a refusal when the caller asks for rows it may not see.
    /// </summary>
    public Result<string[]?> Resolve(string? status, ICurrentUser caller)
    {
        if (!caller.HasPermission(writePermission))
        {
            if (status is null or CatalogStatus.Active)
            {
                return Result<string[]?>.Success(null);
            }

            var message = $"'status={status}' requires the '{writePermission}' permission.";
            return caller.IsAuthenticated ? Error.Forbidden(message) : Error.Unauthorized(message);
        }

        return status switch
        {
            null => live,
            CatalogStatus.All => live.Append(CatalogStatus.Deleted).ToArray(),
            _ when Values.Contains(status) => new[] { status },
            _ => Error.Validation("status", Message),
        };
    }
}
