using Catalog.Domain.Common;

namespace Catalog.Application.Common.Events;

/// <summary>
/// Called with every domain event of a command once its transaction has committed (cache invalidation,
/// cross-instance notifications). Failures are logged, never turned into an error for the committed command.
/// </summary>
public interface IDomainEventsCommittedHandler
{
    Task OnCommittedAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
