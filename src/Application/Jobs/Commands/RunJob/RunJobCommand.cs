using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Jobs.Commands.RunJob;

/// <summary>Queues one run of a background job now (the run itself is recorded when an instance executes it).</summary>
[Authorize(Permissions.JobsRun)]
public sealed record RunJobCommand(string Name) : ICommand<JobRunRequestedResponse>;

internal sealed class RunJobCommandHandler(IJobScheduler scheduler, IAuditTrail audit, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<RunJobCommand, JobRunRequestedResponse>
{
    public async Task<Result<JobRunRequestedResponse>> Handle(RunJobCommand request, CancellationToken cancellationToken)
    {
        if (!scheduler.Exists(request.Name))
        {
            return Error.NotFound("job", request.Name);
        }

        audit.Record(new AuditEntry(
            $"job.{request.Name}.run_requested",
            "job",
            null,
            Metadata: new Dictionary<string, object?> { ["job"] = request.Name }));
        await scheduler.TriggerAsync(request.Name, currentUser.UserId, cancellationToken);
        return new JobRunRequestedResponse(request.Name, time.GetUtcNow());
    }
}
