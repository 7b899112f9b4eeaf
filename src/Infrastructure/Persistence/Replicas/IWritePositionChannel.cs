namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// How a write's position is taken from the primary and shared with the other instances (ADR-100). This one shares it
/// through LISTEN/NOTIFY on the primary (<see cref="NotifyWritePositionChannel"/>, with
/// <see cref="WritePositionListener"/>) or not at all (<see cref="LocalWritePositionChannel"/>, one instance); a Redis
/// variant would take the position the same way, publish it to a channel and subscribe to it in its own listener.
/// </summary>
public interface IWritePositionChannel
{
    /// <summary>The primary's position now (after the caller's commit), already announced to the other instances.</summary>
    Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken);
}
