using Appraisal.PartyBuilding.Contracts;

namespace Appraisal.PartyBuilding.Excel.Packs;

/// <summary>
/// An indicator pack authored in Excel (<c>pack.xlsx</c>), read by <see cref="PackWorkbook.Read"/>. It uses only the
/// rule kinds the host evaluates, so it has no scorers of its own.
/// </summary>
public sealed class WorkbookPack : IIndicatorPack
{
    internal WorkbookPack(PackManifest manifest) => Manifest = manifest;

    /// <inheritdoc />
    public PackManifest Manifest { get; }
}
