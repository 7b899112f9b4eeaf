using System.Runtime.CompilerServices;
using Catalog.DevelopmentDatabase;

namespace Catalog.WebApi.Composition;

/// <summary>
/// The development database (ADR-089): in Development, the embedded PostgreSQL (when no <c>ConnectionStrings:Catalog</c>
/// is set) and the demo catalog, from the Catalog.DevelopmentDatabase assembly. Only the Development branch calls into
/// that assembly, so the CLR never loads it in any other environment.
/// </summary>
public static class LocalDatabase
{
    public static Task AddDevelopmentDatabaseAsync(this WebApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() ? AddInDevelopmentAsync(builder) : Task.CompletedTask;

    /// <summary>The folder holding Catalog.sln, searched upwards from <paramref name="start"/>; else <paramref name="start"/> itself.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Catalog.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }

    // Not inlined: compiling the caller must not resolve this body's reference to Catalog.DevelopmentDatabase.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task AddInDevelopmentAsync(WebApplicationBuilder builder) =>
        DevelopmentDatabaseSetup.AddDevelopmentDatabaseAsync(builder, FindRepositoryRoot(builder.Environment.ContentRootPath));
}
