using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class BranchManualScoreConfiguration : IEntityTypeConfiguration<BranchManualScore>
{
    public void Configure(EntityTypeBuilder<BranchManualScore> builder)
    {
        builder.ToTable("ManualScores");
        builder.Property(m => m.IndicatorCode).HasMaxLength(100);
        builder.Property(m => m.Score).HasPrecision(9, EvidenceValues.ScoreDecimals);
        builder.Property(m => m.Evidence).HasMaxLength(EvidenceValues.MaxEvidenceLength);
        builder.Property(m => m.Comment).HasMaxLength(EvidenceValues.MaxCommentLength);
        builder.Property(m => m.Assessor).HasMaxLength(50);
        builder.HasIndex(m => new { m.PeriodId, m.BranchId, m.IndicatorCode }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(m => m.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Branch).WithMany().HasForeignKey(m => m.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
