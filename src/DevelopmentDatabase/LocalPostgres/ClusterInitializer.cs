using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary><c>initdb</c>: a new data directory with a random superuser password and the cluster's settings.</summary>
internal static class ClusterInitializer
{
    public const string SuperuserName = "postgres";

    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Initializes <see cref="ClusterLayout.DataPath"/>; returns the superuser password it stored.</summary>
    public static async Task<string> InitializeAsync(
        ClusterLayout layout,
        PostgresTools tools,
        int port,
        bool persistent,
        ILogger logger,
        CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var superuserPassword = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await ClusterLayout.WriteSecretFileAsync(layout.PasswordFile, superuserPassword, ct);

        var passwordFile = Path.Combine(layout.Root, $".initdb-{Guid.NewGuid():N}.pw");
        try
        {
            await ClusterLayout.WriteSecretFileAsync(passwordFile, superuserPassword + "\n", ct);
            if (tools.RunAsServiceUser)
            {
                await ServiceUser.GiveAsync(passwordFile, ct);
            }

            var result = await RunInitDbAsync(layout, tools, passwordFile, "C.UTF-8", persistent, ct);
            if (result.ExitCode != 0 && result.StandardError.Contains("locale", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogInformation("Locale C.UTF-8 is not available; initializing the local PostgreSQL cluster with locale C");
                layout.DeleteIncompleteDataDirectory();
                result = await RunInitDbAsync(layout, tools, passwordFile, "C", persistent, ct);
            }

            if (result.ExitCode != 0)
            {
                layout.DeleteIncompleteDataDirectory();
                throw new InvalidOperationException($"Could not initialize a PostgreSQL cluster in '{layout.DataPath}'. {result.Describe()}");
            }
        }
        finally
        {
            ClusterLayout.TryDeleteFile(passwordFile);
        }

        await File.AppendAllTextAsync(layout.ConfigurationFile, ClusterConfiguration.Build(layout, port, persistent), ct);
        logger.LogInformation(
            "Initialized a {Kind} local PostgreSQL cluster in {DataDirectory} ({ElapsedMs} ms)",
            persistent ? "persistent" : "throwaway",
            layout.Root,
            stopwatch.ElapsedMilliseconds);
        return superuserPassword;
    }

    private static Task<ProcessResult> RunInitDbAsync(
        ClusterLayout layout,
        PostgresTools tools,
        string passwordFile,
        string locale,
        bool persistent,
        CancellationToken ct)
    {
        var arguments = new List<string>
        {
            "-D", layout.DataPath,
            "-U", SuperuserName,
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            $"--pwfile={passwordFile}",
            "-E", "UTF8",
            $"--locale={locale}",
        };
        if (!persistent)
        {
            // Throwaway cluster: do not wait for initdb's files to reach the disk.
            arguments.Add("--no-sync");
        }

        return tools.RunAsync("initdb", arguments, InitDbTimeout, ct);
    }
}
