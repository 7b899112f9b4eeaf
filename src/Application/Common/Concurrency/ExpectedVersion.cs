using Catalog.Domain.Common;

namespace Catalog.Application.Common.Concurrency;

/// <summary>What a write expects of the row version it changes: an If-Match it must send, may send, or none.</summary>
public readonly record struct ExpectedVersion(uint? IfMatch, bool Required)
{
    /// <summary>PUT, PATCH and DELETE: no If-Match is a 428, a stale one a 412.</summary>
    public static ExpectedVersion MustMatch(uint? ifMatch) => new(ifMatch, true);

    /// <summary>Restores, moves and state changes: checked only when the client sent it.</summary>
    public static ExpectedVersion MatchWhenSent(uint? ifMatch) => new(ifMatch, false);

    /// <summary>Writes that take no If-Match at all.</summary>
    public static ExpectedVersion Any => new(null, false);

    public Result Check(object aggregate) => aggregate switch
    {
        IVersioned versioned when Required => Concurrency.IfMatch.Check(IfMatch, versioned.Version),
        IVersioned versioned => Concurrency.IfMatch.CheckWhenSent(IfMatch, versioned.Version),
        _ => Result.Success(),
    };
}
