using Appraisal.PartyBuilding.Core.Capture;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class CaptureSourceConfiguration : IEntityTypeConfiguration<CaptureSource>
{
    public void Configure(EntityTypeBuilder<CaptureSource> builder)
    {
        builder.ToTable("CaptureSources");
        builder.Property(s => s.KpiCode).HasMaxLength(Core.AssessmentEvidence.EvidenceValues.MaxCodeLength);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Url).HasMaxLength(CaptureSource.MaxUrlLength);
        builder.Property(s => s.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.BranchField).HasMaxLength(CaptureSource.MaxFieldLength);
        builder.Property(s => s.ValueField).HasMaxLength(CaptureSource.MaxFieldLength);
        builder.Property(s => s.Cron).HasMaxLength(100);
        builder.Property(s => s.TokenHeader).HasMaxLength(CaptureSource.MaxFieldLength);
        builder.Property(s => s.ProtectedToken).HasMaxLength(4000);
        builder.Property(s => s.LastFailure).HasMaxLength(CaptureSource.MaxMessageLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(50);
        // One configured source per KPI: two would race to set the same value.
        builder.HasIndex(s => s.KpiCode).IsUnique();
    }
}
