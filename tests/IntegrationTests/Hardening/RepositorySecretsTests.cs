using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>No private key, password-bearing connection string or configured secret is committed to the repository.</summary>
public sealed partial class RepositorySecretsTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", ".localdb", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules"];

    private static readonly string[] BinaryExtensions = [".png", ".jpg", ".jpeg", ".gif", ".ico", ".dll", ".exe", ".pdb", ".zip", ".gz", ".nupkg", ".snk", ".woff", ".woff2"];

    [Fact]
    public void TrackedFiles_HoldNoSecrets()
    {
        var root = FindRepositoryRoot();
        var files = ListFiles(root);
        Assert.True(files.Count > 50, $"expected the repository's files, found {files.Count} under {root}");

        var findings = files
            .Where(f => !BinaryExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .SelectMany(f => Scan(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

        Assert.True(findings.Count == 0, "Secrets found in the repository:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("deploy/key.pem", "-----BEGIN RSA PRIVATE" + " KEY-----\nMIIEow...")]
    [InlineData("deploy/id", "-----BEGIN OPENSSH PRIVATE" + " KEY-----")]
    [InlineData("src/WebApi/appsettings.Production.json", "\"Catalog\": \"Host=db;Username=catalog_app;Pass" + "word=hunter2;Database=catalog\"")]
    [InlineData("docker-compose.yml", "ConnectionStrings__Catalog: Host=db;P" + "wd=s3cret;Database=catalog")]
    [InlineData("src/WebApi/appsettings.json", "\"Jwt\": { \"SigningKey\": \"0123456789abcdef0123456789abcdef\" }")]
    [InlineData("src/WebApi/appsettings.json", "\"Bootstrap\": { \"AdminPassword\": \"Sup3r-Secret!\" }")]
    [InlineData("scripts/ci.sh", "export AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE")]
    [InlineData("notes.md", "token ghp_" + "0123456789abcdefghijklmnopqrstuvwxyzAB")]
    public void Scanner_FindsPlantedSecrets(string path, string content) =>
        Assert.NotEmpty(Scan(path, content));

    [Theory]
    [InlineData("README.md", "curl -d '{\"email\":\"admin@catalog.local\",\"password\":\"<printed password>\"}'")]
    [InlineData("docs/operations.md", "ConnectionStrings__Catalog=\"Host=db;Username=catalog_app;Password=<secret>;Database=catalog\"")]
    [InlineData("src/Infrastructure/X.cs", "var builder = new NpgsqlConnectionStringBuilder(cs) { Password = password };")]
    [InlineData("src/Infrastructure/X.cs", "/// <c>Host=127.0.0.1;Port=…;Username=postgres;Password=…;Database=…</c>")]
    [InlineData("src/WebApi/appsettings.json", "\"Jwt\": { \"Issuer\": \"catalog\", \"SigningKey\": \"\" }")]
    public void Scanner_LeavesPlaceholdersAndCodeAlone(string path, string content) =>
        Assert.Empty(Scan(path, content));

    internal static IEnumerable<string> Scan(string path, string content)
    {
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (PrivateKey().IsMatch(line))
            {
                yield return $"{path}:{i + 1}: private key";
            }

            foreach (Match match in ConnectionStringPassword().Matches(line))
            {
                if (!IsPlaceholder(match.Groups["value"].Value))
                {
                    yield return $"{path}:{i + 1}: password in a connection string";
                }
            }

            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                foreach (Match match in JsonSecret().Matches(line))
                {
                    if (!IsPlaceholder(match.Groups["value"].Value))
                    {
                        yield return $"{path}:{i + 1}: \"{match.Groups["key"].Value}\" has a value";
                    }
                }
            }

            if (CloudToken().IsMatch(line))
            {
                yield return $"{path}:{i + 1}: access token";
            }
        }
    }

    // "none" is the unreachable test server of JobsEndpointTests (Port=1), not a credential.
    private static bool IsPlaceholder(string value) =>
        value.Length == 0 || value is "none" || value[0] is '<' or '{' or '$' or '%' or '…' or '*' || value.StartsWith("...", StringComparison.Ordinal);

    private static List<string> ListFiles(string root)
    {
        try
        {
            var git = Process.Start(new ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0 && output.Length > 0)
            {
                return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(root, f))).ToList();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git here (a source tarball): walk the folder instead.
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => SkippedFolders.Contains(part, StringComparer.Ordinal)))
            .ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Catalog.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Catalog.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?i)\b(password|pwd)=(?<value>[^;""'\s]*)")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i)""(?<key>[a-z]*(password|secret|signingkey|apikey|privatekey|token))""\s*:\s*""(?<value>[^""]*)""")]
    private static partial Regex JsonSecret();

    [GeneratedRegex(@"\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bsk_live_[A-Za-z0-9]{16,}")]
    private static partial Regex CloudToken();
}
