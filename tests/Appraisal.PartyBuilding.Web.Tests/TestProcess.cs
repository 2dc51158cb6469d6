using System.Runtime.CompilerServices;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Settings of the test process itself, made before any test app is built.</summary>
internal static class TestProcess
{
    /// <summary>
    /// Every test app would watch its settings files for changes, one inotify instance each, and Debian's per-user
    /// limit is 128: with many apps alive at once (more with a second test run beside this one) the limit was reached
    /// and apps failed to start. Test apps never need to see their settings change. Set in the process, not in
    /// tests/run.sh, because <c>dotnet test</c> does not pass <c>DOTNET_*</c> variables on to the test host; the app
    /// processes the tests start (command line, scheduler nodes) inherit them from here.
    /// </summary>
    [ModuleInitializer]
    internal static void DoNotWatchSettingsFiles()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
