using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Catalog.Infrastructure.Identity;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Sends the mail written to email_outbox through SMTP when <c>Smtp:Host</c> is set. A batch is claimed by pushing
/// its next_attempt_at past a lease, so a run that dies leaves its messages to be retried after the lease; a failure
/// counts an attempt, keeps the error and backs off exponentially; after MaxAttempts a message stays undelivered.
/// The body is stored encrypted (<see cref="OutboxBodyProtector"/>) and is emptied once the message is sent, has used its
/// last attempt, or cannot be decrypted (the key changed): a link with its token is never kept readable at rest.
/// </summary>
internal sealed class MailDeliveryJob(
    NpgsqlDataSource dataSource,
    IOptions<JobsOptions> options,
    IOptions<SmtpOptions> smtpOptions,
    OutboxBodyProtector protector,
    TimeProvider time,
    ILogger<MailDeliveryJob> logger) : IMaintenanceJob
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const string ClaimSql = """
        UPDATE email_outbox SET next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM email_outbox
                     WHERE sent_at IS NULL AND next_attempt_at <= @now AND attempts < @max_attempts
                     ORDER BY next_attempt_at
                     LIMIT @batch
                     FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, body, attempts
        """;

    // A sent message's body (a verification or reset link with its token) is not kept: the link lives in the inbox only.
    private const string SentSql = "UPDATE email_outbox SET sent_at = @now, attempts = attempts + 1, last_error = NULL, body = '' WHERE id = @id";

    // The last attempt empties the body too: a message that will never be sent has no reason to keep its link.
    private const string FailedSql = """
        UPDATE email_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next,
                                body = CASE WHEN attempts + 1 >= @max_attempts THEN '' ELSE body END
        WHERE id = @id
        """;

    // Sealed with another key (Jwt:SigningKey rotated) or not sealed at all: never sent garbled, never retried.
    private const string UndecryptableSql = """
        UPDATE email_outbox SET attempts = GREATEST(attempts, @max_attempts), body = '',
                                last_error = 'The body cannot be decrypted with the current key (Jwt:SigningKey changed?); the message is dropped.'
        WHERE id = @id
        """;

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var smtp = smtpOptions.Value;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return 0;
        }

        var settings = options.Value.MailDelivery;
        var messages = await ClaimAsync(settings, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        using var client = CreateClient(smtp);
        long sent = 0;
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!protector.TryUnprotect(message.Body, out var body))
            {
                logger.LogError("Mail {MessageId} cannot be decrypted with the current key; it is dropped", message.Id);
                await MarkAsync(UndecryptableSql, message.Id, ("max_attempts", settings.MaxAttempts));
                continue;
            }

            try
            {
                using var mail = new MailMessage(smtp.From, message.Recipient, message.Subject, body);
                await client.SendMailAsync(mail, cancellationToken);
                await MarkAsync(SentSql, message.Id, ("now", time.GetUtcNow()));
                sent++;
            }
            catch (Exception ex) when (ex is SmtpException or InvalidOperationException or FormatException or IOException)
            {
                var delay = Backoff(settings, message.Attempts);
                logger.LogWarning(ex, "Mail {MessageId} not delivered (attempt {Attempt}); next try in {Delay}", message.Id, message.Attempts + 1, delay);
                await MarkAsync(FailedSql, message.Id, ("error", Truncate(ex.Message)), ("next", time.GetUtcNow() + delay), ("max_attempts", settings.MaxAttempts));
            }
        }

        return sent;
    }

    internal static TimeSpan Backoff(MailDeliveryOptions settings, int previousAttempts)
    {
        var factor = Math.Pow(2, Math.Min(previousAttempts, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.InitialBackoff.Ticks * factor, settings.MaxBackoff.Ticks));
        return delay < settings.InitialBackoff ? settings.InitialBackoff : delay;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(MailDeliveryOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = new List<OutboxMessage>();
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + Lease);
        command.Parameters.AddWithValue("max_attempts", settings.MaxAttempts);
        command.Parameters.AddWithValue("batch", settings.BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboxMessage(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return messages;
    }

    private async Task MarkAsync(string sql, Guid id, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        // The message is out: record it even if shutdown has begun, or it would be sent twice.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static SmtpClient CreateClient(SmtpOptions smtp)
    {
        var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        return client;
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    private sealed record OutboxMessage(Guid Id, string Recipient, string Subject, string Body, int Attempts);
}
