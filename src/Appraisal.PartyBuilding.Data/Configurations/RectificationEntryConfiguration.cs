using Appraisal.PartyBuilding.Core.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class RectificationEntryConfiguration : IEntityTypeConfiguration<RectificationEntry>
{
    public void Configure(EntityTypeBuilder<RectificationEntry> builder)
    {
        builder.ToTable("RectificationEntries");
        builder.Property(e => e.Actor).HasMaxLength(50);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Text).HasMaxLength(2000);
    }
}
