namespace Appraisal.PartyBuilding.Data;

/// <summary>
/// One key of ASP.NET Core's data-protection key ring (which protects sign-in cookies and antiforgery tokens), kept in
/// the database so that every node of a cluster, and the same node after a restart or a redeployment, reads the same
/// keys. The XML is written and read by the framework only.
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
