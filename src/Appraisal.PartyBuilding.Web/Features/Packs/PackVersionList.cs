using Appraisal.PartyBuilding.Core.Packs;
using Appraisal.PartyBuilding.Plugins;

namespace Appraisal.PartyBuilding.Web.Features.Packs;

/// <summary>
/// Every pack version the host knows of, with its state: what the live catalog loaded set against what the database
/// records. They agree on the node that made a change (it reloads at once); another node sharing the database shows a
/// change it has not loaded yet as <see cref="Pending"/>.
/// </summary>
public static class PackVersionList
{
    public const string Active = "active";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string Pending = "pending";
    public const string Refused = "refused";
    public const string Missing = "missing";

    public static string StateName(string state) => state switch
    {
        Active => "使用中",
        Enabled => "已启用",
        Disabled => "已停用",
        Pending => "待生效",
        Refused => "已拒绝加载",
        Missing => "文件缺失",
        _ => state,
    };

    public static IReadOnlyList<PackVersionDto> Describe(PackCatalog catalog, IReadOnlyList<InstalledPack> records)
    {
        var list = records.Select(r => Of(catalog, r)).ToList();

        // Loaded but not (yet) recorded: the start-up record failed, or another node recorded it.
        foreach (var pack in catalog.Versions.Where(p => !records.Any(r => r.PackId == p.Manifest.Id && r.Version == p.Manifest.Version)))
        {
            var state = catalog.IsActive(pack) ? Active : Enabled;
            list.Add(new PackVersionDto(
                pack.Manifest.Id, pack.Manifest.Version, pack.Manifest.Name, state, StateName(state), "未登记", true,
                catalog.FolderName(pack.Directory), pack.Digest, null, null, null, null, null, null, Categories(pack)));
        }

        // Refused folders that are not the refused state of a recorded version: unknown id, or a duplicate.
        var attributed = list.Where(v => v.State == Refused).Select(v => (v.Id, v.Version)).ToHashSet();
        foreach (var failure in catalog.Failures.Where(f => !attributed.Contains((f.PackId, f.Version))))
        {
            list.Add(new PackVersionDto(
                failure.PackId, failure.Version, null, Refused, StateName(Refused), failure.Message, false,
                catalog.FolderName(failure.Directory), null, null, null, null, null, null, null, []));
        }

        return list
            .OrderBy(v => v.Id is null)
            .ThenBy(v => v.Id, StringComparer.Ordinal)
            .ThenByDescending(v => SemanticVersion.TryParse(v.Version, out var parsed) ? parsed : null)
            .ThenBy(v => v.Folder, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The state of one recorded version.</summary>
    public static PackVersionDto Of(PackCatalog catalog, InstalledPack record)
    {
        var loaded = catalog.Find(record.PackId, record.Version);
        var failure = loaded is null ? catalog.Failures.FirstOrDefault(f => f.PackId == record.PackId && f.Version == record.Version) : null;
        var leftOut = catalog.Disabled.Any(d => d.PackId == record.PackId && d.Version == record.Version);
        var (state, detail) = (loaded, failure) switch
        {
            (not null, _) when !record.Enabled => (Pending, "已停用，本节点尚未卸载（在另一节点停用，或仍有未定稿的考核期按此版本计分）"),
            ({ } pack, _) => catalog.IsActive(pack)
                ? (Active, "新开启的考核期和支部类别使用此版本")
                : (Enabled, "已有更新的版本在使用；按此版本开启的考核期仍用它计分"),
            (null, { } refused) => (Refused, refused.Message),
            _ when leftOut => record.Enabled ? (Pending, "已启用，本节点尚未加载（在另一节点启用）") : (Disabled, "不加载；重新启用后立即生效"),
            _ when Directory.Exists(Path.Combine(catalog.Root, record.Folder)) =>
                record.Enabled ? (Pending, "已安装，本节点尚未加载（在另一节点安装）") : (Disabled, "不加载；重新启用后立即生效"),
            _ => (Missing, $"指标包目录中找不到“{record.Folder}”"),
        };
        return new PackVersionDto(
            record.PackId,
            record.Version,
            loaded?.Manifest.Name ?? record.Name,
            state,
            StateName(state),
            detail,
            record.Enabled,
            record.Folder,
            record.Digest,
            record.Source.ToString().ToLowerInvariant(),
            record.Source.DisplayName(),
            record.InstalledBy,
            record.InstalledAt,
            record.ChangedBy,
            record.ChangedAt,
            Categories(loaded));
    }

    private static IReadOnlyList<CategoryDto> Categories(LoadedPack? pack) =>
        pack?.Manifest.Categories.Select(c => new CategoryDto(c.Code, c.Name)).ToList() ?? [];
}

/// <summary>One pack version and its state, for the 组织部.</summary>
/// <param name="Id">The pack id; <c>null</c> for a folder refused before its id was known.</param>
/// <param name="Version">The version; <c>null</c> likewise.</param>
/// <param name="Name">The display name.</param>
/// <param name="State"><c>active</c>, <c>enabled</c>, <c>disabled</c>, <c>pending</c>, <c>refused</c> or <c>missing</c>.</param>
/// <param name="StateName">The state in Chinese (使用中, 已启用, 已停用, 待生效, 已拒绝加载, 文件缺失).</param>
/// <param name="Detail">What the state means for this version, or why it was refused.</param>
/// <param name="Enabled">Whether the version may load.</param>
/// <param name="Folder">The folder relative to the packs folder.</param>
/// <param name="Digest">The recorded digest of its files.</param>
/// <param name="Source"><c>startup</c> or <c>upload</c>.</param>
/// <param name="SourceName">The source in Chinese.</param>
/// <param name="InstalledBy">Who installed it (<c>system</c> when found at start-up).</param>
/// <param name="InstalledAt">When.</param>
/// <param name="ChangedBy">Who last enabled or disabled it.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="Categories">Its categories, when it is loaded.</param>
public sealed record PackVersionDto(
    string? Id,
    string? Version,
    string? Name,
    string State,
    string StateName,
    string Detail,
    bool Enabled,
    string Folder,
    string? Digest,
    string? Source,
    string? SourceName,
    string? InstalledBy,
    DateTimeOffset? InstalledAt,
    string? ChangedBy,
    DateTimeOffset? ChangedAt,
    IReadOnlyList<CategoryDto> Categories);
