using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log output into Microsoft.Extensions.Logging. Hangfire holds its log provider in a static, so in a
/// process with several hosts (the integration tests) a component may log through a host that has been disposed:
/// that logger factory then throws ObjectDisposedException, which would fail the caller's storage call. Such a log
/// line is dropped instead.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : HangfireLog.ILog
    {
        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (logger is null || !logger.IsEnabled(level))
                {
                    return false;
                }

                if (messageFunc is not null)
                {
                    // A finished message, not a template: braces in it are text.
                    logger.Log(level, default, messageFunc(), exception, static (message, _) => message);
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
