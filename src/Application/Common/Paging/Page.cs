namespace Catalog.Application.Common.Paging;

/// <summary>A keyset page: <c>{ items, nextCursor }</c>; nextCursor is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Page-size rules of the contract: default 20, at most 100.</summary>
public static class PageLimits
{
    public const int Default = 20;
    public const int Max = 100;
}
