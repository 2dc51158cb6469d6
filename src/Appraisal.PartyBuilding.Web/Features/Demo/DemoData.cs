using System.Security.Cryptography;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Meetings;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Features.Account;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Demo;

/// <summary>
/// The demo organization (<c>--demo</c>): a 党委 with 30 branches across the four 1+N categories, a 街道党工委 with
/// rural and urban community branches, one account per role, the year's 组织生活会 and 民主评议, and 三会一课
/// records for the last quarter and the current one so far — some branches diligent, some with missed months, a failed quorum or a returned record.
/// Loaded once; every start with <c>--demo</c> sets new demo passwords and prints them (to the console, not the log).
/// </summary>
public sealed class DemoData(AppraisalDbContext db, AccountService accounts, PasswordPolicy passwordPolicy, AuditLog audit, TimeProvider clock, PackCatalog catalog)
{
    public const string CompanyCode = "DW01";

    private static readonly (string Code, string Role, string Organization)[] DemoAccounts =
    [
        ("demo-admin", Role.OrgAdmin, Organization.RootCode),
        ("demo-assessor", Role.Assessor, Organization.RootCode),
        ("demo-leader", Role.Leader, Organization.RootCode),
        ("demo-secretary", Role.Secretary, "ZB0201"),
        ("demo-auditor", Role.Auditor, Organization.RootCode),
        ("demo-sysadmin", Role.SysAdmin, Organization.RootCode),
    ];

    private static readonly (string Code, string Name, string Category, string[] Branches)[] GeneralBranches =
    [
        ("ZZ01", "机关党总支", "one-plus-n/management", ["办公室党支部", "人力资源部党支部", "财务资产部党支部", "党建工作部党支部", "发展策划部党支部", "安全监察部党支部", "纪委办公室党支部"]),
        ("ZZ02", "生产党总支", "one-plus-n/operations", ["变电运维一班党支部", "变电运维二班党支部", "输电运检党支部", "配电运检党支部", "调度控制中心党支部", "变电检修党支部", "电缆运检党支部", "继电保护党支部", "带电作业党支部"]),
        ("ZZ03", "营销党总支", "one-plus-n/marketing", ["城区供电服务中心党支部", "郊区供电服务中心党支部", "客户服务中心党支部", "计量中心党支部", "市场拓展党支部", "电费管理党支部", "用电检查党支部", "营业厅党支部"]),
        ("ZZ04", "业务支撑党总支", "one-plus-n/support", ["信息通信党支部", "物资供应党支部", "后勤服务党支部", "培训中心党支部", "经济技术研究党支部", "综合服务党支部"]),
    ];

    private static readonly (string Code, string Name, string Category)[] CommunityBranches =
    [
        ("SQ0101", "东关村党支部", "community/rural"),
        ("SQ0102", "西河村党支部", "community/rural"),
        ("SQ0103", "南街社区党支部", "community/urban"),
        ("SQ0104", "北苑社区党支部", "community/urban"),
    ];

    private static readonly string[] Topics =
    [
        "学习贯彻党的二十届四中全会精神", "学习《中国共产党支部工作条例（试行）》", "研究部署安全生产重点工作", "开展“我为群众办实事”实践活动",
        "讨论发展党员工作", "学习习近平新时代中国特色社会主义思想专题", "迎峰度冬保供电动员", "廉洁文化教育专题学习",
        "研究优化营商环境服务举措", "志愿服务进社区", "重温入党誓词", "党建引领重点项目推进会",
    ];

