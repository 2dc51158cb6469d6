using Appraisal.PartyBuilding.Core.Packs;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// The installed pack versions (<see cref="InstalledPack"/>): what the catalog loads at start-up, what an upload
/// installs, and enabling or disabling a version. Every change is audited and takes effect at the next start: the
/// catalog of a running host never changes.
/// </summary>
public sealed class PackInstallations(
    AppraisalDbContext db,
    PackCatalog catalog,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PackInstallations> logger)
{
    /// <summary>Requests larger than this are cut off before the archive reader sees them.</summary>
    public const long MaxRequestBytes = 21 * 1024 * 1024;

    /// <summary>
    /// Loads the catalog the host runs with, from <c>Packs:Path</c> and what the database records about installed
    /// versions (disabled ones stay out; an installed version whose files changed is refused). Needs the schema:
    /// <see cref="Startup"/> resolves the catalog only after migrating.
    /// </summary>
    public static PackCatalog LoadCatalog(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        var records = db.InstalledPacks.AsNoTracking()
            .Select(p => new { p.PackId, p.Version, p.Digest, p.Enabled })
            .AsEnumerable()
            .Select(p => new PackInstallRecord(p.PackId, p.Version, p.Digest, p.Enabled))
            .ToList();
        return PackCatalog.Load(services.GetRequiredService<IOptions<PacksOptions>>().Value.ResolvedPath, records);
    }

    /// <summary>
    /// Records the versions that loaded at start-up without a record (the packs shipped with the build, or a folder
    /// copied by hand), and the new digest of a build folder rebuilt under the same version, both audited.
    /// </summary>
    public async Task RecordStartupAsync(CancellationToken cancellationToken)
    {
        var records = await db.InstalledPacks.ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var pack in catalog.Versions)
        {
            var (id, version) = (pack.Manifest.Id, pack.Manifest.Version);
            var record = records.SingleOrDefault(r => r.PackId == id && r.Version == version);
            if (record is null)
            {
                db.InstalledPacks.Add(new InstalledPack
                {
                    PackId = id,
                    Version = version,
                    Name = pack.Manifest.Name,
                    Digest = pack.Digest!,
                    Folder = catalog.FolderName(pack.Directory),
                    Source = PackSource.Startup,
                    InstalledBy = AuditLog.System,
                    InstalledAt = now,
                });
                audit.Record(AuditLog.System, "packs.register", $"{id} {version}", $"启动时在“{catalog.FolderName(pack.Directory)}”发现并登记，摘要 {pack.Digest}");
            }
            else if (record.Digest != pack.Digest)
            {
                // Only a build folder gets here (an installed one with another digest is refused by the catalog): it
                // ships with the application and each deployment replaces it. Recorded and audited, not refused.
                logger.LogWarning("Pack {PackId} {Version} in {Folder} changed since it was recorded: digest {Old} is now {New}", id, version, pack.Directory, record.Digest, pack.Digest);
                audit.Record(AuditLog.System, "packs.changed", $"{id} {version}", $"随系统部署的指标包内容已变化：摘要由 {record.Digest} 变为 {pack.Digest}");
                record.Digest = pack.Digest!;
                record.Folder = catalog.FolderName(pack.Directory);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // Another node starting at the same time recorded them first: theirs is as good as ours.
            logger.LogWarning(e, "Recording the packs found at start-up failed; another node probably recorded them");
        }
    }

    /// <summary>
    /// Installs an uploaded .zip of a pack folder, or a pack workbook (.xlsx, see <c>PackWorkbook</c>), as <c>{Packs:Path}/{id}/{version}/</c>, after unpacking it safely and
    /// checking its hashes, contract version and manifest. Effective at the next start.
    /// </summary>
    public async Task<PackChange> InstallAsync(Stream upload, string actor, CancellationToken cancellationToken)
    {
        var root = catalog.Root;
        var staging = Path.Combine(root, PackLayout.StagingFolder, Guid.NewGuid().ToString("N"));
        try
        {
            using var buffered = new MemoryStream();
            await upload.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
            if (WorkbookPackFolder.IsWorkbook(buffered))
            {
                // A pack authored in Excel is uploaded as the workbook itself; the server writes its hash list.
                WorkbookPackFolder.Stage(buffered, staging);
            }
            else if (PackArchive.Extract(buffered, staging) is { } archiveProblem)
            {
                return PackChange.Refused(StatusCodes.Status400BadRequest, archiveProblem + "。");
            }

            var inspection = PackInspection.Inspect(staging);
            if (inspection.Pack is not { } pack)
            {
                return PackChange.Refused(StatusCodes.Status400BadRequest, inspection.Problem!);
            }

            var target = PackLayout.InstalledFolder(root, pack.PackId, pack.Version);
            if (await db.InstalledPacks.AnyAsync(p => p.PackId == pack.PackId && p.Version == pack.Version, cancellationToken)
                || catalog.Find(pack.PackId, pack.Version) is not null
                || Directory.Exists(target))
            {
                return PackChange.Refused(
                    StatusCodes.Status409Conflict,
                    $"指标包“{pack.PackId}”{pack.Version}版已经安装，不能重复安装；修改了计分规则的指标包请提高版本号后再上传。");
            }

            var idFolder = Path.GetDirectoryName(target)!;
            if (Directory.Exists(idFolder) && Directory.GetFiles(idFolder).Length > 0)
            {
                return PackChange.Refused(
                    StatusCodes.Status409Conflict,
                    $"指标包目录中已有名为“{pack.PackId}”的非版本目录，无法按“{pack.PackId}/{pack.Version}”安装，请先处理该目录。");
            }

            Directory.CreateDirectory(idFolder);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException)
            {
                return PackChange.Refused(StatusCodes.Status409Conflict, $"指标包“{pack.PackId}”{pack.Version}版正在被另一个请求安装。");
            }

            var installed = new InstalledPack
            {
                PackId = pack.PackId,
                Version = pack.Version,
                Name = pack.Name,
                Digest = pack.Digest,
                Folder = catalog.FolderName(target),
                Source = PackSource.Upload,
                InstalledBy = actor,
                InstalledAt = clock.GetUtcNow(),
            };
            db.InstalledPacks.Add(installed);
            audit.Record(actor, "packs.install", $"{pack.PackId} {pack.Version}",
                $"{pack.Name}；接口契约 {pack.ContractVersion}；类别 {string.Join("、", pack.Categories.Select(c => c.Code))}；摘要 {pack.Digest}；重启后生效");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                Directory.Delete(target, recursive: true);
                throw;
            }

            logger.LogInformation("Pack {PackId} {Version} installed by {Actor} into {Folder}; effective at the next start", pack.PackId, pack.Version, actor, target);
            return PackChange.Done(StatusCodes.Status201Created, installed);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Enables or disables an installed version, effective at the next start. A version pinned by a period that is
    /// not final cannot be disabled: that period must go on being scored by it.
    /// </summary>
    public async Task<PackChange> SetEnabledAsync(string packId, string version, bool enabled, string actor, CancellationToken cancellationToken)
    {
        var record = await db.InstalledPacks.SingleOrDefaultAsync(p => p.PackId == packId && p.Version == version, cancellationToken);
        if (record is null)
        {
            return PackChange.Refused(StatusCodes.Status404NotFound, $"没有安装指标包“{packId}”{version}版。");
        }

        if (record.Enabled == enabled)
        {
            return PackChange.Done(StatusCodes.Status200OK, record);
        }

        if (!enabled)
        {
            var pinnedBy = await db.Periods.AsNoTracking()
                .Where(p => p.State != PeriodState.Final && p.Packs.Any(x => x.PackId == packId && x.Version == version))
                .OrderBy(p => p.Year).ThenBy(p => p.Quarter)
                .ToListAsync(cancellationToken);
            if (pinnedBy.Count > 0)
            {
                var periods = string.Join("、", pinnedBy.Select(p => $"{p.AsQuarter}考核期（{p.State.DisplayName()}）"));
                return PackChange.Refused(
                    StatusCodes.Status409Conflict,
                    $"{periods}按指标包“{packId}”{version}版开启，尚未定稿，仍要用该版本计分，不能停用。");
            }
        }

        record.Enabled = enabled;
        record.ChangedBy = actor;
        record.ChangedAt = clock.GetUtcNow();
        audit.Record(actor, enabled ? "packs.enable" : "packs.disable", $"{packId} {version}", enabled ? "启用，重启后生效" : "停用，重启后生效");
        await db.SaveChangesAsync(cancellationToken);
        return PackChange.Done(StatusCodes.Status200OK, record);
    }
}

/// <summary>The outcome of an installation or an enable/disable: the record, or a status with the reason in Chinese.</summary>
public sealed record PackChange(int Status, string? Error, InstalledPack? Pack)
{
    public static PackChange Done(int status, InstalledPack pack) => new(status, null, pack);

    public static PackChange Refused(int status, string error) => new(status, error, null);
}
