using Appraisal.PartyBuilding.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class MeetingRecordConfiguration : IEntityTypeConfiguration<MeetingRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRecord> builder)
    {
        builder.ToTable("MeetingRecords");
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.GroupName).HasMaxLength(50);
        builder.Property(r => r.ReviewOpinion).HasMaxLength(1000);
        builder.Property(r => r.Minutes).HasMaxLength(20000);
        builder.HasIndex(r => new { r.BranchId, r.Date });

        // One meeting is stored once (branch, type, date, and the party group for a 党小组会), even when the same form is
        // posted several times at once: the check before the insert cannot see a parallel insert, these indexes do.
        // Two partial indexes, because NULLs never collide in a unique index on either provider. The form and the
        // import have no start time (SPEC counts meetings per day), so the date is the finest key there is.
        builder.HasIndex(r => new { r.BranchId, r.Type, r.Date }).IsUnique()
            .HasFilter("\"GroupName\" IS NULL").HasDatabaseName("UX_MeetingRecords_Meeting");
        builder.HasIndex(r => new { r.BranchId, r.Type, r.Date, r.GroupName }).IsUnique()
            .HasFilter("\"GroupName\" IS NOT NULL").HasDatabaseName("UX_MeetingRecords_GroupMeeting");
        builder.HasOne(r => r.Branch).WithMany().HasForeignKey(r => r.BranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
