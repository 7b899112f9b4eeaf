using Catalog.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(Product.SlugMaxLength);
        builder.Property(p => p.ShortDescription).HasMaxLength(Product.ShortDescriptionMaxLength);
        builder.Property(p => p.Sku).HasMaxLength(Product.SkuMaxLength);
        builder.Property(p => p.Barcode).HasMaxLength(Product.BarcodeMaxLength);
        builder.Property(p => p.Price).HasColumnType("numeric(10,2)");
        builder.Property(p => p.CompareAtPrice).HasColumnType("numeric(10,2)");
        builder.Property(p => p.Cost).HasColumnType("numeric(10,2)");
        builder.Property(p => p.Weight).HasColumnType("numeric(10,3)");
        builder.Property(p => p.AverageRating).HasColumnType("numeric(3,2)");
        builder.Property(p => p.Dimensions).HasColumnType("jsonb");
        builder.Property(p => p.Images).HasColumnType("jsonb");
        builder.Property(p => p.Metadata).HasColumnType("jsonb");
        builder.Property(p => p.Tags).HasColumnType("text[]");
        builder.Property(p => p.RatingCounts).HasColumnType("integer[]");
        builder.Property(p => p.Status).HasMaxLength(20).HasConversion(s => Product.ToWire(s), s => Product.FromWire(s));
        builder.Property(p => p.CreatedAt).ValueGeneratedNever();
        builder.Property(p => p.UpdatedAt).ValueGeneratedNever();
        builder.Property(p => p.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasQueryFilter(p => p.DeletedAt == null);
        builder.Ignore(p => p.DomainEvents);
        builder.Ignore(p => p.IsVisibleOnStorefront);
    }
}
