using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// The response headers every page and API answer carries. Scripts come only from this site's own files (no inline
/// script anywhere: the pages' scripts live in <c>wwwroot/js</c> and read their data from <c>data-</c> attributes);
/// inline styles stay allowed because Bootstrap's markup and ECharts set <c>style</c> attributes.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set when the response starts, so error pages and problem details (which reset the headers) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}

/// <summary>
/// Cross-site request forgery on the API: a write (POST, PUT, PATCH, DELETE under <c>/api</c>) authenticated by the
/// sign-in cookie must come from a page of this site, shown by its <c>Origin</c> (or, when a browser sends none, its
/// <c>Referer</c>) matching the request's own scheme and host. Bearer-token calls carry no ambient credential and are
/// not checked. The pages post forms to their controllers, which check the antiforgery token instead.
/// </summary>
public static class SameOriginApiWrites
{
    public static IApplicationBuilder UseSameOriginApiWrites(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api")
                && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
                && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme }
                && !IsSameOrigin(request))
            {
                await Results.Problem(
                        title: "跨站请求被拒绝",
                        detail: "使用登录会话调用接口写入数据时，请求必须来自本系统的页面（Origin 或 Referer 与本站一致）；其他系统请使用 API 令牌（Authorization: Bearer）。",
                        statusCode: StatusCodes.Status403Forbidden)
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    public static bool IsSameOrigin(HttpRequest request)
    {
        var expected = $"{request.Scheme}://{request.Host.Value}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null")
        {
            return string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && string.Equals($"{referer.Scheme}://{referer.Authority}", expected, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The <c>ForwardedHeaders</c> section: which reverse proxies are trusted to say the client's scheme and address.</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies (e.g. <c>10.0.0.5</c>). Loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Trusted proxy networks in CIDR form (e.g. <c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Applies the section to the framework's options: X-Forwarded-For and X-Forwarded-Proto are honoured from these
    /// proxies only, so a request that reached the proxy over HTTPS is HTTPS here and gets Secure cookies.
    /// </summary>
    public static void Configure(ForwardedHeadersOptions options, ProxyOptions proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in proxies.KnownProxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }

        foreach (var network in proxies.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
