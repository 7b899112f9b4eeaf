using Catalog.WebApi.Infrastructure;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Hardening;

/// <summary>
/// On SIGTERM: readiness turns 503 at once, then the server keeps serving for the drain delay so that the load
/// balancer stops routing here before connections are refused; the host then waits for in-flight requests and
/// background services within <see cref="ShutdownOptions.TimeoutSeconds"/>.
/// </summary>
internal sealed class GracefulShutdown(ShutdownState state, IOptions<ShutdownOptions> options, IHostEnvironment environment, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.Stopping = true;
        var delay = TimeSpan.FromSeconds(options.Value.DrainDelaySeconds ?? (environment.IsDevelopment() ? 0 : 5));
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        logger.LogInformation("Stopping: readiness reports 503; serving for {Delay} s more before refusing connections", delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop draining.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
