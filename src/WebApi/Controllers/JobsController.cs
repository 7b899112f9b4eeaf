using Catalog.Application.Jobs;
using Catalog.Application.Jobs.Commands.RunJob;
using Catalog.Application.Jobs.Queries.ListJobs;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/admin/jobs")]
public sealed class JobsController : ApiControllerBase
{
    /// <summary>Every background job: schedule, last run, its outcome and the next run (jobs:read).</summary>
    [HttpGet]
    [EndpointName("listJobs")]
    [EndpointSummary("List background jobs")]
    [AuthorizeAs<ListJobsQuery>]
    [ProducesResponseType<IReadOnlyList<JobResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListJobsQuery(), cancellationToken));

    /// <summary>Queues one run of a job now (jobs:run); one instance of the cluster runs it.</summary>
    [HttpPost("{name}/run")]
    [EndpointName("runJob")]
    [EndpointSummary("Run a background job now")]
    [AuthorizeAs<RunJobCommand>]
    [ProducesResponseType<JobRunRequestedResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Run(string name, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new RunJobCommand(name), cancellationToken), accepted => Accepted(accepted));
}
