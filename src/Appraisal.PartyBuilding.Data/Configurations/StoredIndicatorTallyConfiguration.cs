using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class StoredIndicatorTallyConfiguration : IEntityTypeConfiguration<StoredIndicatorTally>
{
    public void Configure(EntityTypeBuilder<StoredIndicatorTally> builder)
    {
        builder.ToTable("IndicatorTallies");
        builder.HasKey(t => new { t.PeriodId, t.Code, t.MaxScore });
        builder.Property(t => t.Code).HasMaxLength(100);
        builder.Property(t => t.MaxScore).HasPrecision(9, 2);
        builder.Property(t => t.ScoreSum).HasPrecision(18, 2);
        builder.HasOne<Period>().WithMany().HasForeignKey(t => t.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}
