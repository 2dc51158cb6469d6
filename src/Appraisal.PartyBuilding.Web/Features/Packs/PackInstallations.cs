using Appraisal.PartyBuilding.Core.Packs;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// The installed pack versions (<see cref="InstalledPack"/>): what the catalog loads, what an upload installs, and
/// enabling or disabling a version. Every change and every refused upload is audited, and a change takes effect at
/// once: the live catalog is reloaded and swapped (hot reload), requests already running finish on the catalog they
/// started with.
/// </summary>
public sealed class PackInstallations(
    AppraisalDbContext db,
    PackCatalog catalog,
    LivePackCatalog live,
    PackTrustedKeys trustedKeys,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PackInstallations> logger)
{
    /// <summary>Requests larger than this are cut off before the archive reader sees them.</summary>
    public const long MaxRequestBytes = 21 * 1024 * 1024;

    /// <summary>
    /// The live catalog of the host, over <c>Packs:Path</c> with the <c>Packs:CallTimeout</c> limit; each load reads
    /// what the database records now (installed versions and their state; versions pinned by periods that are not
    /// final, which stay loaded). Needs the schema: <see cref="Startup"/> first uses it after migrating.
    /// </summary>
    public static LivePackCatalog CreateLiveCatalog(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PacksOptions>>().Value;
        return new LivePackCatalog(options.ResolvedPath, new PackLoadSettings(options.CallTimeout), () =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
            var records = db.InstalledPacks.AsNoTracking()
                .Select(p => new { p.PackId, p.Version, p.Digest, p.Enabled })
                .AsEnumerable()
                .Select(p => new PackInstallRecord(p.PackId, p.Version, p.Digest, p.Enabled))
                .ToList();
            var pinned = db.Periods.AsNoTracking()
                .Where(p => p.State != PeriodState.Final)
                .SelectMany(p => p.Packs.Select(x => new { x.PackId, x.Version }))
                .AsEnumerable()
                .Select(x => (x.PackId, x.Version))
                .ToHashSet();
            return new PackCatalogState(records, pinned);
        });
    }

    /// <summary>
    /// Records the versions that loaded at start-up without a record (the packs shipped with the build, or a folder
    /// copied by hand), and the new digest of a build folder rebuilt under the same version, both audited.
    /// </summary>
    public async Task RecordStartupAsync(CancellationToken cancellationToken)
    {
        if (catalog.AllRecorded)
        {
            // The catalog was loaded from the records moments ago and found nothing new: reading them again as
            // tracked entities and saving nothing cost a quarter of start-up (issue 11, goal 6).
            return;
        }

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
    /// Installs an uploaded .zip of a signed pack folder, or a pack workbook (.xlsx, see <c>PackWorkbook</c>), as
    /// <c>{Packs:Path}/{id}/{version}/</c>, after unpacking it safely and checking it without running its code
    /// (hashes, signature, contract version, manifest file, no downgrade). The version is then loaded into the live
    /// catalog, with the time limit, and is active at once; a version that fails to load is removed again. Every
    /// refusal is audited with its reason.
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
                return await RefuseAsync(actor, UploadTarget, StatusCodes.Status400BadRequest, archiveProblem + "。", cancellationToken);
            }

            var inspection = PackInspection.Inspect(staging, trustedKeys);
            if (inspection.Pack is not { } pack)
            {
                return await RefuseAsync(actor, UploadTarget, StatusCodes.Status400BadRequest, inspection.Problem!, cancellationToken);
            }

            var target = PackLayout.InstalledFolder(root, pack.PackId, pack.Version);
            var name = $"{pack.PackId} {pack.Version}";
            var recorded = await db.InstalledPacks.AsNoTracking().Where(p => p.PackId == pack.PackId).Select(p => p.Version).ToListAsync(cancellationToken);
            if (recorded.Contains(pack.Version)
                || catalog.Find(pack.PackId, pack.Version) is not null
                || Directory.Exists(target))
            {
                return await RefuseAsync(
                    actor,
                    name,
                    StatusCodes.Status409Conflict,
                    $"指标包“{pack.PackId}”{pack.Version}版已经安装，不能重复安装；修改了计分规则的指标包请提高版本号后再上传。",
                    cancellationToken);
            }

            var newest = recorded.Concat(catalog.Versions.Where(p => p.Manifest.Id == pack.PackId).Select(p => p.Manifest.Version))
                .Select(SemanticVersion.Parse)
                .DefaultIfEmpty()
                .Max();
            if (newest is not null && SemanticVersion.Parse(pack.Version).CompareTo(newest) < 0)
            {
                // An older build, even one signed with a trusted key, could bring back a rule that was corrected.
                return await RefuseAsync(
                    actor,
                    name,
                    StatusCodes.Status409Conflict,
                    $"指标包“{pack.PackId}”已安装 {newest} 版，上传的 {pack.Version} 版比它旧，不能降级安装；如需沿用旧规则，请以更高的版本号重新构建并签名。",
                    cancellationToken);
            }

            var idFolder = Path.GetDirectoryName(target)!;
            if (Directory.Exists(idFolder) && Directory.GetFiles(idFolder).Length > 0)
            {
                return await RefuseAsync(
                    actor,
                    name,
                    StatusCodes.Status409Conflict,
                    $"指标包目录中已有名为“{pack.PackId}”的非版本目录，无法按“{pack.PackId}/{pack.Version}”安装，请先处理该目录。",
                    cancellationToken);
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

            // Its code runs for the first time here, in its own load context and with the time limit; a version that
            // does not load (throws, hangs, or returns another manifest than its file) is taken out again.
            var reloaded = live.Reload();
            if (reloaded.Find(pack.PackId, pack.Version) is null)
            {
                var reason = reloaded.NotLoadedReason(pack.PackId, pack.Version);
                Uninstall(target);
                return await RefuseAsync(actor, name, StatusCodes.Status400BadRequest, $"指标包“{pack.PackId}”{pack.Version}版未能加载，已撤销安装：{reason}", cancellationToken);
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
            var signature = pack.SignedBy is { } key ? $"签名密钥 {key}" : "Excel 编写，无代码，无需签名";
            audit.Record(actor, "packs.install", name,
                $"{pack.Name}；接口契约 {pack.ContractVersion}；类别 {string.Join("、", pack.Categories.Select(c => c.Code))}；摘要 {pack.Digest}；{signature}；已生效");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                Uninstall(target);
                throw;
            }

            logger.LogInformation("Pack {PackId} {Version} installed by {Actor} into {Folder} and loaded", pack.PackId, pack.Version, actor, target);
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

    private const string UploadTarget = "upload";

    /// <summary>Takes a version that did not make it out of the packs folder (and its id folder when it was the only one) and out of the catalog.</summary>
    private void Uninstall(string target)
    {
        Directory.Delete(target, recursive: true);
        var idFolder = Path.GetDirectoryName(target)!;
        if (!Directory.EnumerateFileSystemEntries(idFolder).Any())
        {
            Directory.Delete(idFolder);
        }

        live.Reload();
    }

    /// <summary>Audits a refused upload with its reason (nothing else changed) and answers with it.</summary>
    private async Task<PackChange> RefuseAsync(string actor, string target, int status, string reason, CancellationToken cancellationToken)
    {
        audit.Record(actor, "packs.refused", target, reason.Length > 3900 ? reason[..3900] + "…" : reason);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Pack upload by {Actor} refused: {Reason}", actor, reason);
        return PackChange.Refused(status, reason);
    }

    /// <summary>
    /// Enables or disables an installed version, effective at once (the live catalog is reloaded: an enabled version
    /// loads, a disabled one is unloaded). A version pinned by a period that is not final cannot be disabled: that
    /// period must go on being scored by it.
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
        audit.Record(actor, enabled ? "packs.enable" : "packs.disable", $"{packId} {version}", enabled ? "启用，已生效" : "停用，已生效");
        await db.SaveChangesAsync(cancellationToken);
        live.Reload();
        return PackChange.Done(StatusCodes.Status200OK, record);
    }
}

/// <summary>The outcome of an installation or an enable/disable: the record, or a status with the reason in Chinese.</summary>
public sealed record PackChange(int Status, string? Error, InstalledPack? Pack)
{
    public static PackChange Done(int status, InstalledPack pack) => new(status, null, pack);

    public static PackChange Refused(int status, string error) => new(status, error, null);
}
