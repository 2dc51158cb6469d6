// The least an ASP.NET Core app does to answer /health: what the app's start-up is compared with.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
