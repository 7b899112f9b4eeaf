namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>Options for <see cref="LocalPostgresCluster.StartAsync"/>.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>
    /// The cluster root. The PostgreSQL data directory is <c>DataDirectory/data</c>; next to it live
    /// <c>superuser.password</c>, <c>port</c>, <c>postgres.log</c> and the Unix socket.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// The TCP port on 127.0.0.1. <see langword="null"/>: reuse the port recorded in the folder, otherwise pick a free one.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>
    /// <see langword="true"/> (default): the cluster survives <see cref="LocalPostgresCluster.DisposeAsync"/> (it is only stopped).
    /// <see langword="false"/>: a throwaway cluster tuned for speed (fsync off); disposing it stops it and deletes
    /// <see cref="DataDirectory"/>.
    /// </summary>
    public bool Persistent { get; init; } = true;

    /// <summary>The directory holding initdb and pg_ctl; <see langword="null"/>: discovered by <see cref="PostgresBinaries"/>.</summary>
    public string? BinDirectory { get; init; }
}
