using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Excel;
using Appraisal.PartyBuilding.Excel.Evidence;
using Appraisal.PartyBuilding.Plugins;

namespace Appraisal.PartyBuilding.Web.Features.Evidence;

/// <summary>
/// Imports an .xlsx of KPI values, events or rating answers through the same checks as the JSON API, reporting
/// errors by Excel row and column letter. All or nothing.
/// </summary>
public sealed class EvidenceImport(EvidenceEntry entry, PackCatalog catalog)
{
    public byte[] Template(EvidenceSheet sheet) => sheet.Template(catalog.Categories);

    public async Task<EvidenceImportOutcome> ImportAsync(EvidenceSheet sheet, Stream file, CancellationToken cancellationToken)
    {
        var read = sheet.Read(file, SheetReaderOptions.Default);
        if (read.Rows.Count == 0)
        {
            // The file or its header is unusable: there are no rows to check further.
            return EvidenceImportOutcome.Failed(StatusCodes.Status400BadRequest, read.Errors);
        }

        // The reader's own cell errors (formulas) are reported with the rest, so one correction round fixes the whole file.
        var errors = read.Errors.Select(e => new EvidenceError(e.Row, sheet.FieldAt(e.Column), e.Message)).ToList();
        EvidenceOutcome outcome;
        switch (sheet.Kind)
        {
            case EvidenceKind.Kpis:
                var kpis = Drafts(sheet, read.Rows, errors, EvidenceDraftReader.Kpi);
                outcome = await entry.SaveKpisAsync(kpis, errors, EvidenceSource.Import, Row, cancellationToken);
                break;
            case EvidenceKind.Events:
                var events = Drafts(sheet, read.Rows, errors, EvidenceDraftReader.Event);
                outcome = await entry.SaveEventsAsync(events, errors, EvidenceSource.Import, Row, cancellationToken);
                break;
            default:
                var ratings = Drafts(sheet, read.Rows, errors, EvidenceDraftReader.Rating);
                outcome = await entry.SaveRatingsAsync(ratings, errors, EvidenceSource.Import, Row, cancellationToken);
                break;
        }

        if (outcome.Succeeded)
        {
            return new EvidenceImportOutcome(outcome, []);
        }

        var all = outcome.Errors
            .Select(e => new ImportError(Math.Max(e.Position, 0), sheet.Letter(e.Field), e.Message))
            .OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal)
            .ToList();
        return EvidenceImportOutcome.Failed(outcome.Status, all);
    }

    private static string Row(int row) => $"第{row}行";

    private static List<TDraft> Drafts<TDraft>(EvidenceSheet sheet, IReadOnlyList<SheetRow> rows, List<EvidenceError> errors, Func<EvidenceItem, TDraft?> read)
        where TDraft : class
    {
        var drafts = new List<TDraft>(rows.Count);
        foreach (var row in rows)
        {
            var item = new EvidenceItem(row.Row, field => Cell(sheet, row, field), sheet.Label, errors);
            if (read(item) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        return drafts;
    }

    private static EvidenceCell Cell(EvidenceSheet sheet, SheetRow row, string field)
    {
        var index = sheet.IndexOf(field);
        return index < 0 ? new EvidenceCell(null) : new EvidenceCell(row[index], row.HasReaderError(index));
    }
}

/// <summary>The result of an evidence import: the errors by row and column (nothing saved), or what was saved.</summary>
public sealed record EvidenceImportOutcome(EvidenceOutcome? Saved, IReadOnlyList<ImportError> Errors)
{
    public int Status { get; init; } = StatusCodes.Status200OK;

    public bool Succeeded => Errors.Count == 0 && Saved is not null;

    public static EvidenceImportOutcome Failed(int status, IReadOnlyList<ImportError> errors) => new(null, errors) { Status = status };
}
