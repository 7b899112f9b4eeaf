using System.Text.Json;
using Catalog.Application.Common.Caching;
using Npgsql;

namespace Catalog.Infrastructure.Caching;

/// <summary>
/// <c>pg_notify('catalog_changed', ...)</c> on the primary, after the command's commit. Every instance LISTENs
/// on that channel (<see cref="CatalogChangeListener"/>) and evicts its cache when a notification arrives.
/// </summary>
internal sealed class PostgresCatalogChangeBroadcaster(NpgsqlDataSource dataSource) : ICatalogChangeBroadcaster
{
    public const string Channel = "catalog_changed";

    // NOTIFY payloads must stay under 8000 bytes; a large batch is announced as "everything".
    private const int MaxListedChanges = 50;

    public async Task BroadcastAsync(IReadOnlyCollection<CatalogChange> changes, CancellationToken cancellationToken)
    {
        var payload = changes.Count > MaxListedChanges
            ? """{"all":true}"""
            : JsonSerializer.Serialize(new { changes = changes.Select(c => new { type = c.ResourceType, id = c.ResourceId }) });
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
