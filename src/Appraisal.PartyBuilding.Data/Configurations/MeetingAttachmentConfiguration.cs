using Appraisal.PartyBuilding.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class MeetingAttachmentConfiguration : IEntityTypeConfiguration<MeetingAttachment>
{
    public void Configure(EntityTypeBuilder<MeetingAttachment> builder)
    {
        builder.ToTable("MeetingAttachments");
        builder.Property(a => a.StoredName).HasMaxLength(100);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(50);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(50);
        builder.HasIndex(a => a.MeetingRecordId);
        builder.HasIndex(a => a.StoredName).IsUnique();
        builder.HasOne<MeetingRecord>().WithMany().HasForeignKey(a => a.MeetingRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
