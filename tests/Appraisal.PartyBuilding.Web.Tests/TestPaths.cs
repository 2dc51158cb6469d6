using System.Reflection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Folders the build tells the tests about (see the project file).</summary>
internal static class TestPaths
{
    public static string Packs => Metadata("PacksPath");

    public static string FixturePacks => Metadata("FixturePacksPath");

    public static string Screenshots => Metadata("ScreenshotsPath");

    /// <summary>The repository's root folder (for tests that read the sources, e.g. the views).</summary>
    public static string Repository => Metadata("RepositoryPath");

    /// <summary>The scheduler cluster test's node executable (a dll run with <c>dotnet</c>).</summary>
    public static string SchedulerNode => Metadata("SchedulerNodePath");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
