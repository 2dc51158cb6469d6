using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// A query of a page that runs on every request, translated once (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, IQueryable{TResult}}})"/>)
/// instead of on every call. EF binds a compiled query to the model it first runs on, and one process may hold several
/// models (the tests run the SQLite and the PostgreSQL app side by side), so the query is compiled once per model.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> byModel = new();

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db) => byModel.GetOrAdd(db.Model, _ => compile());
}
