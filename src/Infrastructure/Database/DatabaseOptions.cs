namespace Catalog.Infrastructure.Database;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Apply pending migrations when the host starts (true in Development).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Npgsql pool size per instance.</summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>Seconds a request waits for a pooled connection before it fails with 503.</summary>
    public int PoolTimeoutSeconds { get; set; } = 5;

    /// <summary>Seconds before the database cancels one statement (504).</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Read pool: how many statements each connection keeps prepared on the server (Npgsql <c>Max Auto Prepare</c>);
    /// 0 turns automatic preparation off. Ignored when the read connection string sets the keyword itself.
    /// </summary>
    public int ReadMaxAutoPrepare { get; set; } = 32;

    /// <summary>Read pool: uses of one SQL text before it is prepared (<c>Auto Prepare Min Usages</c>).</summary>
    public int ReadAutoPrepareMinUsages { get; set; } = 2;

    /// <summary>
    /// Read pool: skip the reset (<c>DISCARD ALL</c>) when a connection returns to the pool (<c>No Reset On Close</c>).
    /// Safe because reads leave no session state: no SET, no temp tables, no advisory locks, no LISTEN
    /// (search_products changes a setting only with set_config(..., true), which ends with its statement's transaction).
    /// </summary>
    public bool ReadNoResetOnClose { get; set; } = true;

    /// <summary>
    /// Write pool (<c>ConnectionStrings:Catalog</c>): skip the reset (<c>DISCARD ALL</c>) when a connection returns to the
    /// pool. The reset also threw away the plans PL/pgSQL keeps per connection, so every product write planned its
    /// triggers' statements afresh (~25 ms of PostgreSQL time per write at 1m, ADR-124). Safe because the pool's users
    /// leave no session state: transactions, SET LOCAL and set_config(..., true) only; the job runner releases its
    /// session advisory lock before the connection goes back; LISTEN and the maintenance jobs' session settings use
    /// connections of their own. Ignored when the connection string sets the keyword itself.
    /// </summary>
    public bool WriteNoResetOnClose { get; set; } = true;

    /// <summary>
    /// Read pool: its maximum size (<c>Maximum Pool Size</c>); 0 = <see cref="MaxPoolSize"/>. Size it to what the
    /// database can run at once — about two to four per database core, divided among the instances — and let the
    /// requests beyond it wait in the pool (docs/operations.md). Ignored when the read connection string sets it.
    /// </summary>
    public int ReadMaxPoolSize { get; set; }

    /// <summary>
    /// With a replica (<c>ConnectionStrings:CatalogRead</c> on another server): how long a read waits for the replica to
    /// replay the newest write made through the API before it reads from the primary instead (ADR-100).
    /// </summary>
    public int ReplicaMaxWaitMs { get; set; } = 100;

    /// <summary>Seconds a replica that refused a connection, or fell behind beyond <see cref="ReplicaMaxWaitMs"/>, is left alone.</summary>
    public int ReplicaRetrySeconds { get; set; } = 2;

    /// <summary>
    /// How instances share the newest write position: <c>Auto</c> (Redis when <c>ConnectionStrings:Redis</c> is set, ADR-107;
    /// else <c>Notify</c>), <c>Notify</c> (LISTEN/NOTIFY on the primary) or <c>Local</c> (one instance).
    /// </summary>
    public string WritePositionSharing { get; set; } = "Auto";
}

/// <summary>The connection strings Catalog reads; CatalogRead and CatalogOwner fall back to Catalog.</summary>
public sealed record CatalogConnectionStrings(string Write, string Read)
{
    public const string WriteName = "Catalog";
    public const string ReadName = "CatalogRead";
    public const string OwnerName = "CatalogOwner";

    /// <summary>
    /// The schema owner's connection (<c>ConnectionStrings:CatalogOwner</c>, default <see cref="Write"/>): migrations and
    /// maintenance (DDL, VACUUM, partitions) use it; requests never do. See ADR-070.
    /// </summary>
    public string Owner { get; init; } = Write;
}
