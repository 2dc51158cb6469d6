using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Appraisal.PartyBuilding.Core.Accounts;
using Appraisal.PartyBuilding.Core.Organizations;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Web.Features.Records;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>A scanner that refuses the EICAR anti-virus test file, as a real scanner does: proves the plug-in's refusal path.</summary>
internal sealed class EicarScanner : IAttachmentScanner
{
    public Task<AttachmentScanResult> ScanAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken) =>
        Task.FromResult(content.Span.IndexOf(Encoding.ASCII.GetBytes(RecordTestSupport.Eicar)) >= 0
            ? AttachmentScanResult.Infected("检出EICAR测试病毒")
            : AttachmentScanResult.Clean);
}

/// <summary>The app with small attachment limits (4 KB a file, 6 KB a record, 3 files) and the EICAR scanner plugged in.</summary>
public sealed class ScannedApp() : AppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Attachments:MaxFileBytes", "4096");
        builder.UseSetting("Attachments:MaxRecordBytes", "6144");
        builder.UseSetting("Attachments:MaxFilesPerRecord", "3");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IAttachmentScanner>();
            services.AddSingleton<IAttachmentScanner, EicarScanner>();
        });
    }
}

/// <summary>Attachment limits from options, the pluggable virus scan, and the phone form saving a record and its files all or nothing.</summary>
public sealed class AttachmentTests(ScannedApp app) : IClassFixture<ScannedApp>
{
    private async Task<HttpClient> SecretaryAsync()
    {
        if (!await app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().Users.AnyAsync(u => u.Login == "at-secretary")))
        {
            await app.AddOrganizationAsync("AT-ZB", "附件测试党支部", Organization.RootCode, OrganizationKind.Branch, "one-plus-n/support", 12, 3, "一组");
            await app.AddUserAsync("at-secretary", Role.Secretary, "AT-ZB");
        }

