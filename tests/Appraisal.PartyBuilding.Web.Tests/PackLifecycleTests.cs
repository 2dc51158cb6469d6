using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Packs;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// The pack lifecycle of the 组织部: upload a new signed version (checked without running it, installed beside the
/// old one, active at once), enable/disable (at once), dry-run an upgrade, and the promise that a period is scored by
/// the versions it pinned and a final period's scores never change. A restart is a new app over the same packs folder
/// and database.
/// </summary>
public abstract class PackLifecycleTests(DatabaseProvider provider)
{
    private const string Admin = "pack-admin";

    [Fact]
    public async Task An_uploaded_version_is_installed_beside_the_old_one_active_without_a_restart_and_audited()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        await using var app = await StartAsync(database, packs);
        var admin = await app.BearerClientAsync(Admin);

        var response = await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/packs/good/versions/2.0.0", response.Headers.Location!.OriginalString);
        var installed = await response.JsonAsync();
        Assert.Equal(("good", "2.0.0", "active", "使用中", "新开启的考核期和支部类别使用此版本"), Describe(installed));
        Assert.Equal("测试用指标包（第二版）", installed.GetProperty("name").GetString());
        var folder = Path.Combine(packs.Path, "good", "2.0.0");
        Assert.True(File.Exists(Path.Combine(folder, "GoodPack.dll")));
        Assert.True(File.Exists(Path.Combine(folder, Plugins.PackSignature.FileName)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(packs.Path, PackLayout.StagingFolder)));

