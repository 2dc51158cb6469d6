using Appraisal.PartyBuilding.Core.Incentives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appraisal.PartyBuilding.Data.Configurations;

internal sealed class IncentiveCoefficientConfiguration : IEntityTypeConfiguration<IncentiveCoefficient>
{
    public void Configure(EntityTypeBuilder<IncentiveCoefficient> builder)
    {
        builder.ToTable("IncentiveCoefficients");
        builder.Property(c => c.Grade).HasMaxLength(20);
        builder.Property(c => c.Coefficient).HasPrecision(5, 2);
        builder.Property(c => c.UpdatedBy).HasMaxLength(50);
        builder.HasIndex(c => c.Grade).IsUnique();
    }
}
