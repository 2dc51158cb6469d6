using Microsoft.EntityFrameworkCore;

namespace Appraisal.PartyBuilding.Web.Platform;

/// <summary>
/// One page of a list read from the database: the rows of the page and the total counted by the database, so that
/// a counter shows every matching row however long the list (issue 11: counters stopped at the old cut of 500).
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

/// <summary>How every paged list reads its page: a bounded size, one COUNT and one ordered OFFSET/LIMIT query.</summary>
public static class ListPaging
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    /// <summary>The largest page number: the offset of its first row, (page − 1) × <see cref="MaxPageSize"/>, fits an <c>int</c>.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>
    /// The page number and size asked for, brought into range (page 1..<see cref="MaxPage"/>, size
    /// 1..<see cref="MaxPageSize"/>): a page past the list's end is empty, never an overflowing offset.
    /// </summary>
    public static (int Page, int PageSize) Clamp(int? page, int? pageSize, int defaultPageSize = DefaultPageSize) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? defaultPageSize, 1, MaxPageSize));

    /// <summary>Reads page <paramref name="page"/> of <paramref name="ordered"/>, which must have a total order.</summary>
    public static async Task<ListPage<T>> ToListPageAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<T>(items, page, pageSize, total);
    }
}

/// <summary>How a paged API answers: the body is the page's array, the totals travel in headers.</summary>
public static class ListPageHeaders
{
    public static void AddPageHeaders<T>(this HttpResponse response, ListPage<T> list)
    {
        response.Headers["X-Total-Count"] = list.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Page"] = list.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Page-Size"] = list.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Page-Count"] = list.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>What the shared pager (<c>_Pager.cshtml</c>) shows: where it is and the address of another page.</summary>
public sealed record Pager(int Page, int PageCount, int Total, Func<int, string> Url)
{
    public static Pager For<T>(ListPage<T> list, Func<int, string> url) => new(list.Page, list.PageCount, list.Total, url);
}
