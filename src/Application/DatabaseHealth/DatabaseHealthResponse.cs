namespace Catalog.Application.DatabaseHealth;

/// <summary>The database's health in numbers (GET /admin/database): what an operator checks before and after a tuning step.</summary>
public sealed record DatabaseHealthResponse(
    DateTimeOffset CheckedAt,
    IReadOnlyList<TableHealth> Tables,
    IReadOnlyList<IndexHealth> Indexes,
    CacheHealth Cache,
    IReadOnlyList<ConnectionCount> Connections,
    IReadOnlyList<RunningQuery> LongestQueries,
    AuditPartitionHealth AuditPartitions,
    ReplicationHealth Replication);

/// <summary>A table of the public schema: estimated live and dead rows, size with indexes and TOAST, last (auto)vacuum and analyze.</summary>
public sealed record TableHealth(
    string Table,
    long LiveRows,
    long DeadRows,
    long TotalBytes,
    DateTimeOffset? LastVacuum,
    DateTimeOffset? LastAutovacuum,
    DateTimeOffset? LastAnalyze,
    DateTimeOffset? LastAutoanalyze);

/// <summary>An index: scans since the statistics were reset, size, and whether it was never scanned (unique and primary keys excepted: they enforce a rule).</summary>
public sealed record IndexHealth(string Table, string Index, long Scans, long Bytes, bool NeverUsed);

/// <summary>Buffer cache hits and reads of this database; the ratio is null before anything was read.</summary>
public sealed record CacheHealth(long BlocksHit, long BlocksRead, double? HitRatio);

/// <summary>Connections to this database by state (active, idle, idle in transaction, ...; "not visible" for other roles' sessions).</summary>
public sealed record ConnectionCount(string State, long Connections);

/// <summary>A statement running now, longest first: its text cut at 200 characters; parameter values are never part of it.</summary>
public sealed record RunningQuery(int Pid, string? ApplicationName, string State, double RunningSeconds, string Query);

/// <summary>Monthly audit partitions: how many, the oldest kept and the newest (yyyy-MM), and whole months ahead of the current one.</summary>
public sealed record AuditPartitionHealth(int Partitions, string? Oldest, string? Newest, int MonthsAhead);

/// <summary>Whether the read side is a replica and, if so, how far its replay is behind (seconds since the last replayed transaction).</summary>
public sealed record ReplicationHealth(bool ReadSideIsReplica, double? LagSeconds);