        return await app.BearerClientAsync("at-secretary");
    }

    private async Task<long> RecordAsync(HttpClient client, string date)
    {
        var response = await client.PostAsJsonAsync("/api/v1/records", new { type = "theme-day", date, expected = 12, present = 11, topic = "重温入党誓词" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    private int StoredFiles() => Directory.Exists(app.AttachmentsPath) ? Directory.GetFiles(app.AttachmentsPath, "*", SearchOption.AllDirectories).Length : 0;

    private Task<int> AttachmentRowsAsync() => app.WithScopeAsync(s => s.GetRequiredService<AppraisalDbContext>().MeetingAttachments.CountAsync());

    private static async Task<string> FilesErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("errors").GetProperty("files")[0].GetString()!;
    }

    [Fact]
    public async Task A_file_the_scanner_rejects_is_refused_and_nothing_is_stored()
    {
        var client = await SecretaryAsync();
        var id = await RecordAsync(client, "2026-10-20");
        var files = StoredFiles();
        var rows = await AttachmentRowsAsync();

        var response = await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files(
            (RecordTestSupport.Png, "签到表.png", "image/png"),
            (RecordTestSupport.Pdf(RecordTestSupport.Eicar), "会议纪要.pdf", "application/pdf")));

        Assert.Equal("附件“会议纪要.pdf”未通过病毒扫描：检出EICAR测试病毒", await FilesErrorAsync(response));
        Assert.Equal(files, StoredFiles());
        Assert.Equal(rows, await AttachmentRowsAsync());

        var clean = await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files((RecordTestSupport.Pdf("clean"), "会议纪要.pdf", "application/pdf")));
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
        Assert.Equal(files + 1, StoredFiles());
    }

    [Fact]
    public async Task Size_limits_per_file_per_record_and_the_file_count_come_from_options()
    {
        var client = await SecretaryAsync();
        var id = await RecordAsync(client, "2026-10-21");

        Assert.Equal("附件“大照片.jpg”大小为4.9 KB，超过单个文件4 KB的上限",
            await FilesErrorAsync(await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files((RecordTestSupport.Jpeg(5000), "大照片.jpg", "image/jpeg")))));
        Assert.Equal("每条记录最多3个附件（已有0个，本次4个）",
            await FilesErrorAsync(await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files(
                (RecordTestSupport.Png, "1.png", "image/png"), (RecordTestSupport.Png, "2.png", "image/png"),
                (RecordTestSupport.Png, "3.png", "image/png"), (RecordTestSupport.Png, "4.png", "image/png")))));

        var first = await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files(
            (RecordTestSupport.Jpeg(3000), "现场1.jpg", "image/jpeg"), (RecordTestSupport.Jpeg(3000), "现场2.jpg", "image/jpeg")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("每条记录的附件合计不能超过6 KB（已有5.9 KB，本次2.9 KB）",
            await FilesErrorAsync(await client.PostAsync($"/api/v1/records/{id}/attachments", RecordTestSupport.Files((RecordTestSupport.Jpeg(3000), "现场3.jpg", "image/jpeg")))));
        Assert.Equal(2, (await (await client.GetAsync($"/api/v1/records/{id}")).JsonAsync()).GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task The_phone_form_saves_neither_the_record_nor_any_file_when_one_attachment_is_refused()
    {
        await SecretaryAsync();
        var client = await app.SignedInClientAsync("at-secretary");
        var records = await app.CountRecordsAsync();
        var files = StoredFiles();

        var refused = await PostFormAsync(client, "2026-10-22", (RecordTestSupport.Png, "签到表.png"), (RecordTestSupport.Pdf(RecordTestSupport.Eicar), "纪要.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("未通过病毒扫描", await refused.Content.ReadAsStringAsync());
        Assert.Equal(records, await app.CountRecordsAsync());
        Assert.Equal(files, StoredFiles());

        var saved = await PostFormAsync(client, "2026-10-22", (RecordTestSupport.Png, "签到表.png"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Matches("^/records/[0-9]+\\?saved=created$", saved.Headers.Location!.OriginalString);
        Assert.Equal(records + 1, await app.CountRecordsAsync());
        Assert.Equal(files + 1, StoredFiles());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string date, params (byte[] Bytes, string Name)[] files)
    {
        var form = await client.GetStringAsync("/records/new");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("theme-day"), "Type" },
            { new StringContent(date), "Date" },
            { new StringContent("12"), "Expected" },
            { new StringContent("12"), "Present" },
            { new StringContent("主题党日：重温入党誓词"), "Topic" },
        };
        foreach (var (bytes, name) in files)
        {
            content.Add(new ByteArrayContent(bytes), "files", name);
        }

        return await client.PostAsync("/records/new", content);
    }

    [Fact]
    public void The_default_folder_is_App_Data_under_the_content_root_outside_wwwroot()
    {
        var root = Path.Combine(Path.GetTempPath(), "app-root");

        Assert.Equal(Path.Combine(root, "App_Data", "attachments"), RecordsRegistration.ResolvePath("", root));
        Assert.Equal(Path.Combine(root, "files"), RecordsRegistration.ResolvePath("files", root));
        Assert.Equal("/srv/attachments", RecordsRegistration.ResolvePath("/srv/attachments", root));
    }

    [Fact]
    public void Content_decides_the_type_not_the_name()
    {
        Assert.Equal("image/png", AttachmentStore.Detect(RecordTestSupport.Png)?.ContentType);
        Assert.Equal("image/jpeg", AttachmentStore.Detect(RecordTestSupport.Jpeg())?.ContentType);
        Assert.Equal("application/pdf", AttachmentStore.Detect(RecordTestSupport.Pdf())?.ContentType);
        Assert.Null(AttachmentStore.Detect("GIF89a"u8));
        Assert.Null(AttachmentStore.Detect([0xFF, 0xD8]));
        Assert.Null(AttachmentStore.Detect([]));
        Assert.Equal("会议纪要.pdf", AttachmentStore.DisplayName("C:\\Users\\王\\会议纪要.pdf"));
        Assert.Equal("passwd", AttachmentStore.DisplayName("../../etc/passwd"));
    }
}
