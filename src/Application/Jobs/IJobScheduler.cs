namespace Catalog.Application.Jobs;

/// <summary>The background jobs: what is scheduled, how the last run went, and a way to run one now.</summary>
public interface IJobScheduler
{
    Task<IReadOnlyList<JobResponse>> ListAsync(CancellationToken cancellationToken);

    bool Exists(string name);

    /// <summary>Queues one run of <paramref name="name"/> now; one instance of the cluster picks it up.</summary>
    Task TriggerAsync(string name, Guid? requestedBy, CancellationToken cancellationToken);
}
