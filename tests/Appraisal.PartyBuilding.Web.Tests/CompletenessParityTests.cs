using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Issue 4, "Done when": on a generated quarter of many branches, the completeness the secretary and the parent
/// organization see agrees, branch by branch and indicator by indicator, with the stored 三会一课 scores and their
/// explanations — on SQLite and on PostgreSQL.
/// </summary>
public sealed class CompletenessParityTests
{
    private static readonly string[] Indicators = ["shyk.assembly", "shyk.committee", "shyk.group", "shyk.lecture", "shyk.theme-day"];

    [Fact]
    public Task Completeness_and_scoring_agree_on_a_generated_quarter_on_SQLite() => AgreeAsync(new SqliteApp());

    [Fact]
    public Task Completeness_and_scoring_agree_on_a_generated_quarter_on_PostgreSQL() => AgreeAsync(new PostgresApp());

    private static async Task AgreeAsync(AppFactory app)
    {
        await using (app)
        {
            await app.InitializeAsync();
            const int branches = 90;
            await GenerateAsync(app, branches);
            await app.AddUserAsync("cp-admin", Role.OrgAdmin, Organization.RootCode);
            var admin = await app.BearerClientAsync("cp-admin");
            var period = (await (await admin.PostAsJsonAsync("/api/v1/periods", new { year = 2026, quarter = 3 })).JsonAsync()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/periods/{period}/scoring?wait=true", null)).StatusCode);

            var scores = (await (await admin.GetAsync($"/api/v1/periods/{period}/scores")).JsonAsync()).EnumerateArray()
                .ToDictionary(b => b.GetProperty("branchCode").GetString()!);
            var completeness = await admin.GetAsync("/api/v1/records/completeness?year=2026&quarter=3");
            Assert.Equal(HttpStatusCode.OK, completeness.StatusCode);
            var grids = (await completeness.JsonAsync()).EnumerateArray().Where(b => b.GetProperty("branchCode").GetString()!.StartsWith("CP")).ToList();

            Assert.Equal(branches, grids.Count);
            var states = new HashSet<string>();
            var checkedRows = 0;
            foreach (var grid in grids)
            {
                var code = grid.GetProperty("branchCode").GetString()!;
                var indicators = scores[code].GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
                foreach (var indicatorCode in Indicators)
                {
                    var row = grid.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("indicatorCode").GetString() == indicatorCode);
                    var scored = indicators[indicatorCode];
                    Agree(code, row, scored);
                    states.UnionWith(row.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("state").GetString()!));
                    checkedRows++;
                }
            }

            Assert.Equal(branches * Indicators.Length, checkedRows);
            Assert.Superset(new HashSet<string> { "covered", "invalid", "missing" }, states);
        }
    }

    /// <summary>One indicator of one branch: the points, the formula of SPEC's table, and what the explanation says.</summary>
    private static void Agree(string branch, JsonElement row, JsonElement scored)
    {
        var where = $"{branch} {scored.GetProperty("code").GetString()}";
        var score = scored.GetProperty("score").GetDecimal();
        var max = scored.GetProperty("maxScore").GetDecimal();
        var explanation = scored.GetProperty("explanation").GetString()!;
        Assert.True(score == row.GetProperty("points").GetDecimal(), $"{where}: scored {score}, completeness {row.GetProperty("points")}");
        Assert.Equal(max, row.GetProperty("maxPoints").GetDecimal());

        var cells = row.GetProperty("cells").EnumerateArray().ToList();
        if (!row.GetProperty("applicable").GetBoolean())
        {
            Assert.Empty(cells);
            Assert.Equal(max, score);
            Assert.Equal($"不适用：{row.GetProperty("notApplicableReason").GetString()}，按满分计", explanation);
            return;
        }

        var notCounted = row.GetProperty("notCounted").GetArrayLength();
        Assert.True(notCounted == CountOf(explanation, "不计："), $"{where}: {notCounted} records not counted, explanation: {explanation}");

        var covered = cells.Count(c => c.GetProperty("state").GetString() == "covered");
        Assert.Equal(covered, row.GetProperty("covered").GetInt32());
        Assert.Equal(cells.Count, row.GetProperty("required").GetInt32());
        Assert.True(Math.Round(max * covered / cells.Count, 2, MidpointRounding.AwayFromZero) == score, $"{where}: {covered}/{cells.Count} of {max} is not {score}");

        var unit = row.GetProperty("unit").GetString();
        if (unit == "quarter")
        {
            Assert.Contains(covered == 1 ? "本季度已开" : "本季度未开", explanation);
        }
        else if (unit == "month")
        {
            var missing = cells.Where(c => c.GetProperty("state").GetString() != "covered").Select(c => $"{c.GetProperty("month").GetInt32()}月").ToList();
            Assert.Contains(missing.Count == 0 ? "均已开" : covered == 0 ? "均未开" : string.Join("、", missing) + "缺", explanation);
        }
        else if (unit == "group-month")
        {
            foreach (var group in cells.GroupBy(c => c.GetProperty("group").GetString()!))
            {
                var missing = group.Where(c => c.GetProperty("state").GetString() != "covered").Select(c => $"{c.GetProperty("month").GetInt32()}月").ToList();
                var held = group.Count() - missing.Count;
                Assert.Contains(group.Key + (missing.Count == 0 ? "均已开" : held == 0 ? "均未开" : ""), explanation);
                if (missing.Count > 0 && held > 0)
                {
                    Assert.Contains(string.Join("、", missing) + "缺", explanation);
                }
            }
        }

        foreach (var cell in cells.Where(c => c.GetProperty("state").GetString() == "invalid"))
        {
            Assert.NotEmpty(cell.GetProperty("reasons").EnumerateArray());
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Branches of every category, with and without committee and groups, and a quarter of records from a fixed seed:
    /// missed months, failed quorums, returned records, groups that do not exist, records of the neighbouring quarters.
    /// </summary>
    internal static Task GenerateAsync(AppFactory app, int count) => app.WithDbAsync(async db =>
    {
        string[] categories = ["one-plus-n/management", "one-plus-n/operations", "one-plus-n/marketing", "one-plus-n/support", "community/rural", "community/urban"];
        var random = new Random(4);
        var root = await db.Organizations.SingleAsync(o => o.Code == Organization.RootCode);
        var committee = new Organization { Code = "CP", Name = "完成情况党委", Kind = OrganizationKind.PartyCommittee, Parent = root, Path = "/ROOT/CP/" };
        db.Organizations.Add(committee);
        MeetingType[] types = [MeetingType.Assembly, MeetingType.Committee, MeetingType.Group, MeetingType.Lecture, MeetingType.ThemeDay];
        for (var i = 0; i < count; i++)
        {
            var members = random.Next(3, 40);
            var code = $"CP{i:000}";
            var branch = new Organization
            {
                Code = code,
                Name = $"完成情况第{i}党支部",
                Kind = OrganizationKind.Branch,
                Parent = committee,
                Path = $"/ROOT/CP/{code}/",
                CategoryCode = categories[i % categories.Length],
                MemberCount = members,
                CommitteeSize = members < 7 ? 0 : random.Next(3, 6),
                Groups = Enumerable.Range(1, members >= 12 ? random.Next(1, 4) : 0).Select(g => new PartyGroup { Name = $"第{g}党小组" }).ToList(),
            };
            db.Organizations.Add(branch);
            var diligence = random.NextDouble();
            foreach (var month in new[] { 6, 7, 8, 9, 10 })
            {
                foreach (var type in types)
                {
                    var groups = type == MeetingType.Group ? branch.Groups.Select(g => (string?)g.Name).Append("不存在的小组").ToList() : [null];
                    foreach (var group in groups)
                    {
                        if (random.NextDouble() > diligence)
                        {
                            continue;
                        }

                        var expected = type == MeetingType.Committee ? Math.Max(branch.CommitteeSize, 1) : members;
                        db.MeetingRecords.Add(new MeetingRecord
                        {
                            Branch = branch,
                            Type = type,
                            Date = new DateOnly(2026, month, random.Next(1, 29)),
                            Expected = expected,
                            Present = random.NextDouble() < 0.8 ? expected : random.Next(0, expected / 2 + 1),
                            Topic = "学习",
                            GroupName = group,
                            Status = random.NextDouble() switch { < 0.08 => RecordStatus.Returned, < 0.5 => RecordStatus.Submitted, _ => RecordStatus.Approved },
                            CreatedAt = DateTimeOffset.UnixEpoch,
                        });
                    }
                }
            }
        }

        await db.SaveChangesAsync();
    });
}
