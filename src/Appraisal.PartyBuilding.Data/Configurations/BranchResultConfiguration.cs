using Appraisal.PartyBuilding.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class BranchResultConfiguration : IEntityTypeConfiguration<BranchResult>
{
    public void Configure(EntityTypeBuilder<BranchResult> builder)
    {
        builder.ToTable("BranchResults");
        builder.Property(r => r.CategoryCode).HasMaxLength(100);
        builder.Property(r => r.Grade).HasMaxLength(20);
        builder.Property(r => r.GradeExplanation).HasMaxLength(2000);
        builder.Property(r => r.Total).HasPrecision(9, 2);
        builder.Property(r => r.MaxPoints).HasPrecision(9, 2);
        builder.Property(r => r.Percentile).HasPrecision(5, 2);
        builder.HasIndex(r => new { r.PeriodId, r.BranchId }).IsUnique();

        // The ranking page and the score card count a category and find one page of it in rank order, on this index
        // alone (the branch id breaks ties between equal ranks).
        builder.HasIndex(r => new { r.PeriodId, r.CategoryCode, r.Rank, r.BranchId });
        builder.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Branch).WithMany().HasForeignKey(r => r.BranchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Indicators).WithOne().HasForeignKey(i => i.BranchResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BranchIndicatorScoreConfiguration : IEntityTypeConfiguration<BranchIndicatorScore>
{
    public void Configure(EntityTypeBuilder<BranchIndicatorScore> builder)
    {
        builder.ToTable("BranchIndicatorScores");
        builder.Property(i => i.Code).HasMaxLength(100);
        builder.Property(i => i.DimensionCode).HasMaxLength(100);
        builder.Property(i => i.Explanation).HasMaxLength(2000);
        builder.Property(i => i.Score).HasPrecision(9, 2);
        builder.Property(i => i.MaxScore).HasPrecision(9, 2);
        // The default is what script 0011 gives the rows scored before the column existed (then set from their text once).
        builder.Property(i => i.VetoTriggered).HasDefaultValue(false);
        builder.HasIndex(i => i.PeriodId);
    }
}
