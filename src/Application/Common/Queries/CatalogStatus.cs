using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Common.Queries;

/// <summary>
/// <c>?status=</c> of the category and brand reads (ADR-086). A caller holding the resource's write permission chooses
/// the rows: <c>active</c>, <c>inactive</c>, <c>deleted</c>, <c>all</c>, for brands also <c>archived</c>, or by default
/// the live ones (active and inactive, and archived brands). Anyone else gets the storefront's answer, asked for with no status or with <c>active</c>, the storefront's
/// own; any other value is refused (401 without credentials, 403 without the permission), never silently ignored.
/// </summary>
public static class CatalogStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Deleted = "deleted";
    public const string All = "all";

    /// <summary>A brand only (ADR-092): off the storefront with its products, live for staff.</summary>
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> Values = [Active, Inactive, Deleted, All];

    /// <summary>The values of a resource that can be archived (brands).</summary>
    public static readonly IReadOnlyList<string> ArchivableValues = [Active, Inactive, Archived, Deleted, All];

    /// <summary>
    /// The row statuses the caller reads (values of the <c>status</c> column of <c>v_all_categories</c> and
    /// <c>v_all_brands</c>), or null for the storefront's answer; a refusal when the caller asks for rows it may not see.
    /// </summary>
    public static Result<string[]?> Resolve(string? status, ICurrentUser caller, string writePermission, bool archivable = false)
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

        string[] live = archivable ? [Active, Inactive, Archived] : [Active, Inactive];
        return status switch
        {
            null => live,
            Active or Inactive or Deleted => new[] { status },
            Archived when archivable => new[] { Archived },
            All => live.Append(Deleted).ToArray(),
            _ => Error.Validation("status", MessageFor(archivable ? ArchivableValues : Values)),
        };
    }

    /// <summary>A cursor scope part per status, so that a cursor of one status's list is refused by another's.</summary>
    public static string Scope(string? status) => status ?? "live";

    public static IRuleBuilderOptions<T, string?> CatalogStatusValue<T>(this IRuleBuilder<T, string?> rule, bool archivable = false)
    {
        var values = archivable ? ArchivableValues : Values;
        return rule.Must(s => s is null || values.Contains(s)).WithMessage(MessageFor(values)).OverridePropertyName("status");
    }

    private static string MessageFor(IReadOnlyList<string> values) => $"'status' must be one of: {string.Join(", ", values)}.";
}
