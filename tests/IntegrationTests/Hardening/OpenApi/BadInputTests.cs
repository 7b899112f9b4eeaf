using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>
/// For every operation of <c>/openapi/v1.json</c>: malformed bodies, wrong types, overflowing numbers, huge values,
/// NUL and invalid Unicode, deep nesting, wrong content types, malformed ids, cursors and query values. Each case is
/// invalid for its operation, so each must answer a 4xx problem, never a 5xx, and write nothing.
/// </summary>
public sealed class BadInputTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    private const string Json = "application/json";
    private static readonly string TwoMegabytes = new('x', 2 * 1024 * 1024);
    private static readonly string HundredKilobytes = new('x', 100 * 1024);

    // No "%00": Kestrel refuses a NUL in the request target with 400 before the app sees it, and the in-memory
    // test server cannot carry one (it throws on the client side). NUL travels in bodies and query strings here.
    private static readonly string[] MalformedPathValues =
    [
        "not-a-uuid", "12345", "00000000-0000-0000-0000-00000000000Z", "%FF%FE", "%ED%A0%80", "' OR '1'='1", new('a', 2000),
    ];

    private static readonly string[] MalformedJson =
    [
        "{", "{\"name\":}", "{'name':'x'}", "{\"name\":\"x\",}", "[1,2", "nul", "{\"name\" \"x\"}", "{\"name\":\"x\"}}", "\u00ef\u00bb{",
    ];

    private sealed record Case(string Kind, string Operation, HttpMethod Method, string Url, byte[]? Body, string? ContentType, bool Anonymous);

    private sealed record Outcome(Case Case, int Status, string? MediaType, string Body);

    private sealed record Resources(string ProductId, string ProductETag, string BrandId, string BrandETag, string CategoryId, string CategoryETag,
        string ReviewId, string ApiKeyId, string UserId, string JobName, string Cursor);

    [Fact]
    public async Task EveryOperation_WhenSentBadInput_Answers4xxProblem_AndWritesNothing()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var resources = await CreateResourcesAsync(admin);
        var operations = await OpenApiOperations.LoadAsync(factory.CreateClient());
        var cases = operations.All.SelectMany(operation => CasesFor(operations, operation, resources, anonymous: false))
            .Concat(operations.All.SelectMany(operation => CasesFor(operations, operation, resources, anonymous: true).Where(IsAnonymousKind)))
            .ToList();
        var anonymous = factory.CreateClient();

        var before = await BusinessTablesFingerprint.TakeAsync(factory.ConnectionString);
        var outcomes = new ConcurrentBag<Outcome>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (@case, cancellationToken) =>
            outcomes.Add(await SendAsync(@case.Anonymous ? anonymous : admin, @case, resources, cancellationToken)));
        var after = await BusinessTablesFingerprint.TakeAsync(factory.ConnectionString);

        Report(outcomes);
        var wrong = outcomes
            .Where(o => o.Status is < 400 or >= 500 || o.MediaType != "application/problem+json")
            .OrderBy(o => o.Case.Operation, StringComparer.Ordinal)
            .Select(o => $"{o.Status} {o.Case.Kind} {o.Case.Method} {Shorten(o.Case.Url)} ({o.MediaType}): {Shorten(o.Body)}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {outcomes.Count} bad requests were not answered with a 4xx problem:\n" + string.Join('\n', wrong.Take(60)));
        Assert.Empty(BusinessTablesFingerprint.Changed(before, after));
    }

    private static bool IsAnonymousKind(Case @case) =>
        @case.Kind is "malformed-json" or "empty-body" or "wrong-content-type" or "malformed-path-id" or "query-wrong-type" or "cursor";

    private void Report(IEnumerable<Outcome> outcomes)
    {
        foreach (var group in outcomes.GroupBy(o => (o.Case.Anonymous, o.Case.Kind)).OrderBy(g => g.Key.Anonymous).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", group.GroupBy(o => o.Status).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Count()}"));
            output.WriteLine($"{(group.Key.Anonymous ? "anonymous" : "admin"),-9} {group.Key.Kind,-20} {group.Count(),6} requests  [{statuses}]");
        }

        var all = outcomes.ToList();
        output.WriteLine($"total {all.Count} requests over {all.Select(o => o.Case.Operation).Distinct().Count()} operations; ≥ 500: {all.Count(o => o.Status >= 500)}");
    }

    private async Task<Resources> CreateResourcesAsync(HttpClient admin)
    {
        var brand = await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Bad Input Brand " + Guid.NewGuid().ToString("N")[..6] })).AssertStatusAsync(HttpStatusCode.Created);
        var category = await (await admin.PostJsonAsync("/api/v1/categories", new { name = "Bad Input Category " + Guid.NewGuid().ToString("N")[..6] })).AssertStatusAsync(HttpStatusCode.Created);
        var (product, _) = await admin.CreateProductAsync(new { name = "Bad Input Product " + Guid.NewGuid().ToString("N")[..6], price = 10, stockQuantity = 5 });
        await (await admin.PostJsonAsync($"/api/v1/products/{product.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        var (second, _) = await admin.CreateProductAsync(new { name = "Bad Input Second " + Guid.NewGuid().ToString("N")[..6], price = 11 });
        await (await admin.PostJsonAsync($"/api/v1/products/{second.Id()}/publish", new { })).AssertStatusAsync(HttpStatusCode.OK);
        var review = await (await admin.PostJsonAsync($"/api/v1/products/{product.Id()}/reviews", new { rating = 4, title = "Fine" })).AssertStatusAsync(HttpStatusCode.Created);
        var key = await (await admin.PostJsonAsync("/api/v1/api-keys", new { name = "bad input key", permissions = new[] { "products:read" } })).AssertStatusAsync(HttpStatusCode.Created);
        var user = await factory.CreateUserAsync();
        var jobs = await (await admin.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        var page = await (await admin.GetAsync("/api/v1/products?limit=1")).AssertStatusAsync(HttpStatusCode.OK);
        return new Resources(
            product.Id(), await ETagAsync(admin, $"/api/v1/products/{product.Id()}"),
            brand.Id(), await ETagAsync(admin, $"/api/v1/brands/{brand.Id()}"),
            category.Id(), await ETagAsync(admin, $"/api/v1/categories/{category.Id()}"),
            review.Id(), key.Id(), user.Id.ToString(), jobs[0].GetProperty("name").GetString()!,
            page.GetProperty("nextCursor").GetString()!);
    }

    private static async Task<string> ETagAsync(HttpClient client, string url) => (await client.GetAsync(url)).ETagOf();

    /// <summary>The real resource an operation's path parameter names, so that a bad body reaches validation, not a 404.</summary>
    private static string ValidPathValue(OpenApiOperation operation, OpenApiParameter parameter, Resources r)
    {
        var template = operation.PathTemplate;
        return parameter.Name switch
        {
            "productId" => r.ProductId,
            "name" => r.JobName,
            "role" => "editor",
            _ when template.StartsWith("/api/v1/products", StringComparison.Ordinal) => r.ProductId,
            _ when template.StartsWith("/api/v1/brands", StringComparison.Ordinal) => r.BrandId,
            _ when template.StartsWith("/api/v1/categories", StringComparison.Ordinal) => r.CategoryId,
            _ when template.StartsWith("/api/v1/reviews", StringComparison.Ordinal) => r.ReviewId,
            _ when template.StartsWith("/api/v1/api-keys", StringComparison.Ordinal) => r.ApiKeyId,
            _ when template.StartsWith("/api/v1/users", StringComparison.Ordinal) => r.UserId,
            _ => Guid.NewGuid().ToString(),
        };
    }

    private static string? IfMatchFor(Case @case, Resources r) =>
        @case.Method == HttpMethod.Get || @case.Method == HttpMethod.Post ? null
        : @case.Url.Contains(r.ProductId, StringComparison.Ordinal) ? r.ProductETag
        : @case.Url.Contains(r.BrandId, StringComparison.Ordinal) ? r.BrandETag
        : @case.Url.Contains(r.CategoryId, StringComparison.Ordinal) ? r.CategoryETag
        : null;

    private static IEnumerable<Case> CasesFor(OpenApiOperations document, OpenApiOperation operation, Resources resources, bool anonymous)
    {
        var method = new HttpMethod(operation.Method);
        var validPath = operation.BuildPath(p => ValidPathValue(operation, p, resources));
        var requiredQuery = string.Concat(operation.QueryParameters.Where(p => p.Required).Select(p => $"&{p.Name}=sample"));
        var url = validPath + (requiredQuery.Length > 0 ? "?" + requiredQuery[1..] : string.Empty);
        Case Make(string kind, string target, byte[]? body = null, string? contentType = null) =>
            new(kind, operation.Key, method, target, body, contentType, anonymous);

        // Malformed ids in the path: each path parameter in turn, the others real.
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var bad in MalformedPathValues)
            {
                var path = operation.PathTemplate;
                foreach (var other in operation.PathParameters)
                {
                    var value = other == parameter ? (bad.Contains('%', StringComparison.Ordinal) ? bad : Uri.EscapeDataString(bad)) : ValidPathValue(operation, other, resources);
                    path = path.Replace("{" + other.Name + "}", value, StringComparison.Ordinal);
                }

                yield return Make("malformed-path-id", path, operation.HasBody ? ValidBody(document, operation) : null, operation.HasBody ? operation.RequestContentTypes[0] : null);
            }
        }

        foreach (var @case in QueryCases(operation, resources, validPath, requiredQuery))
        {
            yield return Make(@case.Kind, @case.Url);
        }

        if (!operation.HasBody)
        {
            yield break;
        }

        var contentType = operation.RequestContentTypes[0];
        var otherType = contentType == Json ? "text/plain" : Json;
        foreach (var wrong in new[] { otherType, "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" })
        {
            yield return Make("wrong-content-type", url, ValidBody(document, operation), wrong);
        }

        yield return Make("wrong-content-type", url, ValidBody(document, operation), null);
        if (!operation.RequestContentTypes.Contains(Json))
        {
            // Import bodies (NDJSON, CSV) report a bad row in a 200 answer by contract: only their content type is bad input here.
            yield break;
        }

        yield return Make("empty-body", url, [], Json);
        foreach (var text in MalformedJson)
        {
            yield return Make("malformed-json", url, Encoding.UTF8.GetBytes(text), Json);
        }

        var sample = document.SampleBody(operation.RequestBodySchema!.Value);
        var sampleText = sample.ToJsonString();
        yield return Make("truncated-json", url, Encoding.UTF8.GetBytes(sampleText[..(sampleText.Length / 2)]), Json);
        yield return Make("truncated-json", url, Encoding.UTF8.GetBytes(sampleText[..^1]), Json);
        foreach (var root in new[] { "[]", "42", "\"text\"", "null", "true" })
        {
            yield return Make("wrong-type", url, Encoding.UTF8.GetBytes(root), Json);
        }

        var deepArrays = new string('[', 1000) + new string(']', 1000);
        var deepObjects = string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000);
        foreach (var deep in new[] { deepArrays, deepObjects })
        {
            yield return Make("deep-nesting", url, Encoding.UTF8.GetBytes(deep), Json);
            var first = document.PropertiesOf(operation.RequestBodySchema.Value).FirstOrDefault().Name ?? "x";
            yield return Make("deep-nesting", url, WithRaw(sample, first, deep), Json);
        }

        var twoMegabyteStringSent = false;
        foreach (var (name, schema) in document.PropertiesOf(operation.RequestBodySchema.Value))
        {
            var type = OpenApiSchemas.TypeOf(schema);
            var format = OpenApiSchemas.FormatOf(schema);
            foreach (var wrong in WrongTypes(type, format))
            {
                yield return Make("wrong-type", url, WithRaw(sample, name, wrong), Json);
            }

            if (type is "integer" or "number")
            {
                foreach (var number in Overflowing(name, type, format))
                {
                    yield return Make("number-boundary", url, WithRaw(sample, name, number), Json);
                }
            }

            if (type == "string" && format is null && OpenApiSchemas.EnumOf(schema).Count == 0)
            {
                yield return Make("huge-string", url, WithRaw(sample, name, JsonSerializer.Serialize(HundredKilobytes)), Json);
                if (!twoMegabyteStringSent)
                {
                    twoMegabyteStringSent = true;
                    yield return Make("huge-string", url, WithRaw(sample, name, JsonSerializer.Serialize(TwoMegabytes)), Json);
                }

                foreach (var raw in new[] { "\"a\\u0000b\"", "\"\\u0000\"" })
                {
                    yield return Make("nul-character", url, WithRaw(sample, name, raw), Json);
                }

                foreach (var raw in new[] { "\"a\\ud800b\"", "\"\\udc00\"", "\"x\\ud83d\"" })
                {
                    yield return Make("invalid-unicode", url, WithRaw(sample, name, raw), Json);
                }

                foreach (var bytes in new byte[][] { [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80] })
                {
                    yield return Make("invalid-utf8", url, WithBytes(sample, name, bytes), Json);
                }
            }

            if (type == "object")
            {
                // Free-form JSON (metadata) is stored as jsonb, which refuses NUL and lone surrogates.
                foreach (var raw in new[] { "{\"k\":\"a\\u0000b\"}", "{\"a\\u0000\":1}" })
                {
                    yield return Make("nul-character", url, WithRaw(sample, name, raw), Json);
                }

                foreach (var raw in new[] { "{\"k\":\"\\ud800\"}", "{\"\\udc00\":1}" })
                {
                    yield return Make("invalid-unicode", url, WithRaw(sample, name, raw), Json);
                }

                yield return Make("invalid-utf8", url, WithBytes(sample, name, [.. "{\"k\":\""u8, 0xFF, .. "\"}"u8], quote: false), Json);
            }

            if (OpenApiSchemas.EnumOf(schema).Count > 0)
            {
                yield return Make("unknown-enum", url, WithRaw(sample, name, "\"no_such_value\""), Json);
            }

            if (type == "array")
            {
                var many = "[" + string.Join(',', Enumerable.Repeat("\"x\"", 20_000)) + "]";
                yield return Make("huge-array", url, WithRaw(sample, name, many), Json);
                var tooMany = "[" + string.Join(',', Enumerable.Repeat("1", 1_100_000)) + "]";
                yield return Make("huge-array", url, WithRaw(sample, name, tooMany), Json);
            }
        }
    }

    private static IEnumerable<(string Kind, string Url)> QueryCases(OpenApiOperation operation, Resources resources, string path, string requiredQuery)
    {
        foreach (var parameter in operation.QueryParameters)
        {
            var values = new List<(string Kind, string Value)>();
            var type = OpenApiSchemas.TypeOf(parameter.Schema);
            var format = OpenApiSchemas.FormatOf(parameter.Schema);
            var enumValues = OpenApiSchemas.EnumOf(parameter.Schema);
            if (parameter.Name == "cursor")
            {
                var middle = resources.Cursor.Length / 2;
                var tampered = resources.Cursor[..middle] + (resources.Cursor[middle] == 'A' ? 'B' : 'A') + resources.Cursor[(middle + 1)..];
                values.AddRange(new[] { "garbage!!", "AAAA", "eyJ9", tampered, resources.Cursor + "x", resources.Cursor[..(resources.Cursor.Length / 2)], "%00", new string('A', 5000) }
                    .Select(v => ("cursor", v)));
            }
            else if (parameter.Name == "limit")
            {
                values.AddRange(new[] { "abc", "-1", "0", "101", "1.5", "99999999999999999999", "NaN" }.Select(v => ("query-wrong-type", v)));
            }
            else if (enumValues.Count > 0 || parameter.Name is "sort" or "format")
            {
                values.AddRange(new[] { "no_such_value", "%00", "1" }.Select(v => ("unknown-enum", v)));
            }
            else if (type is "integer" or "number")
            {
                values.AddRange(new[] { "abc", "NaN", "1e400", "99999999999999999999999999999999", "--1" }.Select(v => ("query-wrong-type", v)));
            }
            else if (type == "boolean")
            {
                values.AddRange(new[] { "maybe", "2", "yes%00" }.Select(v => ("query-wrong-type", v)));
            }
            else if (format == "uuid")
            {
                values.AddRange(new[] { "not-a-uuid", "12345", "%00" }.Select(v => ("query-wrong-type", v)));
            }
            else if (format == "date-time")
            {
                values.AddRange(new[] { "not-a-date", "2026-13-45T99:00:00Z", "%00" }.Select(v => ("query-wrong-type", v)));
            }
            else
            {
                values.AddRange(new[] { "a%00b", "%FF", "%ED%A0%80" }.Select(v => ("query-bad-text", v)));
            }

            var others = requiredQuery.Replace($"&{parameter.Name}=sample", string.Empty, StringComparison.Ordinal);
            foreach (var (kind, value) in values)
            {
                var encoded = value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
                yield return (kind, $"{path}?{parameter.Name}={encoded}{others}");
            }
        }
    }

    private static IEnumerable<string> WrongTypes(string? type, string? format) => type switch
    {
        "integer" or "number" => ["\"abc\"", "true", "[1]", "{\"v\":1}"],
        "boolean" => ["\"maybe\"", "2", "[true]"],
        "array" => ["\"not an array\"", "7", "{\"0\":\"x\"}"],
        "object" => ["\"not an object\"", "7", "[1,2]"],
        "string" when format == "uuid" => ["\"not-a-uuid\"", "12345", "[\"x\"]"],
        "string" when format == "date-time" => ["\"not-a-date\"", "12345", "{\"y\":1}"],
        "string" => ["12345", "true", "[\"x\"]", "{\"s\":\"x\"}"],
        _ => [],
    };

    private static IEnumerable<string> Overflowing(string name, string type, string? format)
    {
        yield return "1e400";
        yield return "-1e400";
        yield return "79228162514264337593543950336";
        yield return "\"NaN\"";
        yield return "\"Infinity\"";
        yield return "\"-Infinity\"";
        if (type == "integer")
        {
            yield return format == "int64" ? "9223372036854775808" : "2147483648";
            yield return format == "int64" ? "-9223372036854775809" : "-2147483649";
            yield return "1.5";
        }
        else
        {
            yield return "100000000000";
        }

        if (name is "price" or "compareAtPrice" or "cost" or "stockQuantity" or "lowStockThreshold" or "weight" or "rating" or "rateLimit")
        {
            yield return "-1";
        }
    }

    private static byte[] ValidBody(OpenApiOperations document, OpenApiOperation operation) =>
        operation.RequestContentTypes[0] == Json && operation.RequestBodySchema is { } schema
            ? Encoding.UTF8.GetBytes(document.SampleBody(schema).ToJsonString())
            : Encoding.UTF8.GetBytes("{\"name\":\"Bad input sample\",\"price\":1}\n");

    /// <summary>The sample with <paramref name="name"/>'s value replaced by raw JSON text (which need not be valid).</summary>
    private static byte[] WithRaw(JsonObject sample, string name, string raw) =>
        WithBytes(sample, name, Encoding.UTF8.GetBytes(raw), quote: false);

    private static byte[] WithBytes(JsonObject sample, string name, byte[] bytes, bool quote = true)
    {
        const string Marker = "\"__bad_input_marker__\"";
        var copy = (JsonObject)sample.DeepClone();
        copy[name] = "__bad_input_marker__";
        var text = copy.ToJsonString();
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(text[..at]));
        if (quote)
        {
            stream.WriteByte((byte)'"');
        }

        stream.Write(bytes);
        if (quote)
        {
            stream.WriteByte((byte)'"');
        }

        stream.Write(Encoding.UTF8.GetBytes(text[(at + Marker.Length)..]));
        return stream.ToArray();
    }

    private static async Task<Outcome> SendAsync(HttpClient client, Case @case, Resources resources, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(@case.Method, @case.Url);
        if (@case.Body is not null)
        {
            request.Content = new ByteArrayContent(@case.Body);
            if (@case.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(@case.ContentType);
            }
        }

        if (IfMatchFor(@case, resources) is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Outcome(@case, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException exception)
        {
            // A response that broke off mid-stream (an exception after the headers were sent) counts as a server error.
            return new Outcome(@case, 599, null, "broken response: " + exception.InnerException?.InnerException?.Message);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
