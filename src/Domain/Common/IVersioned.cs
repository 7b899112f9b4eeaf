namespace Catalog.Domain.Common;

/// <summary>An aggregate whose row version (PostgreSQL's xmin) is its ETag: writes check it against If-Match.</summary>
public interface IVersioned
{
    uint Version { get; }
}
