namespace Catalog.Application.Common.Auditing;

/// <summary>
/// <c>Audit:Enabled</c> (default true) and <c>Audit:UnauthenticatedRowsPerAddressPerMinute</c> (5). Turning it off stops the staging of command entries and exists only for
/// the benchmark's on/off comparison (docs/audit.md): production keeps it on. Security events are written either way.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// At most this many 401 rows per client address and minute (<c>security.unauthorized</c>, <c>*.failed</c> with 401);
    /// later ones are counted and the count is kept on the address's next row (<c>metadata.suppressed</c>). 0: no bound.
    /// </summary>
    public int UnauthenticatedRowsPerAddressPerMinute { get; set; } = 5;
}
