using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appraisal.PartyBuilding.Data;

/// <summary>
/// A transaction in which one kind of "read what is stored, then insert what is new" runs alone, so two parallel
/// batches cannot both miss each other's rows (where no unique key can say what a duplicate is). PostgreSQL: a
/// transaction-scoped advisory lock named after the kind, released at commit or rollback. SQLite: every transaction is
/// <c>BEGIN IMMEDIATE</c> and holds the single write lock already.
/// </summary>
public static class SerializedWrites
{
    public static async Task<IDbContextTransaction> BeginAsync(DbContext context, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (context.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("appraisal/" + kind)), 0);
            await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [key], cancellationToken);
        }

        return transaction;
    }
}
