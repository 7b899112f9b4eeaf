using Catalog.BrowserTests.Console;
using Microsoft.Playwright;

namespace Catalog.BrowserTests.Infrastructure;

/// <summary>
/// The console's screens as the screenshot tests check them: the page's heading, every control labelled, and, with
/// <c>CATALOG_SCREENSHOTS</c> set to a folder, the page saved there as <c>backoffice-{name}.png</c>. A relative folder
/// (<c>docs/images</c>) is taken from the repository's root, not from the test's output folder where dotnet test runs it.
/// </summary>
public static class Screenshots
{
    private static readonly string? Folder = Resolve(Environment.GetEnvironmentVariable("CATALOG_SCREENSHOTS"));

    public static async Task AssertScreenAsync(IPage page, string heading, string? name)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await SignInTests.AssertEveryControlLabelledAsync(page);
        if (name is not null)
        {
            await SaveAsync(page, name);
        }
    }

    public static async Task SaveAsync(IPage page, string name)
    {
        if (Folder is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"backoffice-{name}.png"), FullPage = true });
        }
    }

    private static string? Resolve(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || Path.IsPathRooted(folder))
        {
            return string.IsNullOrWhiteSpace(folder) ? null : folder;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Catalog.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? Directory.GetCurrentDirectory(), folder);
    }
}
