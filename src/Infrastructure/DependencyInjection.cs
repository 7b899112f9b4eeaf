using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Persistence;
using Catalog.Infrastructure.Auditing;
using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Jobs;
using Catalog.Infrastructure.Persistence;
using Catalog.Infrastructure.Persistence.Replicas;
using Catalog.Infrastructure.Persistence.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using System.Data.Common;
using Npgsql;

namespace Catalog.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var databaseOptions = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        var connectionStrings = ResolveConnectionStrings(configuration);
        services.AddSingleton(connectionStrings);

        services.AddSingleton(_ => BuildDataSource(WriteConnectionString(connectionStrings.Write, databaseOptions), databaseOptions, "catalog-write"));
        services.AddSingleton(_ => new ReadDataSource(BuildDataSource(ReadConnectionString(connectionStrings.Read, databaseOptions), databaseOptions, "catalog-read")));
        services.AddDbContext<CatalogDbContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.CommandTimeout(databaseOptions.CommandTimeoutSeconds))
                .UseCatalogNaming();
            // Migrations are hand-written SQL (ADR-001); there is no model snapshot to compare with.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        },
        // The options depend only on singletons: built once, not once per scope (building them, warnings configuration
        // included, was the costliest step of resolving a DbContext).
        contextLifetime: ServiceLifetime.Scoped,
        optionsLifetime: ServiceLifetime.Singleton);

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IBrandRepository, Persistence.Repositories.BrandRepository>();
        services.AddCatalogCommandPersistence();
        services.AddScoped<AuditWriter>();
        services.AddScoped<Application.Common.Auditing.ISecurityAuditLog, SecurityAuditLog>();
        services.AddAuditing(configuration);
        services.AddReadRouting(connectionStrings, databaseOptions);
        services.AddSingleton<IPersistenceFailureTranslator, PersistenceFailureTranslator>();
        services.AddSingleton<IDatabaseReadiness, DatabaseReadinessCheck>();
        services.AddSingleton<Application.Common.Idempotency.IIdempotencyStore, Idempotency.IdempotencyStore>();
        services.AddSingleton<Application.Common.Paging.ICursorCodec, Paging.HmacCursorCodec>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<BootstrapAdmin>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName));
        services.AddSingleton<IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        services.AddMemoryCache();
        services.AddSingleton<IPermissionCatalog, PermissionCatalog>();
        services.AddSingleton<TimeProvider>(DatabaseTimeProvider.Instance);
        services.AddCatalogJobs(configuration);
        services.AddIdentityServices(configuration);
        return services;
    }

    /// <summary>
    /// Reads on <c>CatalogRead</c>; when it names another server than <c>Catalog</c>, routed per read between the replica
    /// and the primary with the writes' positions recorded and shared (ADR-100). Nothing of it is registered otherwise.
    /// </summary>
    private static void AddReadRouting(this IServiceCollection services, CatalogConnectionStrings connectionStrings, DatabaseOptions databaseOptions)
    {
        if (string.Equals(connectionStrings.Read, connectionStrings.Write, StringComparison.Ordinal))
        {
            services.AddSingleton<IReadDbConnectionFactory, ReadDbConnectionFactory>();
            return;
        }

        services.AddSingleton(_ => new PrimaryReadDataSource(BuildDataSource(ReadConnectionString(connectionStrings.Write, databaseOptions), databaseOptions, "catalog-read-primary")));
        services.AddSingleton<WritePositions>();
        services.AddSingleton<PositionLease>();
        services.AddSingleton<ReplicaReadRouter>();
        services.AddSingleton<IReadDbConnectionFactory, RoutedReadDbConnectionFactory>();
        services.AddScoped<IWritePositionRecorder, WritePositionRecorder>();
        // Auto: NOTIFY, replaced by Redis (AddRedisWritePositionSharing) when the web host has a Redis connection.
        if (string.Equals(databaseOptions.WritePositionSharing, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IWritePositionChannel, LocalWritePositionChannel>();
        }
        else
        {
            services.AddSingleton<IWritePositionChannel, NotifyWritePositionChannel>();
            services.AddHostedService<WritePositionListener>();
        }

        // "ready": the readiness probe's tag (HealthSetup.ReadyTag in the web host).
        services.AddHealthChecks().AddCheck<Observability.ReplicaHealthCheck>("database-replica", tags: ["ready"]);
    }

    /// <summary>
    /// With a replica and <c>Database:WritePositionSharing</c> at <c>Auto</c>: the newest write position is kept in Redis
    /// (ADR-107) on this instance's one connection, which the web host owns and hands over; LISTEN/NOTIFY stays as the
    /// fallback for the moments Redis is unreachable. Nothing changes without a replica.
    /// </summary>
    public static IServiceCollection AddRedisWritePositionSharing(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, Task<IConnectionMultiplexer>> connection)
    {
        var sharing = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.WritePositionSharing ?? "Auto";
        var channel = services.FirstOrDefault(d => d.ServiceType == typeof(IWritePositionChannel));
        if (channel?.ImplementationType != typeof(NotifyWritePositionChannel) || !string.Equals(sharing, "Auto", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        services.Remove(channel);
        services.AddSingleton<IWritePositionChannel>(provider => new RedisWritePositionChannel(
            connection(provider), provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<WritePositions>(),
            provider.GetRequiredService<ILogger<RedisWritePositionChannel>>()));
        return services;
    }

    public static CatalogConnectionStrings ResolveConnectionStrings(IConfiguration configuration)
    {
        var write = configuration.GetConnectionString(CatalogConnectionStrings.WriteName);
        if (string.IsNullOrWhiteSpace(write))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Catalog is not set. Set it (environment: ConnectionStrings__Catalog) to a PostgreSQL connection string, " +
                "or run in Development where an embedded local PostgreSQL is started.");
        }

        var read = configuration.GetConnectionString(CatalogConnectionStrings.ReadName);
        var owner = configuration.GetConnectionString(CatalogConnectionStrings.OwnerName);
        return new CatalogConnectionStrings(write, string.IsNullOrWhiteSpace(read) ? write : read)
        {
            Owner = string.IsNullOrWhiteSpace(owner) ? write : owner,
        };
    }

    /// <summary>
    /// The read pool's connection string: server-side prepared statements (<c>Max Auto Prepare</c>,
    /// <c>Auto Prepare Min Usages</c>), no pool reset (<c>No Reset On Close</c>) and its own maximum size when set, from
    /// <see cref="DatabaseOptions"/>; a keyword the operator's connection string sets wins (docs/operations.md).
    /// </summary>
    public static string ReadConnectionString(string connectionString, DatabaseOptions options)
    {
        var keys = GivenKeywords(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = options.ReadMaxAutoPrepare;
        }

        if (!keys.Contains("autoprepareminusages"))
        {
            builder.AutoPrepareMinUsages = options.ReadAutoPrepareMinUsages;
        }

        if (!keys.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = options.ReadNoResetOnClose;
        }

        if (options.ReadMaxPoolSize > 0 && !keys.Contains("maximumpoolsize") && !keys.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = options.ReadMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The write pool's connection string: no pool reset (<c>No Reset On Close</c>,
    /// <see cref="DatabaseOptions.WriteNoResetOnClose"/>) unless the operator's connection string sets the keyword.
    /// </summary>
    public static string WriteConnectionString(string connectionString, DatabaseOptions options) =>
        GivenKeywords(connectionString).Contains("noresetonclose")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = options.WriteNoResetOnClose }.ConnectionString;

    /// <summary>The keywords <paramref name="connectionString"/> sets, in any spelling Npgsql accepts (no spaces, lower case).</summary>
    private static HashSet<string> GivenKeywords(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>().Select(NormalisedKeyword).ToHashSet(StringComparer.Ordinal);

    private static string NormalisedKeyword(string keyword) =>
        keyword.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static NpgsqlDataSource BuildDataSource(string connectionString, DatabaseOptions options, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= applicationName;
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = options.MaxPoolSize;
        }

        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = options.PoolTimeoutSeconds;
            // Dapper reads use the connection's default; EF Core sets its own from the same option.
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        }

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = Observability.PoolNames.For(builder.ApplicationName, applicationName) };
        return dataSourceBuilder.Build();
    }
}
