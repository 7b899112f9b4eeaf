using Catalog.Domain.Common;

namespace Catalog.BackOffice.Components.Shared;

/// <summary>How the console words what the use cases answer.</summary>
public static class Labels
{
    public static string Status(string status) => status switch
    {
        "draft" => "Draft",
        "in_review" => "In review",
        "published" => "Published",
        "rejected" => "Rejected",
        "archived" => "Archived",
        "deleted" => "Deleted",
        "active" => "Active",
        "inactive" => "Inactive",
        _ => status,
    };

    public static T? ValueOrNull<T>(this Result<T> result) where T : class => result.IsSuccess ? result.Value : null;
}
