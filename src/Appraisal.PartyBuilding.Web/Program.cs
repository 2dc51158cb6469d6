using Appraisal.PartyBuilding.Web;

// One executable, two uses: with a verb (users add, tokens create, db migrate) it runs that command against
// the configured database and exits; otherwise it serves the web app. `--demo` loads the demo organization.
var app = AppHost.Build(AppHost.ExpandFlags(args));
if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(app, args);
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
