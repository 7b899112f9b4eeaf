using Catalog.IntegrationTests.Hardening;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// The API with a peer address per request (<see cref="PeerAddressApiFactory"/>) and every log line it writes kept, as
/// the console would print it outside Development: through the JSON log formatter, in <see cref="Logs"/>.
/// </summary>
public class ObservabilityApiFactory : PeerAddressApiFactory
{
    public LogCapture Logs { get; } = new();

    /// <summary>The captured log lines, parsed.</summary>
    public IReadOnlyList<JsonElement> LogLines() => [.. Logs.Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(provider =>
            new CapturingLoggerProvider(provider.GetServices<ConsoleFormatter>().Single(f => f.Name == "catalog-json"), Logs)));
    }

    /// <summary>Collected log lines; safe for the parallel writers of a running host.</summary>
    public sealed class LogCapture
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public void Add(string line) => _lines.Enqueue(line);
    }

    private sealed class CapturingLoggerProvider(ConsoleFormatter formatter, LogCapture capture) : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConsoleFormatter _formatter = formatter;
        private readonly LogCapture _capture = capture;
        private IExternalScopeProvider? _scopes;

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, writer);
                foreach (var line in writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
                {
                    provider._capture.Add(line);
                }
            }
        }
    }
}
