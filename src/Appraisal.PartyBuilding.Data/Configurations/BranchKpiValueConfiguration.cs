using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class BranchKpiValueConfiguration : IEntityTypeConfiguration<BranchKpiValue>
{
    public void Configure(EntityTypeBuilder<BranchKpiValue> builder)
    {
        builder.ToTable("KpiValues");
        builder.Property(k => k.KpiCode).HasMaxLength(EvidenceValues.MaxCodeLength);
        builder.Property(k => k.Value).HasPrecision(18, EvidenceValues.KpiDecimals);
        builder.Property(k => k.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.EnteredBy).HasMaxLength(50);
        // One value per branch, quarter and KPI; scoring reads a quarter at a time.
        builder.HasIndex(k => new { k.Year, k.Quarter, k.BranchId, k.KpiCode }).IsUnique();
        builder.HasOne(k => k.Branch).WithMany().HasForeignKey(k => k.BranchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Core.Capture.CaptureSource>().WithMany().HasForeignKey(k => k.CaptureSourceId).OnDelete(DeleteBehavior.Restrict);
    }
}
