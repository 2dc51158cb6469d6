using System.ComponentModel.DataAnnotations;

namespace Appraisal.PartyBuilding.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the embedded default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// ADO.NET connection string. For SQLite a relative <c>Data Source</c> is resolved against the app's
    /// content root; when empty, SQLite uses <c>App_Data/appraisal.db</c>.
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    public string ConnectionString { get; set; } = "";
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
