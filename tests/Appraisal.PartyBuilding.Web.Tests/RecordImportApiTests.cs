using System.Net;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Data.Auditing;
using Appraisal.PartyBuilding.Excel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeOpenXml;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>GET/POST /api/v1/records/import</c> (SPEC, integration contract and "Bad input") on both databases: the twelve kinds
/// of bad file or bad row each rejected with its row, column and Chinese message and nothing saved; a good file;
/// Traditional names; a harmless re-import; scope; closed quarters and future dates. The test clock says 2026-11-21.
/// </summary>
public abstract class RecordImportApiTests(AppFactory app)
{
    /// <summary>The synchronous form (for scripts): the answer is the result. The queued form is in JobApiTests.</summary>
    private const string ImportPath = "/api/v1/records/import?wait=true";

    private async Task SeedAsync()
    {
        if (await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "ri-admin")))
        {
            return;
        }

        await app.AddOrganizationAsync("RI-DW", "导入测试党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RI-ZB1", "导入第一党支部", "RI-DW", OrganizationKind.Branch, "one-plus-n/operations", 18, 5, "一组", "二组");
        await app.AddOrganizationAsync("RI-ZB2", "导入第二党支部", "RI-DW", OrganizationKind.Branch, "community/rural", 6, 0);
        await app.AddOrganizationAsync("RI-DWX", "另一党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("RI-ZBX", "另一党委的支部", "RI-DWX", OrganizationKind.Branch, "one-plus-n/operations", 9, 3);
        await app.AddUserAsync("ri-admin", Role.OrgAdmin, "RI-DW");
        await app.AddUserAsync("ri-secretary", Role.Secretary, "RI-ZB1");
        await app.AddUserAsync("ri-assessor", Role.Assessor, "RI-DW");
    }

    private async Task<HttpClient> ClientAsync(string login = "ri-admin")
    {
        await SeedAsync();
        return await app.BearerClientAsync(login);
    }

    /// <summary>Posts <paramref name="file"/> and asserts the whole contract of a rejection: 400 problem details, one error at (row, column) in Chinese, and nothing saved or audited.</summary>
    private async Task<ImportErrorDto> RejectedAsync(byte[] file, int row, string column, string fileName = "records.xlsx")
    {
        var client = await ClientAsync();
        var records = await app.CountRecordsAsync();
        var events = await app.CountEventsAsync();
        var audits = await app.CountAuditAsync("records.import");

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file, fileName));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var errors = await response.ImportErrorsAsync();
        var error = Assert.Single(errors);
        Assert.True((row, column) == (error.Row, error.Column), "errors:\n" + errors.Describe());
        Assert.Matches(RecordTestSupport.Chinese(), error.Message);
        Assert.Equal(records, await app.CountRecordsAsync());
        Assert.Equal(events, await app.CountEventsAsync());
        Assert.Equal(audits, await app.CountAuditAsync("records.import"));
        return error;
    }

    private static object?[] Good(string date, string type = "支部委员会", int expected = 5, int present = 5, string? group = null, string branch = "RI-ZB1") =>
        [branch, type, date, expected, present, "学习贯彻党的二十届四中全会精神", group];

    [Fact]
    public async Task Template_is_an_xlsx_whose_first_row_is_the_contract_header()
    {
        var client = await ClientAsync("ri-secretary");

        var response = await client.GetAsync(ImportPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestSupport.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        using var package = new ExcelPackage(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = package.Workbook.Worksheets.First();
        Assert.Equal(RecordTestSupport.Header, Enumerable.Range(1, 7).Select(c => sheet.Cells[1, c].Text));
        var lists = package.Workbook.Worksheets["Lists"];
        Assert.Equal("RI-ZB1", lists.Cells[1, 1].Text);
        Assert.Equal("", lists.Cells[2, 1].Text);
        Assert.Equal(["一组", "二组"], new[] { lists.Cells[1, 7].Text, lists.Cells[2, 7].Text });
    }

    [Fact]
    public async Task The_row_limit_comes_from_configuration_and_a_longer_file_changes_nothing()
    {
        await SeedAsync();
        var token = await app.CreateTokenAsync("ri-admin");
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("Records:ImportMaxRows", "3"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var records = await app.CountRecordsAsync();
        var file = RecordTestSupport.RecordFile(Good("2026-10-05"), Good("2026-10-06"), Good("2026-10-07"), Good("2026-10-08"));

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("数据行数超过上限3行，请分批导入", Assert.Single(await response.ImportErrorsAsync()).Message);
        Assert.Equal(records, await app.CountRecordsAsync());

        // The template's help states the configured limit, not the default.
        using var template = new ExcelPackage(new MemoryStream(await client.GetByteArrayAsync(ImportPath)));
        var help = template.Workbook.Worksheets[TemplateWriter.HelpSheetName];
        var notes = Enumerable.Range(1, help.Dimension.End.Row).Select(r => help.Cells[r, 1].Text).ToList();
        Assert.Contains(notes, n => n.Contains("、3行；", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("10000行", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_good_file_is_imported_with_history_and_an_audit_entry()
    {
        var client = await ClientAsync();
        var audits = await app.CountAuditAsync("records.import");
        var file = RecordTestSupport.RecordFile(
            Good("2026-10-05"),
            Good("2026-10-12", "党小组会", 9, 8, "一组"),
            Good("2026-10-20", "主题党日", 6, 6, branch: "RI-ZB2"),
            Good("2026-10-21", "党课", 18, 17));

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.Equal(4, body.GetProperty("imported").GetInt32());
        Assert.Equal(0, body.GetProperty("skipped").GetInt32());
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecords.AsNoTracking().Include(r => r.Branch)
            .Where(r => r.Date >= new DateOnly(2026, 10, 5) && r.Date <= new DateOnly(2026, 10, 21) && r.Branch!.Code.StartsWith("RI-")).OrderBy(r => r.Date).ToListAsync());
        Assert.Equal([MeetingType.Committee, MeetingType.Group, MeetingType.ThemeDay, MeetingType.Lecture], stored.Select(r => r.Type));
        Assert.Equal(["RI-ZB1", "RI-ZB1", "RI-ZB2", "RI-ZB1"], stored.Select(r => r.Branch!.Code));
        Assert.Equal("一组", stored[1].GroupName);
        Assert.All(stored, r => Assert.Equal(RecordStatus.Submitted, r.Status));
        var history = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecordEvents.AsNoTracking().Where(e => e.MeetingRecordId == stored[1].Id).ToListAsync());
        var step = Assert.Single(history);
        Assert.Equal((RecordAction.Imported, "ri-admin", "第3行"), (step.Action, step.Actor, step.Changes));
        Assert.Equal(audits + 1, await app.CountAuditAsync("records.import"));
    }

    [Fact]
    public async Task Each_imported_record_gets_one_history_step_naming_its_row_and_the_audit_chain_stays_intact()
    {
        var client = await ClientAsync();
        var first = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-11-03", "党小组会", 9, 9, "一组"))));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Meetings of one branch and day that differ only in type or party group, one of them already stored (row 3).
        var file = RecordTestSupport.RecordFile(
            Good("2026-11-03"),
            Good("2026-11-03", "党小组会", 9, 9, "一组"),
            Good("2026-11-03", "党小组会", 9, 8, "二组"),
            Good("2026-11-03", "主题党日", 6, 6, branch: "RI-ZB2"),
            Good("2026-11-04", "党课", 18, 17));
        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.Equal(4, body.GetProperty("imported").GetInt32());
        Assert.Equal([3], body.GetProperty("skippedRows").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        var history = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppraisalDbContext>();
            var records = await db.MeetingRecords.AsNoTracking().Include(r => r.Branch)
                .Where(r => r.Date >= new DateOnly(2026, 11, 3) && r.Date <= new DateOnly(2026, 11, 4) && r.Branch!.Code.StartsWith("RI-")).ToListAsync();
            var ids = records.Select(r => r.Id).ToList();
            var steps = await db.MeetingRecordEvents.AsNoTracking().Where(e => ids.Contains(e.MeetingRecordId)).ToListAsync();
            return records.ToDictionary(
                r => $"{r.Branch!.Code} {r.Date:MM-dd} {r.Type} {r.GroupName} {r.Expected}/{r.Present} {r.Topic}",
                r => steps.Where(e => e.MeetingRecordId == r.Id).Select(e => (e.Action, e.Actor, e.Status, e.Changes)).ToList());
        });
        const string Topic = "学习贯彻党的二十届四中全会精神";
        var expected = new Dictionary<string, string>
        {
            [$"RI-ZB1 11-03 Group 一组 9/9 {Topic}"] = "第2行",
            [$"RI-ZB1 11-03 Committee  5/5 {Topic}"] = "第2行",
            [$"RI-ZB1 11-03 Group 二组 9/8 {Topic}"] = "第4行",
            [$"RI-ZB2 11-03 ThemeDay  6/6 {Topic}"] = "第5行",
            [$"RI-ZB1 11-04 Lecture  18/17 {Topic}"] = "第6行",
        };
        Assert.Equal(expected.Keys.Order(), history.Keys.Order());
        foreach (var (record, row) in expected)
        {
            Assert.Equal([(RecordAction.Imported, "ri-admin", RecordStatus.Submitted, row)], history[record]);
        }

        var chain = await app.WithScopeAsync(s => AuditChainVerifier.VerifyAsync(s.GetRequiredService<AppraisalDbContext>(), s.GetRequiredService<AuditChain>()));
        Assert.True(chain.Intact, chain.Reason);

        // A record written in bulk carries a usable concurrency version: a later change through EF Core is saved.
        await app.WithDbAsync(async db =>
        {
            var record = await db.MeetingRecords.SingleAsync(r => r.Branch!.Code == "RI-ZB1" && r.Date == new DateOnly(2026, 11, 4));
            record.Status = RecordStatus.Approved;
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_meeting_a_parallel_writer_stores_while_the_file_is_written_is_skipped_when_the_file_is_planned_again()
    {
        var client = await ClientAsync();
        var audits = await app.CountAuditAsync("records.import");
        var file = RecordTestSupport.RecordFile(Good("2026-11-12"), Good("2026-11-13", "党课", 18, 16));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        var branch = await db.Organizations.SingleAsync(o => o.Code == "RI-ZB1");
        HttpResponseMessage response;
        await using (var parallel = await db.Database.BeginTransactionAsync())
        {
            // The same meeting as row 2, not yet committed: the import plans without it and its bulk insert waits on it.
            db.MeetingRecords.Add(new MeetingRecord
            {
                BranchId = branch.Id, Type = MeetingType.Committee, Date = new DateOnly(2026, 11, 12), Expected = 5, Present = 5,
                Topic = "学习贯彻党的二十届四中全会精神", CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
            var posting = client.PostAsync(ImportPath, TestSupport.Upload(file));
            if (app.Provider == DatabaseProvider.PostgreSql)
            {
                // Until PostgreSQL shows the import's COPY waiting for this transaction (the unique index). Asked on
                // another connection: inside a transaction pg_stat_activity keeps showing its first snapshot.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Database
                    .SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'COPY "MeetingRecords"%'""").SingleAsync()) == 0)
                {
                    Assert.True(DateTime.UtcNow < deadline, "the import's insert never waited for the parallel transaction");
                    await Task.Delay(50);
                }
            }
            else
            {
                // SQLite: this transaction holds the only write lock; the import reads and plans, then waits to begin.
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await parallel.CommitAsync();
            response = await posting;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        Assert.Equal([2], body.GetProperty("skippedRows").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        var steps = await app.WithScopeAsync(async s =>
        {
            var read = s.GetRequiredService<AppraisalDbContext>();
            return await read.MeetingRecords.Where(r => r.BranchId == branch.Id && r.Date >= new DateOnly(2026, 11, 12) && r.Date <= new DateOnly(2026, 11, 13))
                .OrderBy(r => r.Date)
                .Select(r => read.MeetingRecordEvents.Where(e => e.MeetingRecordId == r.Id).Select(e => e.Changes).ToList())
                .ToListAsync();
        });
        Assert.Equal(2, steps.Count);
        Assert.Empty(steps[0]);
        Assert.Equal(["第3行"], steps[1]);
        Assert.Equal(audits + 1, await app.CountAuditAsync("records.import"));
        var chain = await app.WithScopeAsync(s => AuditChainVerifier.VerifyAsync(s.GetRequiredService<AppraisalDbContext>(), s.GetRequiredService<AuditChain>()));
        Assert.True(chain.Intact, chain.Reason);
    }

    [Fact]
    public async Task Branch_codes_match_ignoring_case_but_never_outside_the_importers_subtree()
    {
        var client = await ClientAsync();
        var before = await app.CountRecordsAsync();

        // RI-ZBX exists, under another committee: spelled either way it is not the importer's.
        var outside = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(
            Good("2026-11-09", "主题党日", 6, 6, branch: "ri-zb2"),
            Good("2026-11-09", "党课", 9, 9, branch: "RI-ZBX"),
            Good("2026-11-10", "党课", 9, 9, branch: "ri-zbx"))));

        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var errors = await outside.ImportErrorsAsync();
        Assert.True(new[] { (3, "A"), (4, "A") }.SequenceEqual(errors.Select(e => (e.Row, e.Column))), errors.Describe());
        Assert.Equal(["支部编码“RI-ZBX”不存在或不在您的管理范围内", "支部编码“ri-zbx”不存在或不在您的管理范围内"], errors.Select(e => e.Message));
        Assert.Equal(before, await app.CountRecordsAsync());

        var own = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-11-09", "主题党日", 6, 6, branch: "ri-zb2"))));

        Assert.True(own.StatusCode == HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await app.CountRecordsAsync());
        Assert.Equal(1, await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecords
            .CountAsync(r => r.Branch!.Code == "RI-ZB2" && r.Date == new DateOnly(2026, 11, 9) && r.Type == MeetingType.ThemeDay)));
    }

    [Fact]
    public async Task Traditional_names_and_surrounding_spaces_are_accepted()
    {
        var client = await ClientAsync();
        var file = RecordTestSupport.RecordFile(
            Good("2026-09-02", " 支部黨員大會 ", 18, 15),
            Good("2026-09-03", "支部委員會"),
            Good("2026-09-04", "黨小組會", 9, 9, "二组"),
            Good("2026-09-05", "黨課", 18, 16),
            Good("2026-09-06", "主題黨日", 18, 16),
            Good("2026-09-07", "組織生活會", 18, 16),
            Good("2026-09-08", "民主評議黨員", 18, 16));

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(7, (await response.JsonAsync()).GetProperty("imported").GetInt32());
        var types = await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingRecords.AsNoTracking()
            .Where(r => r.Date >= new DateOnly(2026, 9, 2) && r.Date <= new DateOnly(2026, 9, 8) && r.Branch!.Code == "RI-ZB1").OrderBy(r => r.Date).Select(r => r.Type).ToListAsync());
        Assert.Equal([MeetingType.Assembly, MeetingType.Committee, MeetingType.Group, MeetingType.Lecture, MeetingType.ThemeDay, MeetingType.LifeMeeting, MeetingType.Review], types);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing_and_reports_each_skipped_row()
    {
        var client = await ClientAsync();
        var file = RecordTestSupport.RecordFile(Good("2026-08-03"), Good("2026-08-11", "党小组会", 9, 9, "一组"));
        var first = await client.PostAsync(ImportPath, TestSupport.Upload(file));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var records = await app.CountRecordsAsync();

        var second = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.JsonAsync();
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        Assert.Equal(2, body.GetProperty("skipped").GetInt32());
        var skipped = body.GetProperty("skippedRows").EnumerateArray().ToList();
        Assert.Equal([2, 3], skipped.Select(s => s.GetProperty("row").GetInt32()));
        Assert.All(skipped, s => Assert.Contains("完全相同，已跳过", s.GetProperty("message").GetString()));
        Assert.Equal(records, await app.CountRecordsAsync());

        // A file mixing stored rows and new ones adds only the new ones.
        var third = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-08-03"), Good("2026-08-25", "主题党日", 18, 18))));
        Assert.Equal(1, (await third.JsonAsync()).GetProperty("imported").GetInt32());
        Assert.Equal(records + 1, await app.CountRecordsAsync());
    }

    // The twelve kinds of bad input named by issue 4: each is rejected whole, with its row, column and message.

    [Fact]
    public async Task Bad_input_wrong_header()
    {
        var header = RecordTestSupport.Header.Select(h => h == "实到人数" ? "实到" : h).ToList();
        var error = await RejectedAsync(RecordTestSupport.RecordFile(header, Good("2026-07-06")), 1, "E");
        Assert.Equal("E列表头应为“实到人数”，实际为“实到”", error.Message);
    }

    [Fact]
    public async Task Bad_input_unknown_branch()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("2026-07-06", branch: "RI-NOPE")), 3, "A");
        Assert.Equal("支部编码“RI-NOPE”不存在或不在您的管理范围内", error.Message);
    }

    [Fact]
    public async Task Bad_input_unknown_meeting_type()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("2026-07-07", "支委扩大会")), 3, "B");
        Assert.StartsWith("“会议类型”应为支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会、民主评议党员之一", error.Message);
        Assert.Contains("支委扩大会", error.Message);
    }

    [Fact]
    public async Task Bad_input_date_that_is_not_a_date()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("七月六日")), 3, "C");
        Assert.Equal("“日期”应为日期，如2026-07-03，实际为“七月六日”", error.Message);
    }

    [Fact]
    public async Task Bad_input_present_greater_than_expected()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06", "党课", 18, 19)), 2, "E");
        Assert.Equal("“实到人数”（19）不能大于“应到人数”（18）", error.Message);
    }

    [Fact]
    public async Task Bad_input_negative_number()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("2026-07-08", "党课", -18, 0)), 3, "D");
        Assert.Equal("“应到人数”不能为负数", error.Message);
    }

    [Fact]
    public async Task Bad_input_missing_group_for_a_group_meeting()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("2026-07-09", "党小组会", 9, 9)), 3, "G");
        Assert.Equal("党小组会须填写“党小组”（本支部的党小组：一组、二组）", error.Message);
    }

    [Fact]
    public async Task Bad_input_duplicate_rows()
    {
        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-06"), Good("2026-07-06", present: 4)), 3, "A");
        Assert.Equal("与第2行是同一次会议（支部、会议类型、日期和党小组都相同），请删除重复的行", error.Message);
    }

    [Fact]
    public async Task Bad_input_empty_file()
    {
        var error = await RejectedAsync([], 0, "");
        Assert.Equal("文件为空", error.Message);
    }

    [Fact]
    public async Task Bad_input_corrupt_file()
    {
        var good = RecordTestSupport.RecordFile(Good("2026-07-06"));
        var error = await RejectedAsync(good[..(good.Length / 2)], 0, "");
        Assert.StartsWith("文件已损坏", error.Message);
    }

    [Fact]
    public async Task Bad_input_not_an_xlsx()
    {
        var csv = System.Text.Encoding.UTF8.GetBytes("支部编码,会议类型,日期,应到人数,实到人数,主题,党小组\nRI-ZB1,支部委员会,2026-07-06,5,5,学习,\n");
        var error = await RejectedAsync(csv, 0, "", "records.xlsx");
        Assert.Equal("文件不是Excel（.xlsx）文件，请上传用模板填写的.xlsx文件", error.Message);
    }

    [Fact]
    public async Task Bad_input_oversized_file()
    {
        var oversized = new byte[5 * 1024 * 1024 + 1];
        RecordTestSupport.RecordFile(Good("2026-07-06")).CopyTo(oversized, 0);
        var error = await RejectedAsync(oversized, 0, "");
        Assert.Equal("文件大小超过5 MB上限", error.Message);
    }

    [Fact]
    public async Task Every_bad_row_is_listed_in_one_answer()
    {
        var client = await ClientAsync();
        var before = await app.CountRecordsAsync();
        var file = RecordTestSupport.RecordFile(
            Good("2026-07-13"),
            Good("2026-07-14", "开会"),
            Good("2026-12-01"),
            Good("2026-07-15", "党小组会", 9, 9, "三组"),
            Good("2026-07-16", group: "一组"),
            Good("2026-07-17", "党课", 18, 20, branch: "RI-ZBX"));

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ImportErrorsAsync();
        Assert.True(new[] { (3, "B"), (4, "C"), (5, "G"), (6, "G"), (7, "A") }.SequenceEqual(errors.Select(e => (e.Row, e.Column))), errors.Describe());
        Assert.Contains("晚于今天", errors[1].Message);
        Assert.Equal(before, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task A_secretary_imports_only_for_their_own_branch()
    {
        var client = await ClientAsync("ri-secretary");
        var before = await app.CountRecordsAsync();

        var other = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-07-20"), Good("2026-07-20", "主题党日", 6, 6, branch: "RI-ZB2"))));

        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var error = Assert.Single(await other.ImportErrorsAsync());
        Assert.Equal((3, "A", "支部编码“RI-ZB2”不存在或不在您的管理范围内"), (error.Row, error.Column, error.Message));
        Assert.Equal(before, await app.CountRecordsAsync());

        var own = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-07-20"))));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(before + 1, await app.CountRecordsAsync());
    }

    [Fact]
    public async Task An_assessor_imports_for_their_subtree_but_not_a_sibling_committee()
    {
        var client = await ClientAsync("ri-assessor");

        var sibling = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-07-21", "党课", 9, 9, branch: "RI-ZBX"))));
        var own = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-07-21", "主题党日", 6, 6, branch: "RI-ZB2"))));

        Assert.Equal(HttpStatusCode.BadRequest, sibling.StatusCode);
        Assert.Contains("不存在或不在您的管理范围内", Assert.Single(await sibling.ImportErrorsAsync()).Message);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_quarter_whose_period_is_being_scored_accepts_no_rows()
    {
        await SeedAsync();
        await app.WithDbAsync(async db =>
        {
            db.Periods.Add(new Period { Year = 2026, Quarter = 2, State = PeriodState.Scoring, OpenedBy = "test", OpenedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
        });

        var error = await RejectedAsync(RecordTestSupport.RecordFile(Good("2026-07-22"), Good("2026-06-10")), 3, "C");

        Assert.Equal("2026年第2季度的考核期处于“评分中”阶段，不再接收或修改该季度的会议记录", error.Message);
    }

    [Theory]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.SysAdmin)]
    public async Task Roles_that_do_not_keep_records_cannot_import(string role)
    {
        await SeedAsync();
        var login = "ri-" + role;
        if (!await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == login)))
        {
            await app.AddUserAsync(login, role, "RI-DW");
        }

        var client = await app.BearerClientAsync(login);
        var before = await app.CountRecordsAsync();

        var response = await client.PostAsync(ImportPath, TestSupport.Upload(RecordTestSupport.RecordFile(Good("2026-07-23"))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(ImportPath)).StatusCode);
        Assert.Equal(before, await app.CountRecordsAsync());
    }
}

public sealed class SqliteRecordImportApiTests(SqliteApp app) : RecordImportApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRecordImportApiTests(PostgresApp app) : RecordImportApiTests(app), IClassFixture<PostgresApp>;
