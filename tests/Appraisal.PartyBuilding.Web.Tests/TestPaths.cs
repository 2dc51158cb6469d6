using System.Reflection;

namespace Appraisal.PartyBuilding.Web.Tests;

/// <summary>Folders the build tells the tests about (see the project file).</summary>
internal static class TestPaths
{
    public static string Packs => Metadata("PacksPath");

    public static string FixturePacks => Metadata("FixturePacksPath");

    public static string Screenshots => Metadata("ScreenshotsPath");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
