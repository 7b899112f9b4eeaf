using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>The API as its own process, as it is deployed (<c>dotnet Catalog.WebApi.dll</c> from the test output).</summary>
internal static class ApiProcess
{
    /// <summary>
    /// Starts the API on 127.0.0.1:<paramref name="port"/> against the test database <paramref name="ownerConnection"/>
    /// (as the app role), with <paramref name="environment"/> on top; its output goes to <paramref name="log"/>.
    /// </summary>
    public static Process Start(int port, string ownerConnection, IReadOnlyDictionary<string, string> environment, StringBuilder log)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Catalog.WebApi.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Catalog"] = PostgresServer.AppConnectionString(ownerConnection);
        start.Environment["ConnectionStrings__CatalogOwner"] = ownerConnection;
        start.Environment["Jwt__SigningKey"] = CatalogApiFactory.SigningKey;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
