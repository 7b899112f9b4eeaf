using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Persistence;
using Dapper;

namespace Catalog.Infrastructure.Identity;

internal sealed class EmailOutbox(CatalogDbContext db, OutboxBodyProtector protector, TimeProvider time) : IEmailOutbox
{
    private const string Insert = """
        INSERT INTO email_outbox (id, recipient, subject, body, created_at, next_attempt_at)
        SELECT @Id, @Recipient, @Subject, @Body, @Now, @Now WHERE @Send
        """;

    public Task EnqueueAsync(string recipient, string subject, string body, CancellationToken cancellationToken) =>
        EnqueueAsync(recipient, subject, body, send: true, cancellationToken);

    public async Task EnqueueAsync(string recipient, string subject, string body, bool send, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Insert, new { Id = Guid.CreateVersion7(now), Recipient = recipient, Subject = subject, Body = protector.Protect(body), Now = now, Send = send }, transaction, cancellationToken: cancellationToken));
    }
}
