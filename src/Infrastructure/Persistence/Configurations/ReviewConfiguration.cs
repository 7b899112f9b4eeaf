using Catalog.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(Review.TitleMaxLength);
        builder.Property(r => r.Pros).HasColumnType("text[]");
        builder.Property(r => r.Cons).HasColumnType("text[]");
        builder.Property(r => r.Images).HasColumnType("jsonb");
        builder.Property(r => r.Metadata).HasColumnType("jsonb");
        builder.Property(r => r.CreatedAt).ValueGeneratedNever();
        builder.Property(r => r.UpdatedAt).ValueGeneratedNever();

        // Server-kept: the helpful counter moves only through review_helpful_votes (one atomic statement per vote).
        builder.Property(r => r.HelpfulCount).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        builder.HasQueryFilter(r => r.DeletedAt == null);
        builder.Ignore(r => r.DomainEvents);
    }
}
