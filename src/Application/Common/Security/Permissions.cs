namespace Catalog.Application.Common.Security;

/// <summary>The permission strings of the API contract; seeded by the migrations (0001, and 0093 for database:read).</summary>
public static class Permissions
{
    public const string UsersRead = "users:read";
    public const string UsersWrite = "users:write";
    public const string UsersDelete = "users:delete";
    public const string ProductsRead = "products:read";
    public const string ProductsWrite = "products:write";
    public const string ProductsDelete = "products:delete";
    public const string ProductsPublish = "products:publish";
    public const string CategoriesWrite = "categories:write";
    public const string CategoriesDelete = "categories:delete";
    public const string BrandsWrite = "brands:write";
    public const string BrandsDelete = "brands:delete";
    public const string ReviewsModerate = "reviews:moderate";
    public const string ApiKeysRead = "api_keys:read";
    public const string ApiKeysWrite = "api_keys:write";
    public const string AuditLogsRead = "audit_logs:read";
    public const string PermissionsRead = "permissions:read";
    public const string PermissionsWrite = "permissions:write";
    public const string JobsRead = "jobs:read";
    public const string JobsRun = "jobs:run";
    public const string DatabaseRead = "database:read";

    public static readonly IReadOnlyList<string> All =
    [
        UsersRead, UsersWrite, UsersDelete,
        ProductsRead, ProductsWrite, ProductsDelete, ProductsPublish,
        CategoriesWrite, CategoriesDelete, BrandsWrite, BrandsDelete,
        ReviewsModerate, ApiKeysRead, ApiKeysWrite, AuditLogsRead,
        PermissionsRead, PermissionsWrite, JobsRead, JobsRun, DatabaseRead,
    ];
}

/// <summary>The seeded roles.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string CatalogManager = "catalog_manager";
    public const string Editor = "editor";
    public const string Moderator = "moderator";
    public const string User = "user";

    public static readonly IReadOnlyList<string> All = [Admin, CatalogManager, Editor, Moderator, User];
}
