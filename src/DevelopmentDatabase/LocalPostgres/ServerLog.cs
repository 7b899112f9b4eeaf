using System.Text;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>The server log (<c>postgres.log</c>): kept small across starts, read back to explain a failed start.</summary>
internal sealed class ServerLog(string path, ILogger logger)
{
    private const int TailLines = 30;
    private const long MaxBytesBeforeReset = 10 * 1024 * 1024;

    public string Path { get; } = path;

    public void ResetIfLarge()
    {
        try
        {
            var log = new FileInfo(Path);
            if (log.Exists && log.Length > MaxBytesBeforeReset)
            {
                log.Delete();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(ex, "Could not reset {LogFile}", Path);
        }
    }

    public long Length()
    {
        try
        {
            var log = new FileInfo(Path);
            return log.Exists ? log.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The log from <paramref name="offset"/> on (at most its last 256 KiB).</summary>
    public string ReadFrom(long offset)
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(offset, Math.Max(0, stream.Length - (256 * 1024))), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    public string Tail()
    {
        var lines = ReadFrom(0).Split('\n', StringSplitOptions.None).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return $"({Path} is empty or missing.)";
        }

        var tail = lines.Skip(Math.Max(0, lines.Count - TailLines));
        return $"Last lines of {Path}:\n" + string.Join('\n', tail);
    }
}
