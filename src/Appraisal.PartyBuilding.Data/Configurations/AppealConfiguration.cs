using Appraisal.PartyBuilding.Core.Appeals;
using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.ToTable("Appeals");
        builder.Property(a => a.IndicatorCode).HasMaxLength(100);
        builder.Property(a => a.Reason).HasMaxLength(AppealRules.MaxReasonLength);
        builder.Property(a => a.Evidence).HasMaxLength(AppealRules.MaxEvidenceLength);
        builder.Property(a => a.FiledBy).HasMaxLength(50);
        builder.Property(a => a.OriginalExplanation).HasMaxLength(2000);
        builder.Property(a => a.OriginalScorer).HasMaxLength(50);
        // A concurrency token: two deciders of the same appeal at once cannot both win.
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(a => a.DecidedBy).HasMaxLength(50);
        builder.Property(a => a.Opinion).HasMaxLength(AppealRules.MaxOpinionLength);
        builder.Property(a => a.OriginalScore).HasPrecision(9, 2);
        builder.Property(a => a.MaxScore).HasPrecision(9, 2);
        builder.Property(a => a.NewScore).HasPrecision(9, 2);
        builder.HasIndex(a => new { a.PeriodId, a.BranchId, a.IndicatorCode, a.OpenMarker }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Branch).WithMany().HasForeignKey(a => a.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
