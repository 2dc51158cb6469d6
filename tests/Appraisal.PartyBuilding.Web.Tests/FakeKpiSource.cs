using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>
/// Another system's KPI endpoint, for real: a Kestrel server on 127.0.0.1 with a random port, serving whatever
/// <see cref="Body"/> holds (JSON or CSV), failing with HTTP 500 for the next <see cref="FailNext"/> requests, and
/// recording the credential header each request carried.
/// </summary>
public sealed class FakeKpiSource : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failNext;
    private int requests;

    private FakeKpiSource(WebApplication app) => this.app = app;

    public string Body { get; set; } = "[]";

    public string ContentType { get; set; } = "application/json";

    /// <summary>The value of the <c>X-Api-Key</c> header of the last request; null when it had none.</summary>
    public string? LastKey { get; private set; }

    public int Requests => Volatile.Read(ref requests);

    public int FailNext
    {
        get => Volatile.Read(ref failNext);
        set => Volatile.Write(ref failNext, value);
    }

    public string Url { get; private set; } = "";

    public static async Task<FakeKpiSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var source = new FakeKpiSource(app);
        app.MapGet("/kpi", (HttpContext context) =>
        {
            Interlocked.Increment(ref source.requests);
            source.LastKey = context.Request.Headers["X-Api-Key"].FirstOrDefault();
            if (Interlocked.Decrement(ref source.failNext) >= 0)
            {
                return Results.Text("服务暂不可用", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
            }

            Interlocked.Exchange(ref source.failNext, 0);
            return Results.Text(source.Body, source.ContentType);
        });
        await app.StartAsync();
        source.Url = app.Urls.First() + "/kpi";
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
