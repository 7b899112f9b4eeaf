using System.Globalization;
using System.Text;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>What the cluster adds to <c>postgresql.conf</c>, and the port it records there and in <c>port</c>.</summary>
internal static class ClusterConfiguration
{
    private const int MaxUnixSocketPathBytes = 107;

    /// <summary>The settings appended to the <c>postgresql.conf</c> initdb wrote.</summary>
    public static string Build(ClusterLayout layout, int port, bool persistent)
    {
        var builder = new StringBuilder();
        builder.Append("\n# ----- Added by Catalog LocalPostgresCluster -----\n");
        builder.Append("listen_addresses = '127.0.0.1'\n");
        builder.Append(CultureInfo.InvariantCulture, $"port = {port}\n");
        builder.Append(CultureInfo.InvariantCulture, $"unix_socket_directories = {QuoteValue(SocketDirectory(layout.Root))}\n");
        builder.Append("max_connections = 200\n");
        builder.Append("shared_buffers = 256MB\n");
        builder.Append("log_min_messages = warning\n");
        builder.Append("logging_collector = off\n");
        if (!persistent)
        {
            // Throwaway test cluster: durability is worthless, speed is not.
            builder.Append("fsync = off\n");
            builder.Append("synchronous_commit = off\n");
            builder.Append("full_page_writes = off\n");
        }

        return builder.ToString();
    }

    /// <summary>Records <paramref name="port"/> in <c>port</c> and in the <c>port = …</c> line of postgresql.conf.</summary>
    public static async Task RecordPortAsync(ClusterLayout layout, int port, CancellationToken ct)
    {
        await File.WriteAllTextAsync(layout.PortFile, port.ToString(CultureInfo.InvariantCulture), ct);
        if (!File.Exists(layout.ConfigurationFile))
        {
            return;
        }

        var lines = (await File.ReadAllLinesAsync(layout.ConfigurationFile, ct)).ToList();
        var portLine = string.Create(CultureInfo.InvariantCulture, $"port = {port}");
        var replaced = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimStart();
            if (line.StartsWith("port", StringComparison.Ordinal) && line[4..].TrimStart().StartsWith('='))
            {
                lines[i] = portLine;
                replaced = true;
            }
        }

        if (!replaced)
        {
            lines.Add(portLine);
        }

        await File.WriteAllLinesAsync(layout.ConfigurationFile, lines, ct);
    }

    private static string SocketDirectory(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return string.Empty;
        }

        // The socket path (<dir>/.s.PGSQL.<port>) must fit in sockaddr_un.sun_path; otherwise TCP only.
        var socketPathBytes = Encoding.UTF8.GetByteCount(root) + "/.s.PGSQL.65535".Length;
        return socketPathBytes <= MaxUnixSocketPathBytes ? root : string.Empty;
    }

    /// <summary>A postgresql.conf string value (a configuration file, not SQL: no Npgsql quoting applies).</summary>
    private static string QuoteValue(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
