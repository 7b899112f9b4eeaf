using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Jobs.Queries.ListJobs;

/// <summary>Every background job with its schedule, last run and next run.</summary>
[Authorize(Permissions.JobsRead)]
public sealed record ListJobsQuery : IQuery<IReadOnlyList<JobResponse>>;

internal sealed class ListJobsQueryHandler(IJobScheduler scheduler) : IQueryHandler<ListJobsQuery, IReadOnlyList<JobResponse>>
{
    public async Task<Result<IReadOnlyList<JobResponse>>> Handle(ListJobsQuery request, CancellationToken cancellationToken) =>
        Result.Success(await scheduler.ListAsync(cancellationToken));
}
