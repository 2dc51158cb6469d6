using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class StoredReportConfiguration : IEntityTypeConfiguration<StoredReport>
{
    public void Configure(EntityTypeBuilder<StoredReport> builder)
    {
        builder.ToTable("QuarterlyReports");
        builder.Property(r => r.Stamp).HasMaxLength(64);
        builder.HasIndex(r => r.PeriodId).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}
