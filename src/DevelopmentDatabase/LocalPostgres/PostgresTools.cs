namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>
/// Runs the server tools (<c>initdb</c>, <c>pg_ctl</c>) of one installation in the cluster folder; as the
/// <c>postgres</c> OS user through <c>runuser</c> when this process is root (PostgreSQL refuses to run as root).
/// </summary>
internal sealed class PostgresTools(string binDirectory, bool runAsServiceUser, string workingDirectory)
{
    public bool RunAsServiceUser { get; } = runAsServiceUser;

    public Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var executable = Path.Combine(binDirectory, PostgresBinaries.ExecutableName(tool));
        if (!RunAsServiceUser)
        {
            return ProcessRunner.RunAsync(executable, arguments, workingDirectory, timeout, ct);
        }

        string[] wrapped = ["-u", ServiceUser.Name, "--", executable, .. arguments];
        return ProcessRunner.RunAsync("runuser", wrapped, workingDirectory, timeout, ct);
    }
}
