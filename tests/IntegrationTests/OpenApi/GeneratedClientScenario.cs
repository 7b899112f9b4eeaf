// Compiled at test time (GeneratedClientTests) together with the client Kiota generates from /openapi/v1.json; it is
// excluded from the test project's own build. It uses the generated client as a client developer would.
using Catalog.GeneratedClient;
using Catalog.GeneratedClient.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Catalog.GeneratedClient.Scenario;

public static class GeneratedClientScenario
{
    /// <summary>A storefront read, a sign-in, a back-office write with the token, and a 404 as a typed problem.</summary>
    public static async Task<Dictionary<string, string?>> RunAsync(HttpClient http, string productSlug, string email, string password, string brandName)
    {
        var seen = new Dictionary<string, string?>();
        var storefront = new CatalogClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

        var page = await storefront.Api.V1.Products.GetAsync(request => request.QueryParameters.Limit = 50);
        seen["list.contains"] = page?.Items?.Any(p => p.Slug == productSlug).ToString();
        var product = await storefront.Api.V1.Products[productSlug].GetAsync();
        seen["product.slug"] = product?.Slug;

        var tokens = await storefront.Api.V1.Auth.Login.PostAsync(new LoginCommand { Email = email, Password = password });
        seen["login.tokenType"] = tokens?.TokenType;

        var admin = new CatalogClient(new HttpClientRequestAdapter(
            new BaseBearerTokenAuthenticationProvider(new StaticToken(tokens!.AccessToken!)), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
        var brand = await admin.Api.V1.Brands.PostAsync(new CreateBrandCommand { Name = brandName });
        seen["brand.name"] = brand?.Name;
        seen["brand.id"] = brand?.Id?.ToString();
        var read = await storefront.Api.V1.Brands[brand!.Slug!].GetAsync();
        seen["brand.readBack"] = read?.Id?.ToString();

        try
        {
            await storefront.Api.V1.Brands["no-such-brand-" + brandName].GetAsync();
            seen["problem"] = "none";
        }
        catch (ProblemDetails problem)
        {
            seen["problem"] = nameof(ProblemDetails);
            seen["problem.status"] = problem.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            seen["problem.responseStatusCode"] = problem.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            seen["problem.title"] = problem.Title;
        }

        return seen;
    }

    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
