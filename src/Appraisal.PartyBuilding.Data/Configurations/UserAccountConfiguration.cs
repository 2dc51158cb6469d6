using Appraisal.PartyBuilding.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.Login).HasMaxLength(50);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.Role).HasMaxLength(20);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.TotpSecret).HasMaxLength(64);
        builder.HasIndex(u => u.Login).IsUnique();
        builder.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(12);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne(t => t.UserAccount).WithMany().HasForeignKey(t => t.UserAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
