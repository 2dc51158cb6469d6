using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Surveys;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Appraisal.PartyBuilding.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>What the 组织部 or an assessor asks for when creating a survey.</summary>
public sealed record SurveyDraft(int? PeriodId, string? BranchCode, string? Title, DateOnly? OpensOn, DateOnly? ClosesOn);

/// <summary>Why a request was refused: the status (400, 404, 409), the field (or empty) and the message in Chinese.</summary>
public sealed record SurveyRefusal(int Status, string Field, string Message);

/// <summary>A survey as its creators see it, with the questions and the answers so far per rater group.</summary>
public sealed record SurveyView(
    Survey Survey,
    string State,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<RaterGroupResult> Groups,
    IReadOnlyList<QuestionResult> Answers,
    int MinResponses);

/// <summary>Invitations issued and answered for one rater group; <see cref="Thin"/> when fewer answers than the minimum.</summary>
public sealed record RaterGroupResult(RaterGroup Group, int Issued, int Answered, bool Thin);

/// <summary>The average 0..100 score of one question from one rater group's answers.</summary>
public sealed record QuestionResult(string Question, RaterGroup Group, int Count, decimal Average);

/// <summary>A freshly issued invitation: the token is known only now.</summary>
public sealed record IssuedInvitation(long Id, RaterGroup Group, string Link);

