using Catalog.Domain.Brands;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> builder)
    {
        builder.ToTable("brands");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Name).HasMaxLength(Brand.NameMaxLength);
        builder.Property(b => b.Slug).HasMaxLength(Brand.SlugMaxLength);
        builder.Property(b => b.Metadata).HasColumnType("jsonb");
        builder.Property(b => b.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasQueryFilter(b => b.DeletedAt == null);
        builder.Ignore(b => b.DomainEvents);
    }
}
