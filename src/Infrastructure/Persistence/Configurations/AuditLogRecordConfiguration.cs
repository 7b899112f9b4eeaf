using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class AuditLogRecordConfiguration : IEntityTypeConfiguration<AuditLogRecord>
{
    public void Configure(EntityTypeBuilder<AuditLogRecord> builder)
    {
        builder.ToTable("audit_logs");
        builder.HasKey(a => new { a.Id, a.CreatedAt });
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.Property(a => a.Metadata).HasColumnType("jsonb");
        builder.Property(a => a.IpAddress).HasColumnType("inet");
    }
}
