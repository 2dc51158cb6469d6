using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core;
using Appraisal.PartyBuilding.Core.AssessmentEvidence;
using Appraisal.PartyBuilding.Core.Periods;
using Appraisal.PartyBuilding.Core.Surveys;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Plugins;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Features.Surveys;

/// <summary>What a rater sees: the survey, the branch, their rater group and the questions put to that group.</summary>
public sealed record AnswerSheet(long InvitationId, Survey Survey, string BranchName, RaterGroup Group, IReadOnlyList<SurveyQuestion> Questions);

/// <summary>
/// Answering without an account. The token is the only credential: unknown, used, early, late or closed gives a
/// Chinese message and a 4xx, and nothing is stored. An answer becomes ordinary rating evidence
/// (<see cref="BranchRating"/> rows, source <see cref="EvidenceSource.Survey"/>), read by scoring exactly like ratings
/// pushed through the API or imported.
/// </summary>
public sealed class SurveyAnswering(AppraisalDbContext db, PackCatalog catalog, TimeProvider clock)
{
    /// <summary>Who entered the rating rows: no account, so the channel. Raters stay anonymous.</summary>
    public const string EnteredBy = "survey";

    public async Task<(AnswerSheet? Sheet, SurveyRefusal? Refusal)> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!InvitationToken.IsWellFormed(token))
        {
            return (null, Unknown);
        }

        var hash = InvitationToken.Hash(token!);
        var invitation = await db.SurveyInvitations.AsNoTracking()
            .Include(i => i.Survey!).ThenInclude(s => s.Branch)
            .Include(i => i.Survey!).ThenInclude(s => s.Period!).ThenInclude(p => p.Packs)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return (null, Unknown);
        }

        if (invitation.AnsweredAt is not null)
        {
            return (null, Used);
        }

        var survey = invitation.Survey!;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        if (survey.ClosedAt is not null)
        {
            return (null, new(StatusCodes.Status410Gone, string.Empty, "问卷已由组织者关闭，不再接受答卷。"));
        }

        if (survey.Period!.State == PeriodState.Final)
        {
            return (null, new(StatusCodes.Status410Gone, string.Empty, $"{survey.Period.AsQuarter}考核已定稿，问卷不再接受答卷。"));
        }

        if (today < survey.OpensOn)
        {
            return (null, new(StatusCodes.Status409Conflict, string.Empty, $"问卷尚未开始，请于{survey.OpensOn:yyyy年M月d日}起作答。"));
        }

        if (today > survey.ClosesOn)
        {
            return (null, new(StatusCodes.Status410Gone, string.Empty, $"问卷已于{survey.ClosesOn:yyyy年M月d日}截止，不再接受答卷。"));
        }

        var category = SurveyQuestions.PinnedCategory(catalog, survey.Period, survey.Branch!.CategoryCode).Category;
        var questions = category is null ? [] : SurveyQuestions.For(SurveyQuestions.Of(category), invitation.RaterGroup);
        if (questions.Count == 0)
        {
            return (null, new(StatusCodes.Status409Conflict, string.Empty, "问卷题目暂时无法加载，请稍后再试或联系组织者。"));
        }

        return (new AnswerSheet(invitation.Id, survey, survey.Branch.Name, invitation.RaterGroup, questions), null);
    }

    /// <summary>
    /// Stores one answer per question, once per token. The invitation is claimed by a conditional update inside the
    /// transaction that inserts the ratings: of two concurrent answers with one token the database lets exactly one
    /// claim it (the other's update matches no row), so one answer is stored.
    /// </summary>
    public async Task<SurveyRefusal?> AnswerAsync(AnswerSheet sheet, IReadOnlyDictionary<string, int?> scores, CancellationToken cancellationToken)
    {
        for (var n = 0; n < sheet.Questions.Count; n++)
        {
            var question = sheet.Questions[n];
            if (!scores.TryGetValue(question.Code, out var score) || score is null)
            {
                return new(StatusCodes.Status400BadRequest, question.Code, $"请回答第{n + 1}题：{question.Text}");
            }

            if (!AnswerScale.IsLevel(score.Value))
            {
                return new(StatusCodes.Status400BadRequest, question.Code, $"第{n + 1}题的答案无效，请从给出的选项中选择");
            }
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.SurveyInvitations
            .Where(i => i.Id == sheet.InvitationId && i.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AnsweredAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Used;
        }

        var quarter = sheet.Survey.Period!;
        foreach (var question in sheet.Questions)
        {
            db.RatingAnswers.Add(new BranchRating
            {
                BranchId = sheet.Survey.BranchId,
                Year = quarter.Year,
                Quarter = quarter.Quarter,
                Question = question.Code,
                RaterGroup = sheet.Group,
                Score = scores[question.Code]!.Value,
                RaterReference = SurveyDesk.ReferencePrefix(sheet.Survey.Id) + sheet.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Source = EvidenceSource.Survey,
                EnteredBy = EnteredBy,
                EnteredAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static readonly SurveyRefusal Unknown = new(StatusCodes.Status404NotFound, string.Empty, "链接无效：找不到这份问卷邀请，请核对链接或重新扫描二维码。");

    private static readonly SurveyRefusal Used = new(StatusCodes.Status409Conflict, string.Empty, "这份邀请已经提交过答卷，每份邀请只能作答一次。");
}
