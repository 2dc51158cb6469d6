using Appraisal.PartyBuilding.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class MeetingRecordEventConfiguration : IEntityTypeConfiguration<MeetingRecordEvent>
{
    public void Configure(EntityTypeBuilder<MeetingRecordEvent> builder)
    {
        builder.ToTable("MeetingRecordEvents");
        builder.Property(e => e.Actor).HasMaxLength(50);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Opinion).HasMaxLength(1000);
        builder.Property(e => e.Changes).HasMaxLength(4000);
        builder.HasIndex(e => new { e.MeetingRecordId, e.At });
        builder.HasOne<MeetingRecord>().WithMany().HasForeignKey(e => e.MeetingRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