    public async Task LoadAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        if (!await db.Organizations.AnyAsync(o => o.Code == CompanyCode, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var branches = await AddOrganizationsAsync(cancellationToken);
            AddRecords(branches);
            AddEvidence(branches);
            audit.Record(AuditLog.System, "demo.load", CompanyCode, $"演示数据：{branches.Count}个党支部");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        console.WriteLine();
        console.WriteLine("演示账号（每次以 --demo 启动都会重新生成密码和动态验证码密钥）：");
        foreach (var (login, role, organization) in DemoAccounts)
        {
            var password = NewPassword(login);
            var user = await db.Users.SingleOrDefaultAsync(u => u.Login == login, cancellationToken);
            if (user is null)
            {
                var (added, error) = await accounts.AddUserAsync(AuditLog.System, login, password, role, organization, cancellationToken);
                user = added ?? throw new InvalidOperationException(error);
            }
            else if (await accounts.SetPasswordAsync(AuditLog.System, user, password, cancellationToken) is { } error)
            {
                throw new InvalidOperationException(error);
            }

            console.WriteLine($"  {Role.DisplayName(role),-6} {login,-16} 密码 {password}");
            if (SecondFactor.IsRequired(role))
            {
                // Enrolled already, so a demo user adds the secret to an authenticator app instead of reading it off the page.
                user.TotpSecret = SecondFactor.NewSecret();
                user.TotpEnabledAt = clock.GetUtcNow();
                audit.Record(AuditLog.System, "demo.totp", login, "演示账号的动态验证码密钥已重新生成");
                await db.SaveChangesAsync(cancellationToken);
                console.WriteLine($"  {"",-6} {"",-16} 动态验证码密钥 {user.TotpSecret}");
                console.WriteLine($"  {"",-6} {"",-16} {SecondFactor.Uri(login, user.TotpSecret)}");
            }
        }

        console.WriteLine("组织部、审计员、系统管理员登录时还要输入动态验证码：把上面的密钥加入验证器应用（手动输入密钥，基于时间），");
        console.WriteLine("或在命令行用 oathtool --totp -b 密钥 得到当前的6位数字。");
        console.WriteLine();
    }

    private async Task<List<Organization>> AddOrganizationsAsync(CancellationToken cancellationToken)
    {
        var root = await db.Organizations.SingleAsync(o => o.Code == Organization.RootCode, cancellationToken);
        var random = new Random(2026);
        var company = Add(root, CompanyCode, "示范供电公司党委", OrganizationKind.PartyCommittee);
        var street = Add(root, "SQ01", "城关街道党工委", OrganizationKind.PartyCommittee);
        var branches = new List<Organization>();
        foreach (var (code, name, category, names) in GeneralBranches)
        {
            var general = Add(company, code, name, OrganizationKind.GeneralBranch);
            for (var i = 0; i < names.Length; i++)
            {
                branches.Add(AddBranch(general, $"ZB{code[2..]}{i + 1:00}", names[i], category, random));
            }
        }

        foreach (var (code, name, category) in CommunityBranches)
        {
            branches.Add(AddBranch(street, code, name, category, random));
        }

        return branches;
    }

    private Organization Add(Organization parent, string code, string name, OrganizationKind kind)
    {
        var organization = new Organization { Code = code, Name = name, Kind = kind, Parent = parent, Path = Organization.PathOf(parent.Path, code) };
        db.Organizations.Add(organization);
        return organization;
    }

    private Organization AddBranch(Organization parent, string code, string name, string category, Random random)
    {
        var branch = Add(parent, code, name, OrganizationKind.Branch);
        branch.CategoryCode = category;
        branch.MemberCount = code == "ZB0201" ? 18 : random.Next(5, 41);
        branch.CommitteeSize = branch.MemberCount < OrganizationKinds.MinimumMembersForCommittee ? 0 : branch.MemberCount >= 25 ? 5 : 3;
        var groups = branch.MemberCount >= 30 ? 3 : branch.MemberCount >= 12 ? 2 : 0;
        string[] groupNames = ["第一党小组", "第二党小组", "第三党小组"];
        branch.Groups.AddRange(groupNames.Take(groups).Select(n => new PartyGroup { Name = n }));
        return branch;
    }

    /// <summary>Records for the previous quarter and the current one up to today (China time).</summary>
    private void AddRecords(List<Organization> branches)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var current = AssessmentQuarter.Of(today);
        var random = new Random(17);
        foreach (var branch in branches)
        {
            // Most branches are diligent; some miss months; a few are weak. The demo secretary's branch misses one.
            var diligence = branch.Code == "ZB0201" ? 0.85 : random.NextDouble() switch { < 0.6 => 1.0, < 0.85 => 0.8, _ => 0.55 };

            // The yearly 组织生活会 and 民主评议党员 are usually held early in the year.
            if (random.NextDouble() < diligence + 0.1)
            {
                AddRecord(branch, MeetingType.LifeMeeting, new DateOnly(current.Year, 1, 20), branch.MemberCount, branch.MemberCount - random.Next(0, 3), random, now);
                AddRecord(branch, MeetingType.Review, new DateOnly(current.Year, 1, 21), branch.MemberCount, branch.MemberCount - random.Next(0, 3), random, now);
            }

            foreach (var quarter in new[] { current.Previous, current })
            {
                foreach (var month in quarter.Months)
                {
                    var first = new DateOnly(quarter.Year, month, 1);
                    if (first > today)
                    {
                        break;
                    }

                    var lastDay = first.AddMonths(1).AddDays(-1) < today ? first.AddMonths(1).AddDays(-1) : today;
                    DateOnly Day(int preferred) => new(first.Year, first.Month, Math.Min(preferred, lastDay.Day));
                    if (branch.CommitteeSize > 0 && random.NextDouble() < diligence)
                    {
                        var present = random.NextDouble() < 0.92 ? branch.CommitteeSize : branch.CommitteeSize / 2;
                        AddRecord(branch, MeetingType.Committee, Day(random.Next(3, 9)), branch.CommitteeSize, present, random, now);
                    }

                    foreach (var group in branch.Groups)
                    {
                        if (random.NextDouble() < diligence)
                        {
                            var size = Math.Max(3, branch.MemberCount / branch.Groups.Count);
                            AddRecord(branch, MeetingType.Group, Day(random.Next(10, 20)), size, size - random.Next(0, 2), random, now, group.Name);
                        }
                    }

                    if (random.NextDouble() < diligence)
                    {
                        AddRecord(branch, MeetingType.ThemeDay, Day(random.Next(20, 28)), branch.MemberCount, branch.MemberCount - random.Next(0, 3), random, now);
                    }

                    if (month == quarter.Months[1] && random.NextDouble() < diligence + 0.1)
                    {
                        var present = random.NextDouble() < 0.9 ? branch.MemberCount - random.Next(0, 3) : branch.MemberCount / 2;
                        AddRecord(branch, MeetingType.Assembly, Day(15), branch.MemberCount, present, random, now);
                        AddRecord(branch, MeetingType.Lecture, Day(16), branch.MemberCount, branch.MemberCount - random.Next(0, 3), random, now);
                    }
                }
            }
        }
    }

