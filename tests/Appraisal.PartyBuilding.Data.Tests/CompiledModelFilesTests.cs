using System.Reflection;
using Appraisal.PartyBuilding.Data;
using Appraisal.PartyBuilding.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;

namespace Appraisal.PartyBuilding.Data.Tests;

/// <summary>
/// The compiled model each provider starts with (<c>src/Appraisal.PartyBuilding.Data/CompiledModels</c>) is what the
/// model generates now: regenerated here exactly as <c>db/generate.sh</c> does with <c>dotnet ef dbcontext optimize</c>.
/// A model change without regenerating fails here, before the app runs with a model that no longer matches its code.
/// </summary>
public sealed partial class CompiledModelFilesTests
{
    private static readonly string RepoRoot = typeof(CompiledModelFilesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_checked_in_compiled_model_is_what_the_model_generates(DatabaseProvider provider)
    {
        var checkedIn = Path.Combine(RepoRoot, "src", "Appraisal.PartyBuilding.Data", "CompiledModels", provider.ToString());
        var generated = Path.Combine(Path.GetTempPath(), $"appraisal-compiled-model-{Guid.NewGuid():N}");
        try
        {
            var data = typeof(AppraisalDbContext).Assembly;
#pragma warning disable EF1001 // what dotnet ef dbcontext optimize runs; EF Core has no public API for it
            var operations = new DbContextOperations(
                new OperationReporter(handler: null), data, data, project: "Appraisal.PartyBuilding.Data.csproj", projectDir: generated,
                rootNamespace: "Appraisal.PartyBuilding.Data", language: "C#", nullable: true, args: [provider.ToString()]);
            operations.Optimize(generated, $"Appraisal.PartyBuilding.Data.CompiledModels.{provider}", nameof(AppraisalDbContext),
                suffix: null, scaffoldModel: true, precompileQueries: false, nativeAot: false);
#pragma warning restore EF1001
            // db/generate.sh deletes it too: the app picks the provider's model itself.
            File.Delete(Path.Combine(generated, "AppraisalDbContextAssemblyAttributes.cs"));

            Assert.True(Directory.Exists(checkedIn), $"CompiledModels/{provider} is missing: run db/generate.sh");
            Assert.Equal(Files(generated).Keys, Files(checkedIn).Keys);
            foreach (var (name, text) in Files(generated))
            {
                var old = Files(checkedIn)[name];
                Assert.True(
                    text == old,
                    $"CompiledModels/{provider}/{name} is stale (the model changed): run db/generate.sh and commit the result. {FirstDifference(old, text)}");
            }
        }
        finally
        {
            if (Directory.Exists(generated))
            {
                Directory.Delete(generated, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_app_context_runs_on_the_compiled_model_of_its_provider(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var builder = new DbContextOptionsBuilder<AppraisalDbContext>();
        builder.UseAppraisalProvider(database.Options).UseModel(DatabaseRegistration.CompiledModel(provider));
        await using var context = new AppraisalDbContext(builder.Options);

        var root = await context.Organizations.SingleAsync();

        Assert.Equal(Core.Organizations.Organization.RootCode, root.Code);
        Assert.Same(DatabaseRegistration.CompiledModel(provider), context.Model);
    }

    private static string FirstDifference(string checkedIn, string generated)
    {
        var (a, b) = (checkedIn.Split('\n'), generated.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"First difference at line {line + 1}: checked in \"{a.ElementAtOrDefault(line)?.Trim()}\", generated \"{b.ElementAtOrDefault(line)?.Trim()}\".";
    }

    private static SortedDictionary<string, string> Files(string directory) =>
        new(Directory.GetFiles(directory, "*.cs").ToDictionary(f => Path.GetFileName(f), f => ModelId().Replace(File.ReadAllText(f).ReplaceLineEndings("\n"), "modelId: new Guid(any)")), StringComparer.Ordinal);

    /// <summary>Each generation draws a new random model id; it identifies the model instance, not its content.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();
}
