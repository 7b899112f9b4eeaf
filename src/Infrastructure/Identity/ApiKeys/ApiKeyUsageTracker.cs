using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>
/// Remembers each key's last use in memory and writes them in one batched UPDATE every
/// <see cref="ApiKeyOptions.UsageFlushSeconds"/> (and at shutdown): no database write per request.
/// </summary>
public sealed class ApiKeyUsageTracker(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        UPDATE api_keys AS k SET last_used_at = v.used_at
        FROM unnest(@Ids, @Times) AS v(id, used_at)
        WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.used_at)
        """;

    private ConcurrentDictionary<Guid, DateTime> _pending = new();

    public void Touch(Guid apiKeyId, DateTimeOffset now) => _pending[apiKeyId] = now.UtcDateTime;

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTime>());
        if (batch.IsEmpty)
        {
            return 0;
        }

        var ids = batch.Keys.ToArray();
        var times = ids.Select(id => batch[id]).ToArray();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Ids = ids, Times = times }, cancellationToken: cancellationToken));
        }
        catch
        {
            // Keep the batch for the next flush (a newer use wins).
            foreach (var (id, at) in batch)
            {
                _pending.AddOrUpdate(id, at, (_, existing) => existing > at ? existing : at);
            }

            throw;
        }
    }
}

internal sealed class ApiKeyUsageFlusher(ApiKeyUsageTracker tracker, IOptions<ApiKeyOptions> options, ILogger<ApiKeyUsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.UsageFlushSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tracker.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not record API-key last use; will retry at the next flush");
        }
    }
}
