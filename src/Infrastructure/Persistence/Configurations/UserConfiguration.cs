using Catalog.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(User.EmailMaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(255);
        builder.Property(u => u.FirstName).HasMaxLength(User.NameMaxLength);
        builder.Property(u => u.LastName).HasMaxLength(User.NameMaxLength);
        builder.Property(u => u.AvatarUrl).HasMaxLength(User.AvatarUrlMaxLength);
        builder.Property(u => u.Metadata).HasColumnType("jsonb");
        builder.Property<List<string>>("_roles").HasColumnName("roles").HasColumnType("text[]");
        builder.Ignore(u => u.Roles);
        builder.Property(u => u.CreatedAt).ValueGeneratedNever();
        builder.Property(u => u.UpdatedAt).ValueGeneratedNever();
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasQueryFilter(u => u.DeletedAt == null);
        builder.Ignore(u => u.DomainEvents);
    }
}