        // Active at once, without a restart: the next request lists 2.0.0 and a new period pins it.
        var list = await (await admin.GetAsync("/api/v1/packs")).JsonAsync();
        var good = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "good");
        Assert.Equal(["id", "version", "name", "categories"], good.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2.0.0", good.GetProperty("version").GetString());
        Assert.Equal(["code", "name"], good.GetProperty("categories")[0].EnumerateObject().Select(p => p.Name));

        var versions = await VersionsAsync(admin);
        Assert.Equal("active", versions[("good", "2.0.0")].GetProperty("state").GetString());
        Assert.Equal("enabled", versions[("good", "1.0.0")].GetProperty("state").GetString());
        Assert.Equal("startup", versions[("one-plus-n", "1.0.0")].GetProperty("source").GetString());

        await app.WithDbAsync(async db =>
        {
            var record = await db.InstalledPacks.SingleAsync(p => p.PackId == "good" && p.Version == "2.0.0");
            Assert.Equal((PackSource.Upload, Admin, true, "good/2.0.0"), (record.Source, record.InstalledBy, record.Enabled, record.Folder));
            Assert.Equal(PackHashes.Digest(PackHashes.Compute(folder)), record.Digest);
            Assert.Equal(app.Clock.GetUtcNow(), record.InstalledAt);
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "packs.install");
            Assert.Equal((Admin, "good 2.0.0"), (audit.Actor, audit.Target));
            Assert.Contains(record.Digest, audit.Detail);
            Assert.Contains($"签名密钥 {Plugins.PackTrustedKeys.Fingerprint(TestPackKey.Key)}", audit.Detail);
            Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "packs.register") >= 3);
        });

        // The same version again is a conflict, and an older one a refused downgrade; both are audited.
        var again = await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("指标包“good”2.0.0版已经安装，不能重复安装；修改了计分规则的指标包请提高版本号后再上传。", await DetailAsync(again));
        var bundled = await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPack")));
        Assert.Equal(HttpStatusCode.Conflict, bundled.StatusCode);
        Assert.StartsWith("指标包“good”1.0.0版已经安装", await DetailAsync(bundled));
        var period = await OpenPeriodAsync(admin, 2026, 3);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/packs/good/versions/2.0.0/dry-run?periodId={period}")).StatusCode);
        Assert.Equal(1, await app.CountAuditAsync("packs.install"));
        Assert.Equal(2, await app.CountAuditAsync("packs.refused"));
    }

    [Fact]
    public async Task An_older_version_than_the_newest_installed_is_a_refused_downgrade()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        await using var app = await StartAsync(database, packs);
        var admin = await app.BearerClientAsync(Admin);
        await app.WithDbAsync(async db =>
        {
            db.InstalledPacks.Add(new InstalledPack
            {
                PackId = "good", Version = "3.0.0", Name = "测试用指标包", Digest = new string('0', 64), Folder = "good/3.0.0",
                Source = PackSource.Upload, InstalledBy = Admin, InstalledAt = app.Clock.GetUtcNow(), Enabled = false,
            });
            await db.SaveChangesAsync();
        });

        var response = await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("指标包“good”已安装 3.0.0 版，上传的 2.0.0 版比它旧，不能降级安装；如需沿用旧规则，请以更高的版本号重新构建并签名。", await DetailAsync(response));
        Assert.False(Directory.Exists(Path.Combine(packs.Path, "good", "2.0.0")));
        await app.WithDbAsync(async db =>
        {
            var refused = await db.AuditEntries.SingleAsync(a => a.Action == "packs.refused");
            Assert.Equal((Admin, "good 2.0.0"), (refused.Actor, refused.Target));
            Assert.Contains("不能降级安装", refused.Detail);
        });
    }

    [Fact]
    public async Task A_pack_whose_constructor_never_returns_is_refused_within_the_time_limit_and_leaves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        await using var app = new PacksApp(database, packs.Path, TimeSpan.FromSeconds(1));
        await app.InitializeAsync();
        await app.AddUserAsync(Admin, Role.OrgAdmin, Organization.RootCode);
        var admin = await app.BearerClientAsync(Admin);
        var before = packs.Listing();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("HangingPack")));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), started.Elapsed.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "指标包“hanging”1.0.0版未能加载，已撤销安装：指标包“hanging/1.0.0”创建超过 1 秒仍未完成（Packs:CallTimeout），已拒绝加载。",
            await DetailAsync(response));
        Assert.Equal(before, packs.Listing().Where(p => !p.StartsWith(PackLayout.StagingFolder, StringComparison.Ordinal)));
        Assert.Equal(0, await app.CountAuditAsync("packs.install"));
        Assert.Equal(1, await app.CountAuditAsync("packs.refused"));
        var versions = await VersionsAsync(admin);
        Assert.DoesNotContain(("hanging", "1.0.0"), versions.Keys);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/packs")).StatusCode);
    }

    [Fact]
    public async Task A_bad_upload_is_a_400_naming_the_problem_in_Chinese_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        await using var app = await StartAsync(database, packs);
        var admin = await app.BearerClientAsync(Admin);
        var before = packs.Listing();
        var recordsBefore = await CountRecordsAsync(app);
        var bomb = new byte[30 * 1024 * 1024];
        (byte[] Zip, string Message)[] cases =
        [
            ("这不是压缩包"u8.ToArray(), "上传的文件不是 zip 压缩包：请把指标包目录压缩成 .zip 后上传。"),
            (PackZips.Of(("readme.txt", "说明"u8.ToArray())), "指标包“上传的指标包”缺少文件哈希清单 pack.sha256（由指标包构建生成），无法确认文件未被改动，不能安装。"),
            (PackZips.Fixture("GoodPackV2", f => f.Remove("GoodPack.deps.json")), "指标包“上传的指标包”的文件与其哈希清单 pack.sha256 不一致（缺少：GoodPack.deps.json），文件在生成后被改动过，不能安装。"),
            (PackZips.Fixture("GoodPackV2", f => f["GoodPack.dll"] = [.. f["GoodPack.dll"], 0]), "指标包“上传的指标包”的文件与其哈希清单 pack.sha256 不一致（被改动：GoodPack.dll），文件在生成后被改动过，不能安装。"),
            (PackZips.Fixture("WrongContractPack"), "指标包“上传的指标包”按接口契约 2.0 构建，本系统接口契约为 1.0，不能安装。"),
            (PackZips.Fixture("InvalidManifestPack"), "指标包“上传的指标包”的清单无效：版本号“1.0”不是有效的语义化版本（SemVer 2.0，如 1.2.0）；没有定义支部类别。"),
            (PackZips.Fixture("GoodPackV2", unsigned: true), "指标包“上传的指标包”没有签名（缺少 pack.sig）：只能安装经组织部密钥签名的指标包，不能安装。"),
            (PackZips.Fixture("GoodPackV2", signWith: System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)), "指标包“上传的指标包”的签名无效：不是由受信任的组织部密钥签名，或签名后哈希清单被改动过，不能安装。"),
            (PackZips.Fixture("GoodPackV2", f => f[Plugins.PackHashes.FileName] = [.. f[Plugins.PackHashes.FileName], .. "\n"u8.ToArray()]), "指标包“上传的指标包”的签名无效：不是由受信任的组织部密钥签名，或签名后哈希清单被改动过，不能安装。"),
            (PackZips.Of(("pack.sha256", []), ("../../evil.dll", "x"u8.ToArray())), "压缩包中的“../../evil.dll”含有“..”，会写到指标包目录之外，已拒绝。"),
            (PackZips.Of(("zeros.bin", bomb)), "压缩包解压后过大或压缩比异常，疑似压缩炸弹。"),
        ];

        foreach (var (zip, message) in cases)
        {
            var response = await admin.PostAsync("/api/v1/packs", PackZips.Upload(zip));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(message, await DetailAsync(response));
        }

        var missingFile = await admin.PostAsync("/api/v1/packs", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, missingFile.StatusCode);
        Assert.Equal("请在表单字段 file 中上传指标包目录的 .zip 压缩包。", await DetailAsync(missingFile));

        Assert.Equal(before, packs.Listing().Where(p => !p.StartsWith(PackLayout.StagingFolder, StringComparison.Ordinal)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(packs.Path, PackLayout.StagingFolder)));
        Assert.Equal(recordsBefore, await CountRecordsAsync(app));
        Assert.Equal(0, await app.CountAuditAsync("packs.install"));
        Assert.Equal(cases.Length, await app.CountAuditAsync("packs.refused"));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.dll")));
    }

    [Fact]
    public async Task Only_the_org_admin_manages_packs()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        await using var app = await StartAsync(database, packs);
        var admin = await app.BearerClientAsync(Admin);
        var period = await OpenPeriodAsync(admin, 2026, 3);
        var before = packs.Listing();

        foreach (var role in new[] { Role.Secretary, Role.Leader, Role.Assessor, Role.Auditor, Role.SysAdmin })
        {
            var login = $"packs-{role}";
            await app.AddUserAsync(login, role, Organization.RootCode);
            var client = await app.BearerClientAsync(login);

            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/packs/good/versions/1.0.0/disable", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/packs/good/versions/1.0.0/enable", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/packs/versions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/packs/good/versions/1.0.0/dry-run?periodId={period}")).StatusCode);
        }

        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/packs/versions")).StatusCode);

        var secretaryPage = await app.SignedInClientAsync("packs-secretary");
        Assert.Equal("/account/denied", (await secretaryPage.GetAsync("/packs/manage")).Headers.Location!.AbsolutePath);

        // An org-admin of a sub-tree (a 党委 below the 组织部) sees the versions and may dry-run, but installing,
        // enabling and disabling put code into the server for every organization: the root 组织部 only.
        await app.AddOrganizationAsync("PK-DW", "指标包测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddUserAsync("packs-sub-admin", Role.OrgAdmin, "PK-DW");
        var subAdmin = await app.BearerClientAsync("packs-sub-admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await subAdmin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await subAdmin.PostAsync("/api/v1/packs/good/versions/1.0.0/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await subAdmin.PostAsync("/api/v1/packs/good/versions/1.0.0/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await subAdmin.GetAsync("/api/v1/packs/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await subAdmin.GetAsync($"/api/v1/packs/good/versions/1.0.0/dry-run?periodId={period}")).StatusCode);
        var subAdminPage = await app.SignedInClientAsync("packs-sub-admin");
        var form = await subAdminPage.GetStringAsync("/packs/manage");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var pagePost = await subAdminPage.PostAsync("/packs/manage/good/1.0.0/disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/account/denied", pagePost.Headers.Location!.AbsolutePath);

        // The root 组织部 itself may.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/packs/good/versions/1.0.0/enable", null)).StatusCode);
        Assert.Equal(before, packs.Listing());
        Assert.Equal(0, await app.CountAuditAsync("packs.install"));
        Assert.Equal(0, await app.CountAuditAsync("packs.disable"));
        Assert.Equal(0, await app.CountAuditAsync("packs.refused"));
    }

    [Fact]
    public async Task A_period_opened_on_v1_is_scored_by_v1_after_v2_is_installed_and_a_final_period_never_changes()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        var app = await StartAsync(database, packs);
        try
        {
            await app.AddOrganizationAsync("LC-DW", "生命周期党委", Organization.RootCode, OrganizationKind.PartyCommittee);
            await app.AddOrganizationAsync("LC-A", "生命周期第一党支部", "LC-DW", OrganizationKind.Branch, "good/basic", 12, 3, "一组");
            await app.AddOrganizationAsync("LC-B", "生命周期第二党支部", "LC-DW", OrganizationKind.Branch, "good/basic", 4, 0);
            await app.AddOrganizationAsync("LC-C", "生命周期第三党支部", "LC-DW", OrganizationKind.Branch, "community/rural", 9, 3);
            await AddMeetingsAsync(app);
            var admin = await app.BearerClientAsync(Admin);
            var q2 = await OpenPeriodAsync(admin, 2026, 2);
            var q3 = await OpenPeriodAsync(admin, 2026, 3);
            await ScoreAsync(admin, q2);
            await ScoreAsync(admin, q3);
            await SetStateAsync(app, q2, PeriodState.Final);
            var q2Scores = await ScoresAsync(admin, q2);
            var q2Rows = await StoredRowsAsync(app, q2);
            var q3Scores = await ScoresAsync(admin, q3);
            Assert.Equal((10m, "党员 12 人"), Indicator(q3Scores["LC-A"], "custom.members"));
            Assert.Equal((4m, "党员 4 人"), Indicator(q3Scores["LC-B"], "custom.members"));

            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")))).StatusCode);

            // v2 is active for everything new at once, without a restart ...
            var active = (await (await admin.GetAsync("/api/v1/packs")).JsonAsync()).EnumerateArray().Single(p => p.GetProperty("id").GetString() == "good");
            Assert.Equal("2.0.0", active.GetProperty("version").GetString());
            var versions = await VersionsAsync(admin);
            Assert.Equal("active", versions[("good", "2.0.0")].GetProperty("state").GetString());
            Assert.Equal(("good", "1.0.0", "enabled", "已启用", "已有更新的版本在使用；按此版本开启的考核期仍用它计分"), Describe(versions[("good", "1.0.0")]));

            // ... but the open period is still scored by v1, and the final one is not scored at all.
            await ScoreAsync(admin, q3);
            Assert.Equal(Canonical(q3Scores), Canonical(await ScoresAsync(admin, q3)));
            var finalScoring = await admin.PostAsync($"/api/v1/periods/{q2}/scoring?wait=true", null);
            Assert.Equal(HttpStatusCode.Conflict, finalScoring.StatusCode);
            Assert.Equal(Canonical(q2Scores), Canonical(await ScoresAsync(admin, q2)));
            Assert.Equal(q2Rows, await StoredRowsAsync(app, q2));

            // The dry-run shows what v2 would change for the open period, largest change first, and stores nothing; a
            // branch added since the period was scored has no stored result, so v1 scores it on the spot and it is
            // counted like the others (the count and the rows agree).
            await app.AddOrganizationAsync("LC-D", "生命周期第四党支部", "LC-DW", OrganizationKind.Branch, "good/basic", 6, 0);
            var dryRun = await admin.GetAsync($"/api/v1/packs/good/versions/2.0.0/dry-run?periodId={q3}");
            Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
            var result = await dryRun.JsonAsync();
            Assert.Equal(("1.0.0", "2.0.0", 3, 1, 0), (result.GetProperty("pinnedVersion").GetString(), result.GetProperty("candidateVersion").GetString(), result.GetProperty("changedBranches").GetInt32(), result.GetProperty("computedBranches").GetInt32(), result.GetProperty("incomparableBranches").GetInt32()));
            var rows = result.GetProperty("branches").EnumerateArray().ToList();
            Assert.Equal(["LC-A", "LC-D", "LC-B"], rows.Select(r => r.GetProperty("branchCode").GetString()));
            Assert.Equal(-3m, rows[1].GetProperty("difference").GetDecimal());
            Assert.False(rows[1].GetProperty("stored").GetBoolean());
            Assert.Equal("本考核期尚未计分：原总分按1.0.0版即时计算", rows[1].GetProperty("note").GetString());
            var a = rows[0];
            Assert.Equal(q3Scores["LC-A"].GetProperty("total").GetDecimal(), a.GetProperty("oldTotal").GetDecimal());
            Assert.Equal(q3Scores["LC-A"].GetProperty("total").GetDecimal() - 4m, a.GetProperty("newTotal").GetDecimal());
            Assert.Equal(-4m, a.GetProperty("difference").GetDecimal());
            var changed = Assert.Single(a.GetProperty("changedIndicators").EnumerateArray());
            Assert.Equal(("custom.members", 10m, 6m, "党员 12 人，每 2 人计 1 分"), (changed.GetProperty("code").GetString(), changed.GetProperty("oldScore").GetDecimal(), changed.GetProperty("newScore").GetDecimal(), changed.GetProperty("explanation").GetString()));
            Assert.Equal(-2m, rows[2].GetProperty("difference").GetDecimal());
            Assert.Equal(Canonical(q3Scores), Canonical(await ScoresAsync(admin, q3)));
            Assert.Equal(HttpStatusCode.Conflict, (await admin.GetAsync($"/api/v1/packs/good/versions/2.0.0/dry-run?periodId={q2}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/packs/good/versions/9.0.0/dry-run?periodId={q3}")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/packs/good/versions/2.0.0/dry-run")).StatusCode);

            // The page shows the same table, sorted by the absolute difference.
            await app.AddUserAsync("pack-admin-page", Role.OrgAdmin, Organization.RootCode);
            var page = await (await app.SignedInClientAsync("pack-admin-page")).GetStringAsync($"/packs/good/versions/2.0.0/dry-run?periodId={q3}");
            Assert.True(page.IndexOf("data-branch=\"LC-A\"", StringComparison.Ordinal) < page.IndexOf("data-branch=\"LC-B\"", StringComparison.Ordinal));
            Assert.Contains("党员人数（每2人计1分）：10 → 6", page);
            Assert.Contains(">-4<", page);
            Assert.Contains("共 3 个党支部，<strong>3</strong> 个得分会变化（其中 1 个本考核期尚未计分，原总分按 1.0.0 版即时计算）。", page);

            // A new period pins v2 and is scored by it.
            var q4 = await OpenPeriodAsync(admin, 2026, 4);
            await ScoreAsync(admin, q4);
            Assert.Equal((6m, "党员 12 人，每 2 人计 1 分"), Indicator((await ScoresAsync(admin, q4))["LC-A"], "custom.members"));

            // Each period's score card names its indicators as the version it pinned does, never the newest.
            var adminPages = await app.SignedInClientAsync("pack-admin-page");
            var q3Card = await adminPages.GetStringAsync($"/periods/{q3}/branches/LC-A");
            var q4Card = await adminPages.GetStringAsync($"/periods/{q4}/branches/LC-A");
            Assert.Contains("党员人数", q3Card);
            Assert.DoesNotContain("党员人数（每2人计1分）", q3Card);
            Assert.Contains("党员人数（每2人计1分）", q4Card);

            // v1 cannot be disabled while the open period pinned it; once that period is final, it can.
            var refused = await admin.PostAsync("/api/v1/packs/good/versions/1.0.0/disable", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("2026年第3季度考核期（评分中）按指标包“good”1.0.0版开启，尚未定稿，仍要用该版本计分，不能停用。", await DetailAsync(refused));
            await SetStateAsync(app, q3, PeriodState.Final);
            var disabled = await admin.PostAsync("/api/v1/packs/good/versions/1.0.0/disable", null);
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.Equal(("good", "1.0.0", "disabled", "已停用", "不加载；重新启用后立即生效"), Describe(await disabled.JsonAsync()));
            Assert.Equal(1, await app.CountAuditAsync("packs.disable"));
            Assert.Equal("disabled", (await VersionsAsync(admin))[("good", "1.0.0")].GetProperty("state").GetString());

            // A restart keeps it so.
            app = await app.RestartAsync();
            admin = await app.BearerClientAsync(Admin);
            Assert.Equal("disabled", (await VersionsAsync(admin))[("good", "1.0.0")].GetProperty("state").GetString());
            Assert.Equal(Canonical(q2Scores), Canonical(await ScoresAsync(admin, q2)));
            Assert.Equal(q2Rows, await StoredRowsAsync(app, q2));
            Assert.Equal(Canonical(q3Scores), Canonical(await ScoresAsync(admin, q3)));
            var enabled = await admin.PostAsync("/api/v1/packs/good/versions/1.0.0/enable", null);
            Assert.Equal(("good", "1.0.0", "enabled", "已启用", "已有更新的版本在使用；按此版本开启的考核期仍用它计分"), Describe(await enabled.JsonAsync()));
            Assert.Equal(1, await app.CountAuditAsync("packs.enable"));
            await app.WithDbAsync(async db =>
            {
                var record = await db.InstalledPacks.SingleAsync(p => p.PackId == "good" && p.Version == "1.0.0");
                Assert.Equal((true, Admin), (record.Enabled, record.ChangedBy));
            });
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_installed_version_whose_files_changed_on_disk_is_refused_at_the_next_start()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        var app = await StartAsync(database, packs);
        try
        {
            var admin = await app.BearerClientAsync(Admin);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/packs", PackZips.Upload(PackZips.Fixture("GoodPackV2")))).StatusCode);

            // Someone edits the installed files and rewrites the hash list to match: the recorded digest still catches it.
            var folder = Path.Combine(packs.Path, "good", "2.0.0");
            File.AppendAllText(Path.Combine(folder, "GoodPack.runtimeconfig.json"), " ");
            PackHashes.Write(folder);

            // A build folder is replaced by each deployment: rebuilt under the same version, it loads, and the new digest is recorded and audited.
            var build = Path.Combine(packs.Path, "GoodPack");
            var oldDigest = PackHashes.Digest(PackHashes.Compute(build));
            File.AppendAllText(Path.Combine(build, "GoodPack.runtimeconfig.json"), " ");
            var newDigest = PackHashes.Write(build);
            app = await app.RestartAsync();
            admin = await app.BearerClientAsync(Admin);
            await app.WithDbAsync(async db =>
            {
                Assert.Equal(newDigest, (await db.InstalledPacks.SingleAsync(p => p.PackId == "good" && p.Version == "1.0.0")).Digest);
                var changed = await db.AuditEntries.SingleAsync(a => a.Action == "packs.changed");
                Assert.Equal(("system", "good 1.0.0"), (changed.Actor, changed.Target));
                Assert.Contains(oldDigest, changed.Detail);
                Assert.Contains(newDigest, changed.Detail);
            });

            var version = (await VersionsAsync(admin))[("good", "2.0.0")];
            Assert.Equal(("refused", "已拒绝加载"), (version.GetProperty("state").GetString(), version.GetProperty("stateName").GetString()));
            Assert.Contains("的文件与安装时登记的不一致", version.GetProperty("detail").GetString());
            var good = (await (await admin.GetAsync("/api/v1/packs")).JsonAsync()).EnumerateArray().Single(p => p.GetProperty("id").GetString() == "good");
            Assert.Equal("1.0.0", good.GetProperty("version").GetString());
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);

            // A period that pinned the refused version cannot be scored, and says why.
            var pinned = 0;
            await app.WithDbAsync(async db =>
            {
                var period = new Period
                {
                    Year = 2027,
                    Quarter = 1,
                    OpenedBy = Admin,
                    Packs = [new PinnedPack { PackId = "good", Version = "2.0.0" }],
                };
                db.Periods.Add(period);
                await db.SaveChangesAsync();
                pinned = period.Id;
            });
            var scoring = await admin.PostAsync($"/api/v1/periods/{pinned}/scoring?wait=true", null);
            Assert.Equal(HttpStatusCode.Conflict, scoring.StatusCode);
            Assert.StartsWith("本考核期按指标包“good”2.0.0版开启，该版本当前没有加载（指标包“good/2.0.0”的文件与安装时登记的不一致", await DetailAsync(scoring));
            var page = await (await app.SignedInClientAsync(Admin)).GetStringAsync("/packs/manage");
            Assert.Contains("已拒绝加载", page);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_pack_authored_in_Excel_is_uploaded_as_the_workbook_unsigned_and_is_active_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var packs = new TestPacksFolder();
        var app = await StartAsync(database, packs);
        try
        {
            var admin = await app.BearerClientAsync(Admin);
            var workbook = Excel.Packs.PackWorkbook.Write(new PackManifest(
                "town-offices",
                "1.0.0",
                "镇属科室考核",
                [
                    new BranchCategory("town-offices/department", "镇属科室",
                    [
                        StandardSections.ThreeMeetingsOneLesson(),
                        new Dimension("service", "服务群众", [new Indicator("service.study", "业务学习", 10, new ManualRule("查看学习记录。"))]),
                    ], StandardSections.FiveStars),
                ]));

            var response = await admin.PostAsync("/api/v1/packs", TestSupport.Upload(workbook, "town-offices.xlsx"));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var folder = Path.Combine(packs.Path, "town-offices", "1.0.0");
            Assert.True(File.Exists(Path.Combine(folder, "pack.xlsx")));
            Assert.True(File.Exists(Path.Combine(folder, PackHashes.FileName)), "the server writes the hash list of an uploaded workbook");

            var list = await (await admin.GetAsync("/api/v1/packs")).JsonAsync();
            var town = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "town-offices");
            Assert.Equal("1.0.0", town.GetProperty("version").GetString());
            Assert.Equal("town-offices/department", town.GetProperty("categories")[0].GetProperty("code").GetString());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private async Task<PacksApp> StartAsync(TestDatabase database, TestPacksFolder packs)
    {
        var app = new PacksApp(database, packs.Path);
        await app.InitializeAsync();
        await app.AddUserAsync(Admin, Role.OrgAdmin, Organization.RootCode);
        return app;
    }

    private static async Task AddMeetingsAsync(AppFactory app) =>
        await app.WithDbAsync(async db =>
        {
            var branch = await db.Organizations.SingleAsync(o => o.Code == "LC-A");
            db.MeetingRecords.AddRange(
                Meeting(branch.Id, MeetingType.Assembly, new DateOnly(2026, 5, 12), 12, 10),
                Meeting(branch.Id, MeetingType.Assembly, new DateOnly(2026, 8, 12), 12, 10),
                Meeting(branch.Id, MeetingType.Committee, new DateOnly(2026, 7, 2), 3, 3));
            await db.SaveChangesAsync();
        });

    private static MeetingRecord Meeting(int branchId, MeetingType type, DateOnly date, int expected, int present) => new()
    {
        BranchId = branchId,
        Type = type,
        Date = date,
        Expected = expected,
        Present = present,
        Topic = "学习党章",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static async Task<int> OpenPeriodAsync(HttpClient admin, int year, int quarter)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/periods", new { year, quarter });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task ScoreAsync(HttpClient admin, int period) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{period}/scoring?wait=true", null)).StatusCode);

    private static async Task<Dictionary<string, JsonElement>> ScoresAsync(HttpClient admin, int period) =>
        (await (await admin.GetAsync($"/api/v1/periods/{period}/scores")).JsonAsync()).EnumerateArray()
            .ToDictionary(s => s.GetProperty("branchCode").GetString()!);

    private static Task SetStateAsync(AppFactory app, int period, PeriodState state) =>
        app.WithDbAsync(async db =>
        {
            (await db.Periods.SingleAsync(p => p.Id == period)).State = state;
            await db.SaveChangesAsync();
        });

    private static async Task<Dictionary<(string?, string?), JsonElement>> VersionsAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/v1/packs/versions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).EnumerateArray()
            .ToDictionary(v => (v.GetProperty("id").GetString(), v.GetProperty("version").GetString()));
    }

    private static (string?, string?, string?, string?, string?) Describe(JsonElement version) => (
        version.GetProperty("id").GetString(),
        version.GetProperty("version").GetString(),
        version.GetProperty("state").GetString(),
        version.GetProperty("stateName").GetString(),
        version.GetProperty("detail").GetString());

    private static (decimal, string?) Indicator(JsonElement branch, string code)
    {
        var indicator = branch.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
        return (indicator.GetProperty("score").GetDecimal(), indicator.GetProperty("explanation").GetString());
    }

    /// <summary>Every value the scores API returns for a period, branch by branch.</summary>
    private static string Canonical(Dictionary<string, JsonElement> scores) =>
        string.Join("\n", scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.GetRawText()));

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("detail").GetString();

    /// <summary>The stored result rows of a period (id and when computed): a re-computation would replace them.</summary>
    private static Task<List<string>> StoredRowsAsync(AppFactory app, int period) =>
        app.WithScopeAsync(async services => (await services.GetRequiredService<AppraisalDbContext>().BranchResults.AsNoTracking()
                .Where(r => r.PeriodId == period).ToListAsync())
            .OrderBy(r => r.Id).Select(r => $"{r.Id} {r.BranchId} {r.Total} {r.ComputedAt:O}").ToList());

    private static Task<int> CountRecordsAsync(AppFactory app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AppraisalDbContext>().InstalledPacks.CountAsync());
}

public sealed class SqlitePackLifecycleTests() : PackLifecycleTests(DatabaseProvider.Sqlite);

public sealed class PostgresPackLifecycleTests() : PackLifecycleTests(DatabaseProvider.PostgreSql);
