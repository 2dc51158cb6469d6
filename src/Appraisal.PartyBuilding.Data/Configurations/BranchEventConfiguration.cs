using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class BranchEventConfiguration : IEntityTypeConfiguration<BranchEvent>
{
    public void Configure(EntityTypeBuilder<BranchEvent> builder)
    {
        builder.ToTable("EvidenceEvents");
        builder.Property(e => e.EventType).HasMaxLength(EvidenceValues.MaxCodeLength);
        builder.Property(e => e.Description).HasMaxLength(EvidenceValues.MaxDescriptionLength);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.EnteredBy).HasMaxLength(50);
        builder.HasIndex(e => new { e.Date, e.BranchId });
        builder.HasOne(e => e.Branch).WithMany().HasForeignKey(e => e.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
