namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// How a write's position is taken from the primary and shared with the other instances, and how a read learns the
/// newest one (ADR-100, ADR-107): through a Redis key read at each read's start (<see cref="RedisWritePositionChannel"/>,
/// when <c>ConnectionStrings:Redis</c> is set), through LISTEN/NOTIFY on the primary (<see cref="NotifyWritePositionChannel"/>,
/// with <see cref="WritePositionListener"/>) or not at all (<see cref="LocalWritePositionChannel"/>, one instance).
/// </summary>
public interface IWritePositionChannel
{
    /// <summary>The primary's position now (after the caller's commit), already announced to the other instances.</summary>
    Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The newest position announced before this call began, by any instance, or null when it cannot be known now (the
    /// shared store is unreachable): the read then goes to the primary rather than risk an old state.
    /// </summary>
    ValueTask<ulong?> NewestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// When a read cannot learn every position announced before it starts (NOTIFY, ADR-113): the lease a write must see
    /// the replica replay it within, or outwait, before it answers. Null: a read learns them all (Redis) or there is one
    /// instance (Local).
    /// </summary>
    PositionLease? WritesOutwait { get; }

    /// <summary>Why positions cannot be shared now, for readiness; null when they can.</summary>
    string? Unavailable { get; }
}
