using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Contracts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Web.Features.Periods;
using Microsoft.Extensions.DependencyInjection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Survey set-up through the API and answering through the anonymous page, as a phone would.</summary>
internal static partial class SurveyTestSupport
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"(q\\.[^\"]+)\"")]
    private static partial Regex QuestionField();

    /// <summary>SV-DW1 with the operations branch SV-ZB1 and the 五好科室 SV-KS1; SV-DW2 with SV-ZB2; accounts per role.</summary>
    public static async Task<int> OrganizationsAndPeriodAsync(AppFactory app)
    {
        await app.AddOrganizationAsync("SV-DW1", "问卷党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SV-DW2", "别处党委", Organization.RootCode, OrganizationKind.PartyCommittee);
        await app.AddOrganizationAsync("SV-ZB1", "变电运维党支部", "SV-DW1", OrganizationKind.Branch, "one-plus-n/operations", 10, 3);
        await app.AddOrganizationAsync("SV-KS1", "办公室科室", "SV-DW1", OrganizationKind.Branch, "five-good/department", 8, 0);
        await app.AddOrganizationAsync("SV-ZB2", "别处党支部", "SV-DW2", OrganizationKind.Branch, "one-plus-n/operations", 10, 3);
        await app.AddUserAsync("sv-root", Role.OrgAdmin, Organization.RootCode);
        await app.AddUserAsync("sv-admin", Role.OrgAdmin, "SV-DW1");
        await app.AddUserAsync("sv-assessor", Role.Assessor, "SV-DW1");
        await app.AddUserAsync("sv-admin2", Role.OrgAdmin, "SV-DW2");
        await app.AddUserAsync("sv-secretary", Role.Secretary, "SV-ZB1");
        await app.AddUserAsync("sv-leader", Role.Leader, "SV-DW1");
        await app.AddUserAsync("sv-auditor", Role.Auditor, Organization.RootCode);
        await app.AddUserAsync("sv-sysadmin", Role.SysAdmin, Organization.RootCode);
        // Opened by the same service as the API and the periods page (the browser fixture has no in-memory client).
        var period = await app.WithScopeAsync(sp => sp.GetRequiredService<PeriodOpening>().OpenAsync(new AssessmentQuarter(2026, 4), "sv-root", null, CancellationToken.None));
        return period!.Id;
    }

    public static async Task<JsonElement> CreateAsync(HttpClient client, int periodId, string branchCode, string opensOn = "2026-11-20", string closesOn = "2026-11-30")
    {
        var response = await client.PostAsJsonAsync("/api/v1/surveys", new { periodId, branchCode, opensOn, closesOn });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<List<string>> IssueAsync(HttpClient client, int surveyId, string raterGroup, int count)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/surveys/{surveyId}/invitations", new { raterGroup, count });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("invitations").EnumerateArray().Select(i => i.GetProperty("link").GetString()!).ToList();
    }

    public static string PathOf(string link) => new Uri(link).AbsolutePath;

    /// <summary>Opens the link anonymously and answers every question with <paramref name="score"/>; returns the POST's response.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(AppFactory app, string link, int score)
    {
        var client = app.CreateClient();
        var path = PathOf(link);
        var form = await client.GetAsync(path);
        Assert.True(form.StatusCode == HttpStatusCode.OK, await form.Content.ReadAsStringAsync());
        var html = await form.Content.ReadAsStringAsync();
        var fields = QuestionField().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(fields);
        var values = fields.ToDictionary(f => f, _ => score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        values["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }
}
