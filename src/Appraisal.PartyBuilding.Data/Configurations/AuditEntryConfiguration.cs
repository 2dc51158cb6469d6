using Appraisal.PartyBuilding.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Actor).HasMaxLength(50);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.Property(a => a.OrganizationPath).HasMaxLength(1000);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.Sequence).IsUnique();
        // A scoped auditor's page filters by subtree ("OrganizationPath LIKE 'prefix%'"), as the organization tree does.
        builder.HasIndex(a => a.OrganizationPath).HasOperators("varchar_pattern_ops");
    }
}
