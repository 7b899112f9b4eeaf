using Catalog.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property<List<string>>("_permissions").HasColumnName("permissions").HasColumnType("text[]");
        builder.Ignore(k => k.Permissions);
        builder.Property(k => k.CreatedAt).ValueGeneratedNever();
        builder.Property(k => k.UpdatedAt).ValueGeneratedNever();
        builder.HasQueryFilter(k => k.DeletedAt == null);
        builder.Ignore(k => k.DomainEvents);
    }
}
