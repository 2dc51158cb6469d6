using Appraisal.PartyBuilding.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.Property(r => r.Kind).HasMaxLength(50);
        builder.Property(r => r.Key).HasMaxLength(50);
        builder.Property(r => r.Message).HasMaxLength(1000);
        builder.HasIndex(r => new { r.OrganizationId, r.Kind, r.Key }).IsUnique();
        builder.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
