using Catalog.Application.Common.Identity;

namespace Catalog.Infrastructure.Identity;

/// <summary>Refuses passwords from the embedded list of common passwords (case-insensitive, surrounding blanks ignored).</summary>
public sealed class CommonPasswordPolicy : IPasswordPolicy
{
    private const string ResourceSuffix = "common-passwords.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public bool IsCommon(string password) => List.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        var assembly = typeof(CommonPasswordPolicy).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The embedded common-passwords list is missing.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry)
            {
                set.Add(entry);
            }
        }

        return set;
    }
}
