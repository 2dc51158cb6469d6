using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class BranchRatingConfiguration : IEntityTypeConfiguration<BranchRating>
{
    public void Configure(EntityTypeBuilder<BranchRating> builder)
    {
        builder.ToTable("RatingAnswers");
        builder.Property(r => r.Question).HasMaxLength(EvidenceValues.MaxCodeLength);
        builder.Property(r => r.RaterGroup).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Score).HasPrecision(5, EvidenceValues.ScoreDecimals);
        builder.Property(r => r.RaterReference).HasMaxLength(EvidenceValues.MaxReferenceLength);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.EnteredBy).HasMaxLength(50);
        builder.HasIndex(r => new { r.Year, r.Quarter, r.BranchId, r.Question });
        builder.HasOne(r => r.Branch).WithMany().HasForeignKey(r => r.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
