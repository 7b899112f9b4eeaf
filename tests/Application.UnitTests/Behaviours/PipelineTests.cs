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
using NSubstitute;

namespace Catalog.Application.UnitTests.Behaviours;

[Authorize("things:write")]
public sealed record ProtectedCommand(string Name) : ICommand<string>;

public sealed record PlainQuery(int Value) : IQuery<int>;

[Authorize(UsersOnly = true)]
public sealed record AccountCommand : ICommand<string>;

public sealed class ProtectedCommandValidator : AbstractValidator<ProtectedCommand>
{
    public ProtectedCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(5);
}

public sealed class PipelineTests
{
    private readonly ICurrentUser _user = Substitute.For<ICurrentUser>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly List<string> _calls = [];

    public PipelineTests()
    {
        _unitOfWork.ExecuteInTransactionAsync(Arg.Any<Func<CancellationToken, Task<Result<string>>>>(), Arg.Any<Func<Result<string>, bool>>(), Arg.Any<CancellationToken>())
            .Returns(async call =>
            {
                _calls.Add("transaction");
                var result = await call.Arg<Func<CancellationToken, Task<Result<string>>>>()(CancellationToken.None);
                _calls.Add(call.Arg<Func<Result<string>, bool>>()(result) ? "commit" : "rollback");
                return result;
            });
    }

