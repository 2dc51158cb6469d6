using System.Xml.Linq;
using Appraisal.PartyBuilding.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// ASP.NET Core data protection's key repository on the app's database (<see cref="DataProtectionKey"/>): every node
/// of a cluster and every restart reads the same key ring, so sign-in cookies stay valid. The framework decides when
/// keys are created and rotated; this only stores and reads them.
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        // Read only: tracking the rows would put EF Core's change tracker on the start path for nothing.
        return db.DataProtectionKeys.AsNoTracking().AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppraisalDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
