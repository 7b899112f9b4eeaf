namespace Catalog.Application.Common.Identity;

/// <summary>Queues mail in <c>email_outbox</c>, in the command's transaction; a job delivers it.</summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(string recipient, string subject, string body, CancellationToken cancellationToken);

    /// <summary>The same statement as <see cref="EnqueueAsync(string, string, string, CancellationToken)"/>, which writes the mail only when <paramref name="send"/> is true.</summary>
    Task EnqueueAsync(string recipient, string subject, string body, bool send, CancellationToken cancellationToken);
}
