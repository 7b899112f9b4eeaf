using BenchmarkDotNet.Attributes;
using Catalog.Application;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// A trivial query sent through MediatR with every behaviour of the pipeline (logging, exception, authorization,
/// validation with one rule, transaction pass-through for queries, performance) against calling its handler directly.
/// Logging is at Warning, as the benchmark API runs: the Information line per request is not counted.
/// </summary>
[Config(typeof(QuickConfig))]
public class PipelineBenchmarks
{
    private IServiceProvider _root = null!;
    private IServiceScope _scope = null!;
    private IMediator _mediator = null!;
    private PingQueryHandler _handler = null!;
    private readonly PingQuery _query = new(42);

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication(configuration);
        DependencyInjection.RegisterClosedImplementations(services, typeof(PipelineBenchmarks).Assembly, typeof(IRequestHandler<,>));
        services.AddValidatorsFromAssembly(typeof(PipelineBenchmarks).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<ICurrentUser, AnonymousUser>();
        services.AddScoped<IUnitOfWork, NoUnitOfWork>();
        services.AddSingleton(TimeProvider.System);
        _root = services.BuildServiceProvider();
        _scope = _root.CreateScope();
        _mediator = _scope.ServiceProvider.GetRequiredService<IMediator>();
        _handler = new PingQueryHandler();
    }

    [GlobalCleanup]
    public void Cleanup() => _scope.Dispose();

    [Benchmark(Baseline = true)]
    public Task<Result<int>> DirectHandler() => _handler.Handle(_query, CancellationToken.None);

    [Benchmark]
    public Task<Result<int>> MediatorWithAllBehaviours() => _mediator.Send(_query, CancellationToken.None);

    [Benchmark]
    public async Task<Result<int>> NewScopeAndMediator()
    {
        await using var scope = _root.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(_query, CancellationToken.None);
    }
}

public sealed record PingQuery(int Value) : IQuery<int>;

internal sealed class PingQueryHandler : IQueryHandler<PingQuery, int>
{
    public Task<Result<int>> Handle(PingQuery request, CancellationToken cancellationToken) => Task.FromResult(Result.Success(request.Value));
}

internal sealed class PingQueryValidator : AbstractValidator<PingQuery>
{
    public PingQueryValidator() => RuleFor(q => q.Value).GreaterThan(0);
}

internal sealed class AnonymousUser : ICurrentUser
{
    public Guid? UserId => null;

    public Guid? ApiKeyId => null;

    public bool IsAuthenticated => false;

    public Guid? SessionId => null;

    public IReadOnlyCollection<string> Roles => [];

    public IReadOnlyCollection<string> Permissions => [];

    public bool HasPermission(string permission) => false;
}

internal sealed class NoUnitOfWork : IUnitOfWork
{
    public Task<TResult> ExecuteInTransactionAsync<TResult>(Func<CancellationToken, Task<TResult>> work, Func<TResult, bool> shouldCommit, CancellationToken cancellationToken) =>
        work(cancellationToken);

    public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryFlushBatchAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
