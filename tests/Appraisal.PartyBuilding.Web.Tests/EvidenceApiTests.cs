using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// <c>POST /api/v1/evidence/{kpis|events|ratings}</c> on both databases: saved within scope, checked against the codes
/// the branch's category uses, every bad item reported by index and field with nothing saved, re-sends skipped,
/// final quarters refused, only the 组织部 and assessors may push, and every batch that writes is audited.
/// </summary>
public abstract class EvidenceApiTests(AppFactory app)
{
    /// <summary>A 党委 with an operations and a marketing branch, and an assessor scoped to it; codes unique per test.</summary>
    private async Task<(HttpClient Assessor, string Prefix)> SetUpAsync()
    {
        var prefix = $"E{Guid.NewGuid():N}"[..9].ToUpperInvariant();
        await app.AddOrganizationAsync($"{prefix}-DW", "证据党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync($"{prefix}-OP", "运行党支部", $"{prefix}-DW", OrganizationKind.Branch, "one-plus-n/operations", 12, 3);
        await app.AddOrganizationAsync($"{prefix}-MK", "营销党支部", $"{prefix}-DW", OrganizationKind.Branch, "one-plus-n/marketing", 9, 3);
        await app.AddUserAsync($"{prefix}-as", Role.Assessor, $"{prefix}-DW");
        return (await app.BearerClientAsync($"{prefix}-as"), prefix);
    }

    private Task<int> CountAsync(string prefix) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AppraisalDbContext>();
        return await db.KpiValues.CountAsync(k => k.Branch!.Code.StartsWith(prefix))
            + await db.EvidenceEvents.CountAsync(e => e.Branch!.Code.StartsWith(prefix))
            + await db.RatingAnswers.CountAsync(r => r.Branch!.Code.StartsWith(prefix));
    });

    [Fact]
    public async Task Kpi_values_are_saved_a_resend_is_skipped_and_a_new_number_updates_the_value()
    {
        var (client, p) = await SetUpAsync();
        var audits = await app.CountAuditAsync("evidence.kpis");
        object[] items =
        [
            new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 88 },
            new { branchCode = $"{p}-MK", year = 2026, quarter = 3, kpiCode = "electricity-bill-collection-rate", value = 99.25 },
        ];

        var first = await client.PostAsJsonAsync("/api/v1/evidence/kpis", new { items });

        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var saved = await first.JsonAsync();
        Assert.Equal((2, 2, 0, 0), (saved.GetProperty("received").GetInt32(), saved.GetProperty("inserted").GetInt32(), saved.GetProperty("updated").GetInt32(), saved.GetProperty("skipped").GetInt32()));
        Assert.Equal(audits + 1, await app.CountAuditAsync("evidence.kpis"));

        var again = await (await client.PostAsJsonAsync("/api/v1/evidence/kpis", new { items })).JsonAsync();

        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(2, again.GetProperty("skipped").GetInt32());
        var skipped = again.GetProperty("skippedItems").EnumerateArray().ToList();
        Assert.Equal([0, 1], skipped.Select(s => s.GetProperty("index").GetInt32()));
        Assert.Contains("已跳过", skipped[0].GetProperty("message").GetString());
        Assert.Equal(audits + 1, await app.CountAuditAsync("evidence.kpis"));

        var changed = await (await client.PostAsJsonAsync("/api/v1/evidence/kpis", new
        {
            items = new[] { new { branchCode = $"{p}-op", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 90 } },
        })).JsonAsync();

        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        await app.WithDbAsync(async db =>
        {
            var values = await db.KpiValues.Where(k => k.Branch!.Code.StartsWith(p)).OrderBy(k => k.KpiCode).ToListAsync();
            Assert.Equal([99.25m, 90m], values.Select(v => v.Value));
            Assert.All(values, v => Assert.Equal($"{p}-as", v.EnteredBy));
            var entry = await db.AuditEntries.Where(a => a.Action == "evidence.kpis").OrderByDescending(a => a.Id).FirstAsync();
            Assert.Contains("safe-production-days 88→90", entry.Detail);
            Assert.Equal($"{p}-as", entry.Actor);
        });
    }

    [Fact]
    public async Task Events_are_saved_approved_and_a_resend_is_skipped()
    {
        var (client, p) = await SetUpAsync();
        object[] items =
        [
            new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "late-dues", description = "7月党费未按时交纳" },
            new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "late-dues", description = "8月党费未按时交纳" },
            new { branchCode = $"{p}-OP", date = "2026/9/10", eventType = "performance-honor", description = "获评红旗党支部" },
            new { branchCode = $"{p}-MK", date = "2026-09-01", eventType = "serious-discipline-case", description = (string?)null },
        ];

        var first = await (await client.PostAsJsonAsync("/api/v1/evidence/events", new { items })).JsonAsync();
        var again = await (await client.PostAsJsonAsync("/api/v1/evidence/events", new { items })).JsonAsync();

        Assert.Equal(4, first.GetProperty("inserted").GetInt32());
        Assert.Equal((0, 4), (again.GetProperty("inserted").GetInt32(), again.GetProperty("skipped").GetInt32()));
        await app.WithDbAsync(async db =>
        {
            var events = await db.EvidenceEvents.Where(e => e.Branch!.Code.StartsWith(p)).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(4, events.Count);
            Assert.All(events, e => Assert.True(e.Approved));
            Assert.Equal(new DateOnly(2026, 9, 10), events[2].Date);
            Assert.Null(events[3].Description);
        });
        Assert.True(await app.CountAuditAsync("evidence.events") >= 1);
    }

    [Fact]
    public async Task Referenced_rating_answers_are_idempotent_and_anonymous_answers_each_count()
    {
        var (client, p) = await SetUpAsync();
        object[] items =
        [
            new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 90, raterReference = "sheet-1" },
            new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "同级", score = 80, raterReference = (string?)null },
            new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "peer", score = 80, raterReference = (string?)null },
        ];

        var first = await (await client.PostAsJsonAsync("/api/v1/evidence/ratings", new { items })).JsonAsync();
        var again = await (await client.PostAsJsonAsync("/api/v1/evidence/ratings", new { items })).JsonAsync();

        Assert.Equal(3, first.GetProperty("inserted").GetInt32());
        // The referenced sheet is recognised; two raters giving the same score cannot be told from a re-send.
        Assert.Equal((2, 1), (again.GetProperty("inserted").GetInt32(), again.GetProperty("skipped").GetInt32()));
        Assert.Equal(0, again.GetProperty("skippedItems")[0].GetProperty("index").GetInt32());
        var changed = await (await client.PostAsJsonAsync("/api/v1/evidence/ratings", new
        {
            items = new[] { new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "领导", score = 70, raterReference = "sheet-1" } },
        })).JsonAsync();
        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        await app.WithDbAsync(async db =>
            Assert.Equal([70m, 80m, 80m, 80m, 80m], (await db.RatingAnswers.Where(r => r.Branch!.Code.StartsWith(p)).Select(r => r.Score).ToListAsync()).Order()));
    }

    [Fact]
    public async Task Every_bad_kpi_item_is_reported_with_its_index_and_field_and_nothing_is_saved()
    {
        var (client, p) = await SetUpAsync();
        await app.AddOrganizationAsync($"{p}-XB", "范围外党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/operations", 8, 3);
        var audits = await app.CountAuditAsync("evidence.kpis");
        var body = new
        {
            items = new object[]
            {
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 },
                new { branchCode = "NO-SUCH", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 },
                new { branchCode = $"{p}-XB", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 },
                new { branchCode = $"{p}-DW", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "electricity-bill-collection-rate", value = 99 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "equipment-availability-rate", value = "abc" },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 5, kpiCode = (string?)null, value = 1 },
                new { branchCode = $"{p}-OP", year = 2027, quarter = 1, kpiCode = "safe-production-days", value = 1 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 81 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "average-outage-minutes", value = 1.23456 },
            },
        };

        var response = await client.PostAsJsonAsync("/api/v1/evidence/kpis", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TestSupport.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var errors = await BatchErrorsAsync(response);
        Assert.True(
            new (int?, string)[]
            {
                (1, "branchCode"), (2, "branchCode"), (3, "branchCode"), (4, "kpiCode"), (5, "value"),
                (6, "quarter"), (6, "kpiCode"), (7, "quarter"), (8, ""), (9, "value"),
            }.SequenceEqual(errors.Select(e => (e.Index, e.Field))),
            string.Join("\n", errors));
        Assert.Equal("支部“NO-SUCH”不存在", errors[0].Message);
        Assert.Equal($"支部“{p}-XB”不存在", errors[1].Message);
        Assert.Contains("不是党支部", errors[2].Message);
        Assert.Contains("不使用指标值“electricity-bill-collection-rate”", errors[3].Message);
        Assert.Contains("safe-production-days", errors[3].Message);
        Assert.Equal("“value”应为数字，实际为“abc”", errors[4].Message);
        Assert.Equal("“quarter”应为1至4，实际为“5”", errors[5].Message);
        Assert.Equal("“kpiCode”不能为空", errors[6].Message);
        Assert.Equal("2027年第1季度尚未开始，不能报送", errors[7].Message);
        Assert.Contains("与items[0]重复", errors[8].Message);
        Assert.Equal("“value”最多4位小数", errors[9].Message);
        Assert.Equal(0, await CountAsync(p));
        Assert.Equal(audits, await app.CountAuditAsync("evidence.kpis"));
    }

    [Fact]
    public async Task Bad_events_and_ratings_are_reported_and_nothing_is_saved()
    {
        var (client, p) = await SetUpAsync();

        var events = await client.PostAsJsonAsync("/api/v1/evidence/events", new
        {
            items = new object[]
            {
                new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "late-dues" },
                new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "no-such-event" },
                new { branchCode = $"{p}-OP", date = "下周一", eventType = "late-dues" },
                new { branchCode = $"{p}-OP", date = "2026-12-01", eventType = "late-dues" },
                new { branchCode = $"{p}-OP", date = "1999-12-31", eventType = "late-dues" },
                new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "late-dues" },
            },
        });
        var ratings = await client.PostAsJsonAsync("/api/v1/evidence/ratings", new
        {
            items = new object[]
            {
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "boss", score = 90 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 101 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = -5 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "customer-satisfaction", raterGroup = "leader", score = 90 },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 90, raterReference = "r1" },
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, question = "operations-leader-evaluation", raterGroup = "leader", score = 80, raterReference = "r1" },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        var eventErrors = await BatchErrorsAsync(events);
        Assert.Equal([(1, "eventType"), (2, "date"), (3, "date"), (4, "date"), (5, "")], eventErrors.Select(e => (e.Index ?? -1, e.Field)));
        Assert.Contains("不使用事项类型“no-such-event”", eventErrors[0].Message);
        Assert.Equal("“date”应为日期（如2026-08-03），实际为“下周一”", eventErrors[1].Message);
        Assert.Equal("日期2026-12-01晚于今天（2026-11-21）", eventErrors[2].Message);
        Assert.Contains("2000年至2100年", eventErrors[3].Message);
        Assert.Contains("与items[0]重复", eventErrors[4].Message);

        Assert.Equal(HttpStatusCode.BadRequest, ratings.StatusCode);
        var ratingErrors = await BatchErrorsAsync(ratings);
        Assert.Equal([(0, "raterGroup"), (1, "score"), (2, "score"), (3, "question"), (5, "raterReference")], ratingErrors.Select(e => (e.Index ?? -1, e.Field)));
        Assert.Contains("应为领导、同级或服务对象", ratingErrors[0].Message);
        Assert.Equal("“score”不能大于100，实际为101", ratingErrors[1].Message);
        Assert.Equal("“score”不能为负数", ratingErrors[2].Message);
        Assert.Contains("不使用评价问题“customer-satisfaction”", ratingErrors[3].Message);
        Assert.Contains("与items[4]重复", ratingErrors[4].Message);
        Assert.Equal(0, await CountAsync(p));
    }

    [Theory]
    [InlineData("not json", "请求体不是有效的JSON")]
    [InlineData("[1,2]", "请求体应为JSON对象")]
    [InlineData("{\"values\":[]}", "缺少数组“items”")]
    [InlineData("{\"items\":[]}", "“items”不能为空数组")]
    [InlineData("{\"items\":[42]}", "每一项应为JSON对象")]
    public async Task A_malformed_body_is_400_with_a_message_in_Chinese(string body, string message)
    {
        var (client, _) = await SetUpAsync();

        var response = await client.PostAsync("/api/v1/evidence/kpis", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await BatchErrorsAsync(response), e => e.Message.Contains(message));
    }

    [Fact]
    public async Task A_body_not_declared_as_json_is_415_and_nothing_is_saved()
    {
        var (client, p) = await SetUpAsync();
        var body = $"{{\"items\":[{{\"branchCode\":\"{p}-OP\",\"date\":\"2026-08-03\",\"eventType\":\"late-dues\"}}]}}";

        var response = await client.PostAsync("/api/v1/evidence/events", new StringContent(body, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", Assert.Single(await BatchErrorsAsync(response)).Message);
        Assert.Equal(0, await CountAsync(p));
    }

    [Fact]
    public async Task Evidence_for_a_final_quarter_is_409_and_nothing_is_saved()
    {
        var (client, p) = await SetUpAsync();
        await app.WithDbAsync(async db =>
        {
            if (!await db.Periods.AnyAsync(x => x.Year == 2025 && x.Quarter == 4))
            {
                db.Periods.Add(new Period { Year = 2025, Quarter = 4, State = PeriodState.Final, OpenedBy = "test" });
                await db.SaveChangesAsync();
            }
        });

        var kpis = await client.PostAsJsonAsync("/api/v1/evidence/kpis", new
        {
            items = new object[]
            {
                new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 },
                new { branchCode = $"{p}-OP", year = 2025, quarter = 4, kpiCode = "safe-production-days", value = 80 },
            },
        });
        var events = await client.PostAsJsonAsync("/api/v1/evidence/events", new
        {
            items = new[] { new { branchCode = $"{p}-OP", date = "2025-11-03", eventType = "late-dues" } },
        });

        Assert.Equal(HttpStatusCode.Conflict, kpis.StatusCode);
        var error = Assert.Single(await BatchErrorsAsync(kpis));
        Assert.Equal((1, "quarter", "2025年第4季度的考核期已定稿，不能再报送"), (error.Index, error.Field, error.Message));
        Assert.Equal(HttpStatusCode.Conflict, events.StatusCode);
        Assert.Contains("已定稿", (await BatchErrorsAsync(events))[0].Message);
        Assert.Equal(0, await CountAsync(p));
    }

    [Theory]
    [InlineData(Role.Secretary)]
    [InlineData(Role.Leader)]
    [InlineData(Role.Auditor)]
    public async Task Only_the_organization_department_and_assessors_may_push(string role)
    {
        var (_, p) = await SetUpAsync();
        var login = $"{p}-{role}";
        await app.AddUserAsync(login, role, $"{p}-OP");
        var client = await app.BearerClientAsync(login);

        var kpis = await client.PostAsJsonAsync("/api/v1/evidence/kpis", new
        {
            items = new[] { new { branchCode = $"{p}-OP", year = 2026, quarter = 3, kpiCode = "safe-production-days", value = 80 } },
        });
        var events = await client.PostAsJsonAsync("/api/v1/evidence/events", new { items = new[] { new { branchCode = $"{p}-OP", date = "2026-08-03", eventType = "late-dues" } } });
        var ratings = await client.PostAsJsonAsync("/api/v1/evidence/ratings", new { items = Array.Empty<object>() });
        var import = await client.PostAsync("/api/v1/evidence/kpis/import", TestSupport.Upload([1, 2, 3]));
        var template = await client.GetAsync("/api/v1/evidence/events/import");
        var manual = await client.PutAsJsonAsync("/api/v1/periods/1/manual-scores", new { branchCode = $"{p}-OP", scores = Array.Empty<object>() });

        Assert.All([kpis, events, ratings, import, template, manual], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(0, await CountAsync(p));
    }

    [Fact]
    public async Task The_organization_department_pushes_anywhere_in_its_scope()
    {
        var (_, p) = await SetUpAsync();
        await app.AddUserAsync($"{p}-oa", Role.OrgAdmin, Organization.RootCode);
        var client = await app.BearerClientAsync($"{p}-oa");

        var response = await client.PostAsJsonAsync("/api/v1/evidence/events", new
        {
            items = new[] { new { branchCode = $"{p}-MK", date = "2026-07-15", eventType = "valid-complaint", description = "客户投诉" } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync(p));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_batch_bodies()
    {
        var (client, _) = await SetUpAsync();

        var paths = (await (await client.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/evidence/kpis", "/api/v1/evidence/events", "/api/v1/evidence/ratings" })
        {
            var body = paths.GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content");
            Assert.True(body.TryGetProperty("application/json", out _), path);
        }

        Assert.True(paths.GetProperty("/api/v1/periods/{id}/manual-scores").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/evidence/kpis/import").TryGetProperty("get", out _));
    }

    internal static async Task<List<BatchError>> BatchErrorsAsync(HttpResponseMessage response)
    {
        var json = await response.JsonAsync();
        return json.GetProperty("errors").EnumerateArray()
            .Select(e => new BatchError(
                e.GetProperty("index").ValueKind == JsonValueKind.Null ? null : e.GetProperty("index").GetInt32(),
                e.GetProperty("field").GetString()!,
                e.GetProperty("message").GetString()!))
            .ToList();
    }
}

public sealed record BatchError(int? Index, string Field, string Message);

public sealed class SqliteEvidenceApiTests(SqliteApp app) : EvidenceApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresEvidenceApiTests(PostgresApp app) : EvidenceApiTests(app), IClassFixture<PostgresApp>;
