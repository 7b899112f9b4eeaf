using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

/// <summary>Small request builders shared by the catalog command tests.</summary>
public static class CommandRequests
{
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: HttpAssertions.Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<(JsonElement Body, string ETag)> CreateProductAsync(this HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/v1/products", body);
        var created = await response.AssertStatusAsync(System.Net.HttpStatusCode.Created);
        return (created, response.Headers.ETag!.ToString());
    }

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static string ETagOf(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag on the response.");

    public static EntityTagHeaderValue Tag(string etag) => EntityTagHeaderValue.Parse(etag);
}
