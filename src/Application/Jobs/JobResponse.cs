namespace Catalog.Application.Jobs;

/// <summary>One job as the back office sees it. <see cref="LastOutcome"/> is running, succeeded, failed or cancelled.</summary>
public sealed record JobResponse(string Name, string Schedule, DateTimeOffset? LastRunAt, string? LastOutcome, DateTimeOffset? NextRunAt);

/// <summary>The answer to a run request: the run is queued, not finished.</summary>
public sealed record JobRunRequestedResponse(string Name, DateTimeOffset RequestedAt);
