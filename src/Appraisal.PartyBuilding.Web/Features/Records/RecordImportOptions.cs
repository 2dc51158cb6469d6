using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>The <c>Records</c> configuration section: limits of the records import.</summary>
public sealed class RecordImportOptions
{
    public const string Section = "Records";

    /// <summary>
    /// Most data rows in one imported file. Default 10,000. Checked by streaming the sheet before the workbook is
    /// loaded, so a larger file is refused without being parsed whole.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ImportMaxRows { get; set; } = 10_000;
}
