using Catalog.Domain.Common;

namespace Catalog.Application.Common.Paging;

/// <summary>
/// Opaque keyset cursors: the last row's sort key, serialized and signed (HMAC-SHA256) so that a client
/// cannot forge or alter one. A cursor is bound to a <c>scope</c> (the list and its sort) so that one list's
/// cursor is refused by another.
/// </summary>
public interface ICursorCodec
{
    string Encode<T>(string scope, T position);

    /// <summary>Decodes a cursor; a tampered, truncated or foreign one is a 400 validation error on <c>cursor</c>.</summary>
    Result<T> Decode<T>(string scope, string cursor);
}
