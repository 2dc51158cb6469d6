using Appraisal.PartyBuilding.Core.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class InstalledPackConfiguration : IEntityTypeConfiguration<InstalledPack>
{
    public void Configure(EntityTypeBuilder<InstalledPack> builder)
    {
        builder.ToTable("InstalledPacks");
        builder.Property(p => p.PackId).HasMaxLength(100);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.Property(p => p.Digest).HasMaxLength(64);
        builder.Property(p => p.Folder).HasMaxLength(300);
        builder.Property(p => p.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.InstalledBy).HasMaxLength(50);
        builder.Property(p => p.ChangedBy).HasMaxLength(50);
        builder.HasIndex(p => new { p.PackId, p.Version }).IsUnique();
    }
}
