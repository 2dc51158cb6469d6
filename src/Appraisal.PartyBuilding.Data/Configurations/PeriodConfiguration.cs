using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> builder)
    {
        builder.ToTable("Periods");
        // A concurrency token: two moves of the same period at once (a person and a scheduled job) cannot both win.
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(p => p.OpenedBy).HasMaxLength(50);
        // Periods that existed before the column start at version 0, which is also what a new period starts at.
        builder.Property(p => p.ResultsVersion).HasDefaultValue(0);
        builder.HasIndex(p => new { p.Year, p.Quarter }).IsUnique();
        builder.HasMany(p => p.Packs).WithOne().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(p => p.AsQuarter);
    }
}

internal sealed class PinnedPackConfiguration : IEntityTypeConfiguration<PinnedPack>
{
    public void Configure(EntityTypeBuilder<PinnedPack> builder)
    {
        builder.ToTable("PeriodPacks");
        builder.Property(p => p.PackId).HasMaxLength(100);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.HasIndex(p => new { p.PeriodId, p.PackId }).IsUnique();
    }
}
