namespace Catalog.Application.Common.Identity;

/// <summary>A freshly generated API key: the full key (shown once), its public prefix and its SHA-256 hash.</summary>
public sealed record GeneratedApiKey(string Key, string Prefix, string Hash);

public interface IApiKeyGenerator
{
    GeneratedApiKey Generate();
}
