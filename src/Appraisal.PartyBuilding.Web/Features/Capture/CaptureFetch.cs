using System.Net;
using Appraisal.PartyBuilding.Core.Capture;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Appraisal.PartyBuilding.Web.Features.Capture;

/// <summary>
/// One GET of a source's address with the configured time limit and size limit. Redirects are not followed (a
/// redirect could lead past the host allow-list); the address is checked again before each request, since the
/// allow-list may have changed since it was saved. The credential header is added here and nowhere else is it read.
/// </summary>
public sealed class CaptureFetch(IHttpClientFactory clients, IDataProtectionProvider protection, IOptions<CaptureOptions> options)
{
    public const string ClientName = "capture";

    /// <summary>The body, or why there is none (in Chinese; never the credential).</summary>
    public async Task<(byte[]? Body, string? Error)> GetAsync(CaptureSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var settings = options.Value;
        if (CaptureSources.UrlProblem(source.Url, settings) is { } problem)
        {
            return (null, problem);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
        request.Headers.Accept.ParseAdd(source.Format == CaptureFormat.Csv ? "text/csv" : "application/json");
        if (source.TokenHeader is { } header && source.ProtectedToken is { } protectedToken)
        {
            string token;
            try
            {
                token = protection.CreateProtector(CaptureSources.TokenPurpose).Unprotect(protectedToken);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return (null, "保存的令牌无法解密（密钥已更换）：请重新填写令牌");
            }

            request.Headers.TryAddWithoutValidation(header, token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return (null, $"数据源返回了重定向（HTTP {status}），系统不跟随重定向：请填写最终地址");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"数据源返回 HTTP {status}（{response.ReasonPhrase}）");
            }

            if (response.Content.Headers.ContentLength > settings.MaxResponseBytes)
            {
                return (null, TooLarge(settings));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > settings.MaxResponseBytes)
                {
                    return (null, TooLarge(settings));
                }

                body.Write(buffer, 0, read);
            }

            return (body.ToArray(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"数据源在{settings.Timeout.TotalSeconds:0.#}秒内没有响应（Capture:Timeout）");
        }
        catch (HttpRequestException e)
        {
            return (null, $"无法连接数据源（{Reason(e)}）");
        }
    }

    /// <summary>The address as shown in the audit log and messages: without its query, which may carry a key.</summary>
    public static string Shown(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;

    private static string TooLarge(CaptureOptions settings) => $"数据源返回的内容超过{settings.MaxResponseBytes / 1024}KB 的上限（Capture:MaxResponseBytes）";

    private static string Reason(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "域名无法解析",
        HttpRequestError.ConnectionError => "连接被拒绝或网络不可达",
        HttpRequestError.SecureConnectionError => "HTTPS 安全连接失败",
        _ => e.StatusCode is { } code ? $"HTTP {(int)code}" : "网络错误",
    };
}
