using Catalog.Application.Common.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Hardening;

/// <summary>
/// Refuses, with a 400 problem, text that PostgreSQL cannot store: a NUL character (U+0000, refused by <c>text</c>
/// and <c>jsonb</c>) or an unpaired UTF-16 surrogate (<c>"\ud800"</c>, refused by <c>jsonb</c>) anywhere in the query
/// string or in a JSON / NDJSON / CSV body, property names and free-form metadata included. Checked once here, before
/// binding, so that no validator can forget it (before this, such input reached the database and answered 500). ADR-072.
/// </summary>
internal sealed class InputTextGuardMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    // Not async: a request without a text body (every GET) passes straight on, without a state machine of its own.
    public Task InvokeAsync(HttpContext context)
    {
        if (QueryHasBadText(context.Request))
        {
            return RefuseAsync(context, "The query string must be valid percent-encoded UTF-8 without NUL characters.");
        }

        var kind = BodyKind(context.Request.ContentType);
        return kind == TextKind.None || context.Request.ContentLength == 0
            || context.GetEndpoint()?.Metadata.GetMetadata<StreamedBodyAttribute>() is not null
                ? next(context)
                : CheckBodyAsync(context, kind);
    }

    private async Task CheckBodyAsync(HttpContext context, TextKind kind)
    {
        // Bodies are capped (RequestBodyLimitMiddleware, 256 KB unless an endpoint declares more) and this runs after
        // authentication, rate limiting and endpoint authorization, so buffering one to look at it is bounded and only
        // spent on a caller who may send it. An endpoint that streams a large body ([StreamedBody]) checks it itself.
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (BodyHasBadText(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), kind))
        {
            await RefuseAsync(context, "The body must not contain NUL characters or unpaired UTF-16 surrogates.");
            return;
        }

        await next(context);
    }

    private enum TextKind { None, Json, JsonLines, Csv }

    private static TextKind BodyKind(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        return mediaType switch
        {
            null or "" => TextKind.None,
            _ when mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) => TextKind.Json,
            _ when mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase) => TextKind.JsonLines,
            _ when mediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) => TextKind.Csv,
            _ => TextKind.None,
        };
    }

    /// <summary>
    /// The framework decodes invalid percent-encoded UTF-8 (<c>%FF</c>, an encoded surrogate <c>%ED%A0%80</c>) to U+FFFD
    /// without a word; the raw query is checked instead, so that such a value is refused rather than silently changed.
    /// </summary>
    internal static bool QueryHasBadText(HttpRequest request)
    {
        var raw = request.QueryString.Value;
        if (string.IsNullOrEmpty(raw) || !raw.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && byte.TryParse(raw.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var decoded))
            {
                bytes.Add(decoded);
                i += 2;
            }
            else
            {
                bytes.Add((byte)raw[i]);
            }
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        return span.IndexOf((byte)0) >= 0 || !System.Text.Unicode.Utf8.IsValid(span);
    }

    private static bool BodyHasBadText(ReadOnlySpan<byte> body, TextKind kind)
    {
        if (body.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        if (kind == TextKind.Csv || body.IndexOf((byte)'\\') < 0)
        {
            return false;
        }

        if (kind == TextKind.Json)
        {
            return StorableText.JsonHasUnstorableText(body);
        }

        for (var rest = body; !rest.IsEmpty;)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (StorableText.JsonHasUnstorableText(line))
            {
                return true;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return false;
    }

    private Task RefuseAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Bad Request",
                Detail = detail,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
        }).AsTask();
    }
}
