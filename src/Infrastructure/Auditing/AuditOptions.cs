namespace Catalog.Infrastructure.Auditing;

/// <summary>
/// <c>Audit:Enabled</c> (default true). Turning it off stops the staging of command entries and exists only for
/// the benchmark's on/off comparison (docs/audit.md): production keeps it on. Security events are written either way.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public bool Enabled { get; set; } = true;
}
