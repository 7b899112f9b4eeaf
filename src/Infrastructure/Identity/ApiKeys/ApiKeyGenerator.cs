using Catalog.Application.Common.Identity;

namespace Catalog.Infrastructure.Identity.ApiKeys;

internal sealed class ApiKeyGenerator : IApiKeyGenerator
{
    public GeneratedApiKey Generate()
    {
        var (key, prefix) = ApiKeyFormat.Generate();
        return new GeneratedApiKey(key, prefix, ApiKeyFormat.Hash(key));
    }
}
