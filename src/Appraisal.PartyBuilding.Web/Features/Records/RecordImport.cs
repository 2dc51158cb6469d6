using System.Data.Common;
using Appraisal.PartyBuilding.Core.Imports;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Meetings;
using Appraisal.PartyBuilding.Excel;
using Appraisal.PartyBuilding.Excel.Records;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Records;

/// <summary>The result of a record import: every error, or what was imported and which rows were skipped as already stored.</summary>
public sealed record RecordImportOutcome(IReadOnlyList<ImportError> Errors, int Imported, IReadOnlyList<SkippedRow> Skipped)
{
    public bool Succeeded => Errors.Count == 0;

    public static RecordImportOutcome Failed(IReadOnlyList<ImportError> errors) => new(errors, 0, []);
}

/// <summary>
/// Imports meeting records from an .xlsx, all or nothing: cell checks (<see cref="RecordSheet"/>), then the same
/// rules as the phone form against the branches in the importer's scope, the stored records and the periods
/// (<see cref="MeetingImportPlanner"/>); only a file without a single error is saved, in one transaction with each
/// record's history step and the audit entry. Only the branches the file names are read, and the records and their
/// steps are written in bulk (<see cref="IMeetingRecordWriter"/>); the audit entry goes through EF Core, which seals
/// it into the chain.
/// </summary>
public sealed class RecordImport(
    AppraisalDbContext db,
    RecordScope scope,
    RecordEntry entry,
    AuditLog audit,
    IMeetingRecordWriter writer,
    TimeProvider clock,
    IOptions<RecordImportOptions> options)
{
    public async Task<byte[]> TemplateAsync(CancellationToken cancellationToken)
    {
        var branches = await scope.BranchesAsync(cancellationToken);
        return RecordTemplate.Create(
            branches.Select(b => b.Code), branches.SelectMany(b => PartyGroupOrder.Sort(b.Groups.Select(g => g.Name))), options.Value.ImportMaxRows);
    }

    /// <summary>
    /// Imports the file. Idempotent under concurrency too: when a parallel import (or form) stored one of the same
    /// meetings first, the unique index refuses our insert, nothing of ours is kept, and the file is planned again
    /// against what is now stored — identical rows are then skipped, so two uploads of one file store it once.
    /// </summary>
    public async Task<RecordImportOutcome> ImportAsync(Stream file, string actor, CancellationToken cancellationToken)
    {
        const int attempts = 3;
        var content = file.CanSeek ? file : await BufferAsync(file, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            content.Position = 0;
            try
            {
                return await ImportOnceAsync(content, actor, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < attempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
            }
            catch (DbException exception) when (attempt < attempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                // The bulk insert's own refusal (not wrapped by EF Core); the transaction has rolled back.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<Stream> BufferAsync(Stream file, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer;
    }

    private async Task<RecordImportOutcome> ImportOnceAsync(Stream file, string actor, CancellationToken cancellationToken)
    {
        var sheet = RecordSheet.Read(file, SheetReaderOptions.Default with { MaxDataRows = options.Value.ImportMaxRows });
        if (sheet.Errors.Any(e => e.Row <= 1))
        {
            return RecordImportOutcome.Failed(sheet.Errors);
        }

        var branches = await NamedBranchesAsync(sheet.Rows.Select(r => r.BranchCode), cancellationToken);
        var named = sheet.Rows.Select(r => branches.GetValueOrDefault(r.BranchCode)?.Id).OfType<int>().Distinct().ToList();
        var stored = Array.Empty<MeetingRecord>().ToLookup(r => r.BranchId);
        if (sheet.Rows.Count > 0 && named.Count > 0)
        {
            var first = sheet.Rows.Min(r => r.Entry.Date);
            var last = sheet.Rows.Max(r => r.Entry.Date);
            stored = (await db.MeetingRecords.AsNoTracking()
                .Where(r => EF.Parameter(named).Contains(r.BranchId) && r.Date >= first && r.Date <= last)
                .ToListAsync(cancellationToken)).ToLookup(r => r.BranchId);
        }

        var periods = await scope.PeriodStatesAsync(sheet.Rows.Select(r => r.Entry.Quarter), cancellationToken);
        var plan = MeetingImportPlanner.Plan(sheet.Rows, branches, stored, scope.Today, periods);
        if (!sheet.Succeeded || !plan.Succeeded)
        {
            return RecordImportOutcome.Failed(sheet.Errors.Concat(plan.Errors)
                .OrderBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var records = plan.Inserts.Select(i =>
        {
            var record = new MeetingRecord
            {
                BranchId = i.Branch.Id,
                Type = i.Row.Entry.Type,
                Date = i.Row.Entry.Date,
                Expected = i.Row.Entry.Expected,
                Present = i.Row.Entry.Present,
                Topic = i.Row.Entry.Topic.Trim(),
                GroupName = i.Row.Entry.GroupName,
                Status = RecordStatus.Submitted,
                CreatedAt = now,
            };
            return new NewMeetingRecord(record, entry.StepOf(record, actor, RecordAction.Imported, null, $"第{i.Row.Row}行"));
        }).ToList();
        await writer.InsertAsync(db, records, cancellationToken);

        var scopeCode = (await scope.User.ScopeAsync(cancellationToken)).Code;
        audit.Record(actor, "records.import", scopeCode, $"导入{records.Count}条，跳过{plan.Skipped.Count}条（与已录入记录相同）");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecordImportOutcome([], records.Count, plan.Skipped);
    }

    /// <summary>
    /// The organizations in the importer's subtree whose codes the file names, with their party groups, by code
    /// ignoring case. Codes are looked up as spelled first (the code index); only codes the file spells otherwise than
    /// stored (or that do not exist) cost a read of the subtree's codes alone, matched the same way the planner matches.
    /// A code outside the subtree is never read, so the planner reports it as unknown, whether or not it exists elsewhere.
    /// </summary>
    private async Task<Dictionary<string, ImportBranch>> NamedBranchesAsync(IEnumerable<string> fileCodes, CancellationToken cancellationToken)
    {
        var codes = fileCodes.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        var visible = await scope.User.VisibleOrganizationsAsync(cancellationToken);
        var organizations = await visible.AsNoTracking().Where(o => EF.Parameter(codes).Contains(o.Code)).Include(o => o.Groups).ToListAsync(cancellationToken);
        var found = organizations.Select(o => o.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = codes.Where(c => !found.Contains(c)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (missing.Count > 0)
        {
            var spelled = await visible.Select(o => o.Code).ToListAsync(cancellationToken);
            var others = spelled.Where(missing.Contains).ToList();
            if (others.Count > 0)
            {
                organizations.AddRange(await visible.AsNoTracking().Where(o => EF.Parameter(others).Contains(o.Code)).Include(o => o.Groups).ToListAsync(cancellationToken));
            }
        }

        return organizations.ToDictionary(
            o => o.Code,
            o => new ImportBranch(o.Id, o.Code, o.Name, o.Kind, o.Groups.Select(g => g.Name).ToList()),
            StringComparer.OrdinalIgnoreCase);
    }
}
