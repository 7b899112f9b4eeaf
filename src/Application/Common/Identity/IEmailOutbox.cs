namespace Catalog.Application.Common.Identity;

/// <summary>Queues mail in <c>email_outbox</c>, in the command's transaction; a job delivers it.</summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(string recipient, string subject, string body, CancellationToken cancellationToken);
}
