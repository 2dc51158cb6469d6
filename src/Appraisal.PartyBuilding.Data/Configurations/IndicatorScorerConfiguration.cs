using Appraisal.PartyBuilding.Core.Appeals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class IndicatorScorerConfiguration : IEntityTypeConfiguration<IndicatorScorer>
{
    public void Configure(EntityTypeBuilder<IndicatorScorer> builder)
    {
        builder.ToTable("IndicatorScorers");
        builder.Property(s => s.Login).HasMaxLength(50);
        builder.Property(s => s.IndicatorCode).HasMaxLength(100);
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => new { s.PeriodId, s.BranchId, s.IndicatorCode, s.Login, s.Source }).IsUnique().HasDatabaseName("UX_IndicatorScorers_Scorer");
    }
}
