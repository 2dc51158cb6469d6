using Appraisal.PartyBuilding.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Code).HasMaxLength(50);
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.Path).HasMaxLength(1000);
        builder.Property(o => o.CategoryCode).HasMaxLength(100);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(o => o.Code).IsUnique();
        // Subtree queries are "Path LIKE 'prefix%'"; on PostgreSQL a pattern-ops index serves them in any collation.
        builder.HasIndex(o => o.Path).HasOperators("varchar_pattern_ops");
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Groups).WithOne().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(o => o.IsBranch);
    }
}

internal sealed class PartyGroupConfiguration : IEntityTypeConfiguration<PartyGroup>
{
    public void Configure(EntityTypeBuilder<PartyGroup> builder)
    {
        builder.ToTable("PartyGroups");
        builder.Property(g => g.Name).HasMaxLength(50);
        builder.HasIndex(g => new { g.OrganizationId, g.Name }).IsUnique();
    }
}
