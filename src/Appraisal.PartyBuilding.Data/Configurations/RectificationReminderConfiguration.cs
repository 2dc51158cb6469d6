using Appraisal.PartyBuilding.Core.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class RectificationReminderConfiguration : IEntityTypeConfiguration<RectificationReminder>
{
    public void Configure(EntityTypeBuilder<RectificationReminder> builder)
    {
        builder.ToTable("RectificationReminders");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Message).HasMaxLength(500);
        // Each kind once per item and deadline, even when two scheduler nodes run the job at once.
        builder.HasIndex(r => new { r.ItemId, r.Kind, r.Deadline }).IsUnique();
        builder.HasOne(r => r.RecipientOrganization).WithMany().HasForeignKey(r => r.RecipientOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
