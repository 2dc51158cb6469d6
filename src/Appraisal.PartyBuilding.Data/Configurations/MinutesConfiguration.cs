using Appraisal.PartyBuilding.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class MinutesBandConfiguration : IEntityTypeConfiguration<MinutesBand>
{
    public void Configure(EntityTypeBuilder<MinutesBand> builder)
    {
        builder.ToTable("MinutesBands");
        builder.HasKey(b => new { b.MeetingRecordId, b.Band });
        // The copy check looks up band hashes: one index probe per band instead of a scan of every record.
        builder.HasIndex(b => new { b.Hash, b.Band });
        builder.HasOne<MeetingRecord>().WithMany().HasForeignKey(b => b.MeetingRecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MinutesMatchConfiguration : IEntityTypeConfiguration<MinutesMatch>
{
    public void Configure(EntityTypeBuilder<MinutesMatch> builder)
    {
        builder.ToTable("MinutesMatches");
        builder.Property(m => m.Similarity).HasPrecision(5, 4);
        builder.HasIndex(m => new { m.MeetingRecordId, m.OtherRecordId }).IsUnique();
        builder.HasIndex(m => m.OtherRecordId);
        builder.HasOne<MeetingRecord>().WithMany().HasForeignKey(m => m.MeetingRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MeetingRecord>().WithMany().HasForeignKey(m => m.OtherRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
