using Appraisal.PartyBuilding.Web;

// One executable, two uses: with a command (users add, tokens create, db migrate, audit verify) it runs that command
// against the configured database and exits; otherwise it serves the web app. `--demo` loads the demo organization.
// An unknown command prints the usage and exits 2 before anything is built: a typo never starts a server.
if (CommandLine.IsCommand(args) && CommandLine.RefuseUnknown(args) is { } usage)
{
    return usage;
}

var app = AppHost.Build(AppHost.ExpandFlags(args));
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
