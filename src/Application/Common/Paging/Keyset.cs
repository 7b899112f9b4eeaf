using Catalog.Domain.Common;

namespace Catalog.Application.Common.Paging;

/// <summary>
/// Where a keyset page starts: the decoded cursor's key (null on the first page), the page size, and the
/// <see cref="Take"/> of one row more than the page, whose presence says that a next page exists.
/// </summary>
public sealed record Keyset<TKey>(string Scope, TKey? After, int Limit)
    where TKey : class
{
    public bool HasKey => After is not null;

    public int Take => Limit + 1;
}

/// <summary>The one way a list reads a keyset page: decode the cursor, fetch limit + 1 rows, encode the next cursor.</summary>
public static class KeysetPaging
{
    /// <summary>Decodes <paramref name="cursor"/> for <paramref name="scope"/>; a bad cursor is the codec's 400.</summary>
    public static Result<Keyset<TKey>> Start<TKey>(this ICursorCodec cursors, string scope, string? cursor, int? limit)
        where TKey : class
    {
        var size = limit ?? PageLimits.Default;
        if (cursor is null)
        {
            return new Keyset<TKey>(scope, null, size);
        }

        var decoded = cursors.Decode<TKey>(scope, cursor);
        return decoded.IsFailure ? decoded.Error! : new Keyset<TKey>(scope, decoded.Value, size);
    }

    /// <summary>The page of the fetched rows: at most the limit, with the cursor of its last row when more follow.</summary>
    public static Page<TItem> ToPage<TKey, TRow, TItem>(this ICursorCodec cursors, Keyset<TKey> keyset, IReadOnlyList<TRow> rows, Func<TRow, TKey> keyOf, Func<TRow, TItem> map)
        where TKey : class
    {
        var next = rows.Count > keyset.Limit ? cursors.Encode(keyset.Scope, keyOf(rows[keyset.Limit - 1])) : null;
        return new Page<TItem>(rows.Take(keyset.Limit).Select(map).ToArray(), next);
    }
}
