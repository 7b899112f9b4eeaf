using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.Application.Common.Idempotency;
using Catalog.Application.Common.Security;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Idempotency;

/// <summary>
/// Idempotency-Key on any POST of a signed-in caller (user or API key): the first request claims (caller, key) with a
/// hash of its method, path and body and stores its response (status, body, content type, Location/ETag) for 24 hours.
/// A replay gets that response without the work being done again; the same key with a different request is 422; a
/// duplicate while the first is still running is 409. 5xx answers and exceptions are not stored, so the client may retry
/// them with the same key. A success of a <see cref="ReturnsSecretAttribute"/> action is stored without its body and
/// its replay is 409 (the secret is shown once); anonymous requests run without a store (ADR-076).
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next, IIdempotencyStore store, IProblemDetailsService problems, IConfiguration configuration)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>Largest answer kept for replay (256 KB): a larger one is passed through and not stored.</summary>
    public const int MaxStoredBodyBytes = 256 * 1024;
    public const string SecretNotReplayedCode = "idempotency.secret_not_replayed";
    private static readonly string[] ReplayedHeaders = ["Location", "ETag", "Content-Location"];

    // The stored request hash is keyed (HMAC, key derived from the JWT signing key as the cursor codec's is): a body that
    // carries a password (sign-in, /me/password) must not leave a fast, unkeyed hash of it to guess against (ADR-076).
    private readonly byte[] _hashKey = HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Jwt:SigningKey must be configured.")),
        32,
        info: "catalog-idempotency-request-v1"u8.ToArray());

    // Not async: a request without the header (every read) passes straight on.
    public Task InvokeAsync(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.TryGetValue(HeaderName, out var values)
            ? HandleKeyedAsync(context, values.ToString())
            : next(context);

    private async Task HandleKeyedAsync(HttpContext context, string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, $"The Idempotency-Key header must be 1 to {MaxKeyLength} printable characters.");
            return;
        }

        // A request presenting a single-use secret is its own idempotency: a repeat is a second use and is treated as one.
        // An anonymous caller has nothing to key a store by (an address is shared and spoofable): its request just runs.
        var secret = context.GetEndpoint()?.Metadata.GetMetadata<ReturnsSecretAttribute>();
        var caller = CallerOf(context);
        if (secret?.SingleUseInput == true || caller is null)
        {
            await next(context);
            return;
        }

        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var hash = await HashRequestAsync(context.Request, path);
        if (!await store.TryClaimAsync(caller, key, context.Request.Method, path[..Math.Min(path.Length, 2000)], hash, context.RequestAborted))
        {
            await AnswerFromStoreAsync(context, caller, key, hash, secret is not null);
            return;
        }

        context.Response.Headers[HeaderName] = key;
        await RunAndStoreAsync(context, caller, key, secret is not null);
    }

    private async Task RunAndStoreAsync(HttpContext context, string caller, string key, bool returnsSecret)
    {
        var original = context.Response.Body;
        await using var buffer = new CappedResponseBuffer(original, MaxStoredBodyBytes);
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            // An answer over the cap has already gone to the client as it was written, and is not stored: its key is
            // released, and a retry runs again (the one such answer, an import report, comes from an upsert by SKU).
            if (context.Response.StatusCode < 500 && !buffer.Overflowed)
            {
                var headers = ReplayedHeaders
                    .Where(h => context.Response.Headers.ContainsKey(h))
                    .ToDictionary(h => h, h => context.Response.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
                // The secret in a success is shown once: only the fact that the request was answered is kept.
                if (returnsSecret && IsSuccess(context.Response.StatusCode))
                {
                    await store.CompleteAsync(caller, key, context.Response.StatusCode, null, null, new Dictionary<string, string>());
                }
                else
                {
                    await store.CompleteAsync(caller, key, context.Response.StatusCode, buffer.Held(), context.Response.ContentType, headers);
                }
                stored = true;
            }

            if (!buffer.Overflowed)
            {
                await buffer.ReleaseAsync(context.RequestAborted);
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!stored)
            {
                await store.ReleaseAsync(caller, key);
            }
        }
    }

    private async Task AnswerFromStoreAsync(HttpContext context, string caller, string key, string hash, bool returnsSecret)
    {
        var record = await store.ReadAsync(caller, key, context.RequestAborted);
        if (record is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is being processed; retry shortly.");
            return;
        }

        if (record.StatusCode is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed; retry shortly.");
            return;
        }

        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was already used with a different request.");
            return;
        }

        // Also covers a record stored with its body before secrets were left out: it is never handed out.
        if (returnsSecret && IsSuccess(record.StatusCode.Value))
        {
            context.Response.Headers[HeaderName] = key;
            await WriteProblemAsync(
                context,
                StatusCodes.Status409Conflict,
                "The request with this Idempotency-Key succeeded; its answer carried a secret, which is shown only once and is not kept. Send a new request with a new key.",
                SecretNotReplayedCode);
            return;
        }

        context.Response.StatusCode = record.StatusCode.Value;
        context.Response.Headers[HeaderName] = key;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        Catalog.Application.Common.Observability.CatalogTelemetry.IdempotentReplay();
        if (record.Headers is not null)
        {
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(record.Headers) ?? [])
            {
                context.Response.Headers[name] = value;
            }
        }

        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Body is { Length: > 0 })
        {
            await context.Response.Body.WriteAsync(record.Body, context.RequestAborted);
        }
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private static string? CallerOf(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var apiKey = user.FindFirstValue(CatalogClaims.ApiKeyId);
            if (apiKey is not null)
            {
                return "key:" + apiKey;
            }

            var subject = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
            if (subject is not null)
            {
                return "user:" + subject;
            }
        }

        return null;
    }

    private async Task<string> HashRequestAsync(HttpRequest request, string path)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _hashKey);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + path + "\n" + request.ContentType + "\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private Task WriteProblemAsync(HttpContext context, int status, string detail, string? code = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Title = ReasonPhrase(status) };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
