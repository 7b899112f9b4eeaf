namespace Catalog.Infrastructure.Database;

/// <summary>
/// The system clock cut to PostgreSQL's timestamptz precision (microseconds), so that a timestamp returned by a
/// write is exactly what a later read returns — not a value 100 ns finer that the database then rounds away.
/// </summary>
public sealed class DatabaseTimeProvider : TimeProvider
{
    public static readonly DatabaseTimeProvider Instance = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long GetTimestamp() => System.GetTimestamp();
}
