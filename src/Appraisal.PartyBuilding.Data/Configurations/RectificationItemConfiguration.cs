using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> builder)
    {
        builder.ToTable("RectificationItems");
        builder.Property(i => i.IndicatorCode).HasMaxLength(100);
        builder.Property(i => i.Reasons).HasMaxLength(1000);
        builder.Property(i => i.OwnerLogin).HasMaxLength(50);
        // A concurrency token: a report, a review and a re-check of the same item cannot overwrite each other.
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(i => i.Score).HasPrecision(9, 2);
        builder.Property(i => i.MaxScore).HasPrecision(9, 2);
        builder.Property(i => i.PassScore).HasPrecision(9, 2);
        builder.Property(i => i.RecheckScore).HasPrecision(9, 2);
        builder.HasIndex(i => new { i.PeriodId, i.BranchId, i.IndicatorCode }).IsUnique();
        builder.HasIndex(i => new { i.State, i.Deadline });
        builder.HasOne<Period>().WithMany().HasForeignKey(i => i.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Period>().WithMany().HasForeignKey(i => i.RecheckPeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Branch).WithMany().HasForeignKey(i => i.BranchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.History).WithOne().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Reminders).WithOne().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
