namespace Catalog.Domain.Common;

/// <summary>Links the catalog stores (logos, images, websites) must be absolute http(s) URLs.</summary>
public static class WebUrl
{
    public const int MaxLength = 500;

    public static bool IsValid(string? value) =>
        value is not null
        && value.Length <= MaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