/// <summary>
/// Surveys for their creators (the 组织部 and assessors): create one for a branch or 科室 of the caller's subtree,
/// issue invitations, close it and read the response counts. A survey whose branch lies outside the subtree reads as
/// missing. Creation, issuing and closing are audited.
/// </summary>
public sealed class SurveyDesk(
    AppraisalDbContext db,
    CurrentUser user,
    AuditLog audit,
    PackCatalog catalog,
    TimeProvider clock,
    IOptions<SurveyOptions> options)
{
    /// <summary>The prefix of <see cref="BranchRating.RaterReference"/> for answers given through a survey's invitations.</summary>
    public static string ReferencePrefix(int surveyId) => $"survey-{surveyId}-";

    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    public async Task<IReadOnlyList<Survey>> ListAsync(CancellationToken cancellationToken)
    {
        var scope = await user.ScopePathAsync(cancellationToken);
        return await db.Surveys.AsNoTracking()
            .Where(s => s.Branch!.Path.StartsWith(scope))
            .Include(s => s.Branch)
            .Include(s => s.Period)
            .Include(s => s.Invitations)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The survey when its branch lies in the caller's subtree; otherwise null (404).</summary>
    public async Task<Survey?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await user.ScopePathAsync(cancellationToken);
        return await db.Surveys
            .Where(s => s.Id == id && s.Branch!.Path.StartsWith(scope))
            .Include(s => s.Branch)
            .Include(s => s.Period!).ThenInclude(p => p.Packs)
            .Include(s => s.Invitations)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<(Survey? Survey, IReadOnlyList<SurveyRefusal> Errors)> CreateAsync(SurveyDraft draft, CancellationToken cancellationToken)
    {
        var errors = new List<SurveyRefusal>();
        Period? period = null;
        if (draft.PeriodId is not { } periodId)
        {
            errors.Add(new(400, "periodId", "请选择考核期"));
        }
        else
        {
            period = await db.Periods.AsNoTracking().Include(p => p.Packs).SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
            if (period is null)
            {
                errors.Add(new(400, "periodId", $"考核期{periodId}不存在"));
            }
            else if (period.State == PeriodState.Final)
            {
                errors.Add(new(409, "periodId", $"{period.AsQuarter}考核期已定稿，不能再发起问卷"));
            }
        }

        Organization? branch = null;
        if (string.IsNullOrWhiteSpace(draft.BranchCode))
        {
            errors.Add(new(400, "branchCode", "请选择被评价的支部或科室"));
        }
        else
        {
            var code = draft.BranchCode.Trim();
            // Out of scope reads exactly like non-existent.
            branch = await (await user.VisibleOrganizationsAsync(cancellationToken)).AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, cancellationToken);
            if (branch is null)
            {
                errors.Add(new(400, "branchCode", $"支部“{code}”不存在"));
            }
            else if (!branch.IsBranch)
            {
                errors.Add(new(400, "branchCode", $"“{branch.Name}”是{branch.Kind.DisplayName()}，问卷只能评价党支部或科室"));
                branch = null;
            }
        }

        IReadOnlyList<SurveyQuestion> questions = [];
        if (period is not null && branch is not null)
        {
            var (category, error) = SurveyQuestions.PinnedCategory(catalog, period, branch.CategoryCode);
            if (error is not null)
            {
                errors.Add(new(400, "branchCode", error));
            }
            else if ((questions = SurveyQuestions.Of(category!)).Count == 0)
            {
                errors.Add(new(400, "branchCode", $"支部类别“{category!.Name}”没有评价类指标，无需问卷"));
            }
        }

        var today = Today;
        if (draft.OpensOn is not { } opens)
        {
            errors.Add(new(400, "opensOn", "请填写开始日期"));
        }
        else if (draft.ClosesOn is not { } closes)
        {
            errors.Add(new(400, "closesOn", "请填写截止日期"));
        }
        else if (closes < opens)
        {
            errors.Add(new(400, "closesOn", $"截止日期{closes:yyyy-MM-dd}早于开始日期{opens:yyyy-MM-dd}"));
        }
        else if (closes < today)
        {
            errors.Add(new(400, "closesOn", $"截止日期{closes:yyyy-MM-dd}早于今天（{today:yyyy-MM-dd}）"));
        }
        else if (closes.DayNumber - opens.DayNumber > 366)
        {
            errors.Add(new(400, "closesOn", "问卷开放时间不能超过一年"));
        }

        var title = string.IsNullOrWhiteSpace(draft.Title)
            ? branch is null || period is null ? string.Empty : $"{branch.Name}{period.AsQuarter}满意度测评"
            : draft.Title.Trim();
        if (title.Length > Survey.MaxTitleLength)
        {
            errors.Add(new(400, "title", $"标题不能超过{Survey.MaxTitleLength}个字"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var survey = new Survey
        {
            PeriodId = period!.Id,
            BranchId = branch!.Id,
            Title = title,
            OpensOn = draft.OpensOn!.Value,
            ClosesOn = draft.ClosesOn!.Value,
            CreatedBy = user.Login,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(user.Login, "survey.create", branch.Code,
            $"问卷{survey.Id}“{title}”：{period.AsQuarter}，{survey.OpensOn:yyyy-MM-dd}至{survey.ClosesOn:yyyy-MM-dd}，题目{string.Join("、", questions.Select(q => q.Code))}");
        await db.SaveChangesAsync(cancellationToken);
        survey.Branch = branch;
        survey.Period = period;
        return (survey, []);
    }

    public async Task<(IReadOnlyList<IssuedInvitation> Issued, SurveyRefusal? Error)> IssueAsync(
        Survey survey, RaterGroup? group, int? count, Func<string, string> link, CancellationToken cancellationToken)
    {
        var questions = Questions(survey);
        var max = options.Value.MaxInvitationsPerIssue;
        if (group is not { } rater)
        {
            return ([], new(400, "raterGroup", "请选择评价组（领导、同级或服务对象）"));
        }

        if (SurveyQuestions.For(questions, rater).Count == 0)
        {
            return ([], new(400, "raterGroup", $"本问卷没有向“{rater.DisplayName()}”提问的题目（可选：{string.Join("、", questions.SelectMany(q => q.Groups).Distinct().Order().Select(g => g.DisplayName()))}）"));
        }

        if (count is not { } n || n < 1 || n > max)
        {
            return ([], new(400, "count", $"邀请份数须为1到{max}之间的整数"));
        }

        if (StateOf(survey) is var state && state is "已关闭" or "已截止")
        {
            return ([], new(409, string.Empty, $"问卷{state}，不能再发放邀请"));
        }

        var now = clock.GetUtcNow();
        var tokens = Enumerable.Range(0, n).Select(_ => InvitationToken.New()).ToList();
        var invitations = tokens.Select(t => new SurveyInvitation
        {
            SurveyId = survey.Id,
            TokenHash = InvitationToken.Hash(t),
            RaterGroup = rater,
            IssuedBy = user.Login,
            IssuedAt = now,
        }).ToList();
        db.SurveyInvitations.AddRange(invitations);
        audit.Record(user.Login, "survey.invitations", survey.Branch!.Code, $"问卷{survey.Id}发放{rater.DisplayName()}评价邀请{n}份");
        await db.SaveChangesAsync(cancellationToken);
        return (invitations.Zip(tokens, (i, t) => new IssuedInvitation(i.Id, rater, link(t))).ToList(), null);
    }

    public async Task<SurveyRefusal?> CloseAsync(Survey survey, CancellationToken cancellationToken)
    {
        if (survey.ClosedAt is not null)
        {
            return new(409, string.Empty, "问卷已经关闭");
        }

        survey.ClosedAt = clock.GetUtcNow();
        survey.ClosedBy = user.Login;
        var answered = survey.Invitations.Count(i => i.AnsweredAt is not null);
        audit.Record(user.Login, "survey.close", survey.Branch!.Code, $"问卷{survey.Id}关闭：已收答卷{answered}份/发放{survey.Invitations.Count}份");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<SurveyView> ViewAsync(Survey survey, CancellationToken cancellationToken)
    {
        var questions = Questions(survey);
        var prefix = ReferencePrefix(survey.Id);
        var answers = await db.RatingAnswers.AsNoTracking()
            .Where(r => r.BranchId == survey.BranchId && r.Source == EvidenceSource.Survey && r.RaterReference!.StartsWith(prefix))
            .Select(r => new { r.Question, r.RaterGroup, r.Score })
            .ToListAsync(cancellationToken);
        var min = options.Value.MinResponses;
        var groups = questions.SelectMany(q => q.Groups).Distinct().Order()
            .Select(g =>
            {
                var answered = survey.Invitations.Count(i => i.RaterGroup == g && i.AnsweredAt is not null);
                return new RaterGroupResult(g, survey.Invitations.Count(i => i.RaterGroup == g), answered, answered < min);
            })
            .ToList();
        var averages = answers.GroupBy(a => (a.Question, a.RaterGroup))
            .Select(g => new QuestionResult(g.Key.Question, g.Key.RaterGroup, g.Count(), Math.Round(g.Average(a => a.Score), 2)))
            .OrderBy(r => r.Question, StringComparer.Ordinal).ThenBy(r => r.Group)
            .ToList();
        return new SurveyView(survey, StateOf(survey), questions, groups, averages, min);
    }

    /// <summary>未开始, 进行中, 已截止 (past the last day) or 已关闭 (closed early), by China dates.</summary>
    public string StateOf(Survey survey)
    {
        var today = Today;
        return survey.ClosedAt is not null ? "已关闭"
            : today > survey.ClosesOn ? "已截止"
            : today < survey.OpensOn ? "未开始"
            : "进行中";
    }

    private IReadOnlyList<SurveyQuestion> Questions(Survey survey) =>
        SurveyQuestions.PinnedCategory(catalog, survey.Period!, survey.Branch!.CategoryCode).Category is { } category
            ? SurveyQuestions.Of(category)
            : [];
}
