using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// Binding and JSON errors name the field as the client sent it and what was expected there, never a .NET type,
/// namespace, reader position or the C# parameter ("command", "body"). Before, <c>{"email": 5}</c> to sign-in answered
/// "The JSON value could not be converted to Catalog.Application.Auth.Commands.Login.LoginCommand. Path: $.email |
/// LineNumber: 0 | BytePositionInLine: 11." and <c>"command": ["The command field is required."]</c>.
/// </summary>
public sealed class BindingErrorBodyTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string Id = "0195f3c2-6f4e-7a4b-9c1d-2e3f4a5b6c7d";

    private static readonly string[] Leaks = ["Catalog.", "System.", "LineNumber", "BytePosition", "Path:", "JSON value could not be converted", "Command"];

    private static readonly string[] ParameterKeys = ["command", "body", "request", "query"];

    public static TheoryData<string, string, string?, string, string> BadRequests() => new()
    {
        // method, url, body (null: none), field named, message expected for it
        { "POST", "/api/v1/auth/login", """{"email": 5, "password": "x"}""", "email", "Expected a string." },
        { "POST", "/api/v1/auth/login", """{"email": "a@b.co", "password": true}""", "password", "Expected a string." },
        { "POST", "/api/v1/auth/login", """{"email": [], "password": "x"}""", "email", "Expected a string." },
        { "POST", "/api/v1/auth/login", """{"email": {"a": 1}, "password": "x"}""", "email", "Expected a string." },
        { "POST", "/api/v1/auth/login", "[]", "$", "Expected a JSON object." },
        { "POST", "/api/v1/auth/login", "42", "$", "Expected a JSON object." },
        { "POST", "/api/v1/auth/login", "\"text\"", "$", "Expected a JSON object." },
        { "POST", "/api/v1/auth/login", """{"email": """, "$", "The body is not valid JSON." },
        { "POST", "/api/v1/auth/login", """{'email': 'a@b.co'}""", "$", "The body is not valid JSON." },
        { "POST", "/api/v1/auth/login", """{"email": "a@b.co", "password": "x"} trailing""", "$", "The body is not valid JSON." },
        { "POST", "/api/v1/auth/login", """{"email": "a@b.co", "password": "x"}{}""", "$", "The body is not valid JSON." },
        { "POST", "/api/v1/auth/login", "", "$", "A JSON object body is required." },
        { "POST", "/api/v1/auth/login", """{"email": """ + new string('[', 40) + new string(']', 40) + "}", "$", "The JSON is nested too deeply (at most 32 levels)." },
        { "POST", "/api/v1/auth/register", """{"email": "a@b.co", "password": 12345678}""", "password", "Expected a string." },
        { "POST", "/api/v1/auth/forgot-password", """{"email": false}""", "email", "Expected a string." },
        { "POST", "/api/v1/products", """{"name": "x", "price": "cheap"}""", "price", "Expected a number." },
        { "POST", "/api/v1/products", """{"name": "x", "stockQuantity": 1.5}""", "stockQuantity", "Expected an integer." },
        { "POST", "/api/v1/products", """{"name": "x", "isFeatured": "yes"}""", "isFeatured", "Expected true or false." },
        { "POST", "/api/v1/products", """{"name": "x", "categoryId": "not-a-uuid"}""", "categoryId", "Expected a UUID." },
        { "POST", "/api/v1/products", """{"name": "x", "tags": "a"}""", "tags", "Expected an array of strings." },
        { "POST", "/api/v1/products", """{"name": "x", "tags": ["a", 2]}""", "tags[1]", "Expected a string." },
        { "POST", "/api/v1/products", """{"name": 7}""", "name", "Expected a string." },
        { "PUT", $"/api/v1/products/{Id}", """{"name": "x", "weight": [1]}""", "weight", "Expected a number." },
        { "POST", $"/api/v1/products/{Id}/stock", """{"delta": "many"}""", "delta", "Expected an integer." },
        { "POST", "/api/v1/brands", """{"name": {}}""", "name", "Expected a string." },
        { "POST", "/api/v1/categories", """{"name": "x", "parentId": 5}""", "parentId", "Expected a UUID." },
        { "POST", $"/api/v1/categories/{Id}/move", """{"sortOrder": "first"}""", "sortOrder", "Expected an integer." },
        { "POST", $"/api/v1/products/{Id}/reviews", """{"rating": "five"}""", "rating", "Expected an integer." },
        { "POST", "/api/v1/api-keys", """{"name": "k", "permissions": "products:read"}""", "permissions", "Expected an array of strings." },
        { "POST", "/api/v1/api-keys", """{"name": "k", "permissions": ["products:read"], "expiresAt": "tomorrow"}""", "expiresAt", "Expected a date-time (RFC 3339, e.g. 2026-01-31T12:00:00Z)." },
        { "POST", "/api/v1/api-keys", """{"name": "k", "permissions": ["products:read"], "rateLimit": true}""", "rateLimit", "Expected an integer." },
        { "PATCH", $"/api/v1/users/{Id}", """{"isActive": "no"}""", "isActive", "Expected true or false." },
        { "PATCH", $"/api/v1/users/{Id}", """{"roles": "admin"}""", "roles", "Expected an array of strings." },
        { "PATCH", $"/api/v1/users/{Id}", "[]", "$", "Expected a JSON object." },
        { "PATCH", "/api/v1/me", """{"firstName": 1}""", "firstName", "Expected a string." },
        { "POST", "/api/v1/me/password", """{"currentPassword": null, "newPassword": 5}""", "newPassword", "Expected a string." },
        { "PUT", "/api/v1/roles/editor/permissions", """{"permissions": {}}""", "permissions", "Expected an array of strings." },
        { "GET", "/api/v1/products?limit=abc", null, "limit", "Expected an integer." },
        { "GET", "/api/v1/products?minPrice=cheap", null, "minPrice", "Expected a number." },
        { "GET", "/api/v1/products?featured=maybe", null, "featured", "Expected true or false." },
        { "GET", "/api/v1/audit-logs?userId=nobody", null, "userId", "Expected a UUID." },
        { "GET", "/api/v1/users?isActive=perhaps", null, "isActive", "Expected true or false." },
        { "GET", "/api/v1/api-keys?limit=1e3", null, "limit", "Expected an integer." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_Answers400Problem_NamingTheField_AndNoInternals(string method, string url, string? body, string field, string message)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (method == "PUT")
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        AssertNoInternals(text);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}': {text}");
        Assert.Contains(message, messages.EnumerateArray().Select(m => m.GetString()));
        foreach (var key in errors.EnumerateObject().Select(p => p.Name))
        {
            Assert.DoesNotContain(key, ParameterKeys);
        }
    }

    public static TheoryData<string, string, string?, string?, HttpStatusCode> OtherRefusals() => new()
    {
        { "POST", "/api/v1/auth/login", """{"email":"a@b.co","password":"x"}""", "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/products", "<product/>", "application/xml", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/api-keys", "name=k", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/brands", """{"name":"x"}""", null, HttpStatusCode.UnsupportedMediaType },
        { "GET", "/api/v1/users/not-a-uuid", null, null, HttpStatusCode.NotFound },
        { "DELETE", "/api/v1/api-keys/12345", null, null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(OtherRefusals))]
    public async Task WrongContentTypeOrRoute_AnswersACleanProblem(string method, string url, string? body, string? contentType, HttpStatusCode expected)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        await response.AssertProblemAsync(expected);
        AssertNoInternals(text);
    }

    private static void AssertNoInternals(string text)
    {
        foreach (var leak in Leaks)
        {
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"'{leak}' in {text}");
        }

        using var document = JsonDocument.Parse(text);
        Assert.False(document.RootElement.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(p => ParameterKeys.Contains(p.Name)), text);
    }
}
