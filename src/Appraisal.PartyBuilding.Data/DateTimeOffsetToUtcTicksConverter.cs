using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Appraisal.PartyBuilding.Data;

/// <summary>Stores instants as UTC ticks (a 64-bit integer) so that both providers compare and order them.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