    private IMediator BuildMediator(Func<ProtectedCommand, Result<string>>? handler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_user);
        services.AddSingleton(_unitOfWork);
        services.AddScoped<IRequestHandler<ProtectedCommand, Result<string>>>(_ => new DelegateHandler<ProtectedCommand, string>(c =>
        {
            _calls.Add("handler");
            return handler?.Invoke(c) ?? Result<string>.Success("done " + c.Name);
        }));
        services.AddScoped<IRequestHandler<PlainQuery, Result<int>>>(_ => new DelegateHandler<PlainQuery, int>(q =>
        {
            _calls.Add("query");
            return Result<int>.Success(q.Value * 2);
        }));
        services.AddScoped<IRequestHandler<AccountCommand, Result<string>>>(_ => new DelegateHandler<AccountCommand, string>(_ => Result<string>.Success("ok")));
        services.AddScoped<IValidator<ProtectedCommand>, ProtectedCommandValidator>();
        return services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<IMediator>();
    }

    private void SignInWith(params string[] permissions)
    {
        _user.IsAuthenticated.Returns(true);
        _user.UserId.Returns(Guid.NewGuid());
        _user.HasPermission(Arg.Any<string>()).Returns(c => permissions.Contains(c.Arg<string>()));
    }

    [Fact]
    public async Task Send_Anonymous_ToProtectedCommand_ReturnsUnauthorizedWithoutRunningHandler()
    {
        var result = await BuildMediator().Send(new ProtectedCommand("a"));
        Assert.Equal(ErrorType.Unauthorized, result.Error!.Type);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Send_WithoutPermission_ReturnsForbidden()
    {
        SignInWith("other:read");
        var result = await BuildMediator().Send(new ProtectedCommand("a"));
        Assert.Equal(ErrorType.Forbidden, result.Error!.Type);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Send_InvalidCommand_ReturnsValidationErrorsKeyedByCamelCaseField()
    {
        SignInWith("things:write");
        var result = await BuildMediator().Send(new ProtectedCommand("toolong"));
        Assert.Equal(ErrorType.Validation, result.Error!.Type);
        Assert.True(result.Error.Details!.ContainsKey("name"));
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Send_ValidCommand_RunsHandlerInsideTransactionAndCommits()
    {
        SignInWith("things:write");
        var result = await BuildMediator().Send(new ProtectedCommand("abc"));
        Assert.Equal("done abc", result.Value);
        Assert.Equal(["transaction", "handler", "commit"], _calls);
    }

    [Fact]
    public async Task Send_CommandThatFails_RollsBack()
    {
        SignInWith("things:write");
        var result = await BuildMediator(_ => Error.Conflict("x", "conflict")).Send(new ProtectedCommand("abc"));
        Assert.Equal(ErrorType.Conflict, result.Error!.Type);
        Assert.Equal(["transaction", "handler", "rollback"], _calls);
    }

    [Fact]
    public async Task Send_Query_BypassesTransaction()
    {
        var result = await BuildMediator().Send(new PlainQuery(21));
        Assert.Equal(42, result.Value);
        Assert.Equal(["query"], _calls);
    }

    [Fact]
    public async Task Send_Query_NeverResolvesTheUnitOfWork()
    {
        // A unit of work means a DbContext: a query's pipeline must not build one (bench/analysis.md, the product-detail profile).
        var resolved = 0;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(new ConfigurationBuilder().Build());
        services.AddSingleton(_user);
        services.AddScoped(_ =>
        {
            resolved++;
            return _unitOfWork;
        });
        services.AddScoped<IRequestHandler<PlainQuery, Result<int>>>(_ => new DelegateHandler<PlainQuery, int>(q => Result<int>.Success(q.Value)));
        services.AddScoped<IRequestHandler<ProtectedCommand, Result<string>>>(_ => new DelegateHandler<ProtectedCommand, string>(c => Result<string>.Success(c.Name)));
        var provider = services.BuildServiceProvider();

        using (var scope = provider.CreateScope())
        {
            Assert.Equal(4, (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlainQuery(4))).Value);
            Assert.DoesNotContain(scope.ServiceProvider.GetServices<IPipelineBehavior<PlainQuery, Result<int>>>(), b => b.GetType().Name.StartsWith("TransactionBehaviour", StringComparison.Ordinal));
        }

        Assert.Equal(0, resolved);
        Assert.Contains(provider.CreateScope().ServiceProvider.GetServices<IPipelineBehavior<ProtectedCommand, Result<string>>>(), b => b.GetType().Name.StartsWith("TransactionBehaviour", StringComparison.Ordinal));
        Assert.Equal(1, resolved);
    }

    [Fact]
    public async Task Send_UsersOnlyCommandWithApiKey_ReturnsForbidden()
    {
        SignInWith();
        _user.ApiKeyId.Returns(Guid.NewGuid());
        var result = await BuildMediator().Send(new AccountCommand());
        Assert.Equal(ErrorType.Forbidden, result.Error!.Type);
    }

    [Fact]
    public async Task Send_HandlerThrows_ExceptionIsLoggedAndRethrown()
    {
        SignInWith("things:write");
        var mediator = BuildMediator(_ => throw new InvalidOperationException("boom"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => mediator.Send(new ProtectedCommand("abc")));
    }

    [Fact]
    public void Behaviours_AreRegisteredInTheConventionsOrder()
    {
        var names = DependencyInjection.PipelineBehaviours.Select(t => t.Name.Split('`')[0]).ToArray();
        Assert.Equal(["TelemetryBehaviour", "LoggingBehaviour", "UnhandledExceptionBehaviour", "AuthorizationBehaviour", "ValidationBehaviour", "TransactionBehaviour", "PerformanceBehaviour"], names);
    }

    [Fact]
    public async Task Send_SlowHandler_LogsPerformanceWarning()
    {
        SignInWith("things:write");
        var logger = new CollectingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logger));
        services.AddApplication(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Performance:SlowRequestThresholdMs"] = "0" }).Build());
        services.AddSingleton(_user);
        services.AddSingleton(_unitOfWork);
        services.AddScoped<IRequestHandler<PlainQuery, Result<int>>>(_ => new DelegateHandler<PlainQuery, int>(q =>
        {
            Thread.Sleep(5);
            return Result<int>.Success(q.Value);
        }));
        var mediator = services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new PlainQuery(1));
        Assert.Contains(logger.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("Slow request PlainQuery", StringComparison.Ordinal));
    }

    private sealed class DelegateHandler<TRequest, TResponse>(Func<TRequest, Result<TResponse>> handle) : IRequestHandler<TRequest, Result<TResponse>>
        where TRequest : IRequest<Result<TResponse>>
    {
        public Task<Result<TResponse>> Handle(TRequest request, CancellationToken cancellationToken) => Task.FromResult(handle(request));
    }
}

internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, string Text)> Messages { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Collector(Messages);

    public void Dispose()
    {
    }

    private sealed class Collector(List<(LogLevel, string)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (messages)
            {
                messages.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
