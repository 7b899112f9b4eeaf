using Hangfire.PostgreSql;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Hangfire's storage in the schema <c>hangfire</c> of the catalog database. The schema is created by a migration and
/// filled by <see cref="Install"/>, both run by the <c>migrate</c> command as the owner; the application role only
/// reads and writes rows there (ADR-080), so the storage never tries to create anything at start-up.
/// </summary>
public static class JobStorageSchema
{
    public const string Name = "hangfire";

    /// <summary>The one queue the jobs use.</summary>
    public const string Queue = "default";

    /// <summary>Creates or upgrades Hangfire's tables (its own versioned scripts, idempotent) as the schema owner.</summary>
    public static void Install(string ownerConnectionString)
    {
        using var connection = new NpgsqlConnection(ownerConnectionString);
        connection.Open();
        PostgreSqlObjectsInstaller.Install(connection, Name);
        // Tables a newer Hangfire.PostgreSql adds get the application role's grants like the others.
        using var grant = new NpgsqlCommand("SELECT catalog_grant_app_privileges()", connection);
        grant.ExecuteNonQuery();
    }

    internal static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = Name,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = options.QueuePollInterval,
        InvisibilityTimeout = options.InvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
    };
}
