using Appraisal.PartyBuilding.Core.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("Surveys");
        builder.Property(s => s.Title).HasMaxLength(Survey.MaxTitleLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(50);
        builder.Property(s => s.ClosedBy).HasMaxLength(50);
        builder.HasIndex(s => new { s.PeriodId, s.BranchId });
        builder.HasOne(s => s.Period).WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Branch).WithMany().HasForeignKey(s => s.BranchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Invitations).WithOne(i => i.Survey).HasForeignKey(i => i.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}