    /// <summary>
    /// KPI values, 360 answers and some deduction events and bonus cases for the previous and the current quarter,
    /// from the codes each category's rules use, so that demo scores are not all 三会一课.
    /// </summary>
    private void AddEvidence(List<Organization> branches)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var current = AssessmentQuarter.Of(today);
        var random = new Random(29);
        foreach (var branch in branches)
        {
            var rules = catalog.FindCategory(branch.CategoryCode!)?.Dimensions.SelectMany(d => d.Indicators).Select(i => i.Rule).ToList() ?? [];
            foreach (var quarter in new[] { current.Previous, current })
            {
                foreach (var kpi in rules.OfType<KpiTargetRule>().DistinctBy(r => r.KpiCode))
                {
                    var value = kpi.Threshold + (kpi.Target - kpi.Threshold) * (decimal)(0.3 + random.NextDouble() * 0.75);
                    db.KpiValues.Add(new BranchKpiValue { Branch = branch, Year = quarter.Year, Quarter = quarter.Number, KpiCode = kpi.KpiCode, Value = Math.Round(value, 2), Source = EvidenceSource.Demo, EnteredBy = AuditLog.System, EnteredAt = now });
                }

                foreach (var (rating, group) in rules.OfType<RatingRule>().DistinctBy(r => r.Question).SelectMany(r => r.Weights.Keys.Select(g => (r, g))))
                {
                    for (var n = 0; n < 3; n++)
                    {
                        db.RatingAnswers.Add(new BranchRating { Branch = branch, Year = quarter.Year, Quarter = quarter.Number, Question = rating.Question, RaterGroup = group, Score = random.Next(65, 101), Source = EvidenceSource.Demo, EnteredBy = AuditLog.System, EnteredAt = now });
                    }
                }

                var days = (Math.Min(quarter.End.DayNumber, today.DayNumber) - quarter.Start.DayNumber) + 1;
                foreach (var (type, chance) in rules.Select(r => r switch { DeductionRule d => (d.EventType, 0.12), BonusRule b => (b.CaseType, 0.35), _ => ((string?)null, 0.0) }))
                {
                    if (type is not null && random.NextDouble() < chance)
                    {
                        db.EvidenceEvents.Add(new BranchEvent { Branch = branch, Date = quarter.Start.AddDays(random.Next(days)), EventType = type, Approved = true, Source = EvidenceSource.Demo, EnteredBy = AuditLog.System, EnteredAt = now });
                    }
                }
            }
        }
    }

    private void AddRecord(Organization branch, MeetingType type, DateOnly date, int expected, int present, Random random, DateTimeOffset now, string? group = null)
    {
        var returned = random.NextDouble() < 0.03;
        db.MeetingRecords.Add(new MeetingRecord
        {
            Branch = branch,
            Type = type,
            Date = date,
            Expected = expected,
            Present = Math.Clamp(present, 0, expected),
            Topic = Topics[random.Next(Topics.Length)],
            GroupName = group,
            Minutes = $"会议由支部书记主持，{Topics[random.Next(Topics.Length)]}，与会党员逐一发言并形成会议决定。",
            Status = returned ? RecordStatus.Returned : random.NextDouble() < 0.7 ? RecordStatus.Approved : RecordStatus.Submitted,
            ReviewOpinion = returned ? "会议记录过于简单，请补充讨论内容和会议决定后重新提交。" : null,
            CreatedAt = now,
        });
    }

    /// <summary>A random password the configured policy accepts (drawn again until it does).</summary>
    private string NewPassword(string login)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789-_!@#";
        string password;
        do
        {
            password = RandomNumberGenerator.GetString(alphabet, Math.Max(16, passwordPolicy.MinLength));
        }
        while (passwordPolicy.Check(login, password) is not null);

        return password;
    }
}
