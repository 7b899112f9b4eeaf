using System.ComponentModel;
using System.Text;
using CliWrap;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>Runs a command line to its end with CliWrap: exit code and output, a time limit, a clear error when it cannot start.</summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken ct)
    {
        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(static a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var output = new StringBuilder();
        var error = new StringBuilder();
        var command = Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error));
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            // CliWrap kills the process when the token is cancelled.
            var result = await command.ExecuteAsync(timeoutSource.Token);
            return new ProcessResult(commandLine, result.ExitCode, output.ToString(), error.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s. {error}");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            // CliWrap reports a process it could not start (a missing runuser, chown or tool) as one of these.
            throw new InvalidOperationException($"Could not run `{commandLine}`: {ex.Message}", ex);
        }
    }

    /// <summary>Runs the command and throws when it exits with a code other than 0.</summary>
    public static async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory: null, DefaultTimeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }
}

internal readonly record struct ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe()
    {
        var message = StandardError.Trim();
        if (message.Length == 0)
        {
            message = StandardOutput.Trim();
        }

        return $"`{CommandLine}` failed with exit code {ExitCode}: {message}";
    }
}
