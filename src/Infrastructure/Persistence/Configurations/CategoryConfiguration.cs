using Catalog.Domain.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(Category.NameMaxLength);
        builder.Property(c => c.Slug).HasMaxLength(Category.SlugMaxLength);
        builder.Property(c => c.ImageUrl).HasMaxLength(Domain.Common.WebUrl.MaxLength);
        builder.Property(c => c.Metadata).HasColumnType("jsonb");

        // Written only by the tree triggers (trg_categories_maintain_path); EF reads them back after each save.
        ReadOnlyFromDatabase(builder.Property(c => c.Path).HasColumnType("uuid[]"));
        ReadOnlyFromDatabase(builder.Property(c => c.Depth));

        builder.Property(c => c.CreatedAt).ValueGeneratedNever();
        builder.Property(c => c.UpdatedAt).ValueGeneratedNever();
        builder.Property(c => c.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasQueryFilter(c => c.DeletedAt == null);
        builder.Ignore(c => c.DomainEvents);
    }

    private static void ReadOnlyFromDatabase<T>(PropertyBuilder<T> property)
    {
        property.ValueGeneratedOnAddOrUpdate();
        property.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
