using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Catalog.WebApi.Infrastructure;

/// <summary>Strong ETags from a row version (PostgreSQL's xmin), and the conditional-request checks around them.</summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version}\"";

    /// <summary>200 with an ETag, or 304 when the client's If-None-Match already names it.</summary>
    public static IActionResult OkWithETag<T>(this ControllerBase controller, T body, uint version)
    {
        var etag = Format(version);
        controller.Response.Headers.ETag = etag;
        var ifNoneMatch = controller.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Tag == "*" || (!t.IsWeak && t.Tag == etag)))
        {
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        // The single-resource read models are written by generated code (ADR-074); anything else by MVC's formatter.
        return GeneratedJsonResult.For(body) ?? (IActionResult)controller.Ok(body);
    }

    /// <summary>The version an If-Match header names; null when the header is absent or unparseable.</summary>
    public static uint? ParseIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length < 3 || header[0] != '"' || header[^1] != '"')
        {
            return null;
        }

        return uint.TryParse(header.AsSpan(1, header.Length - 2), out var version) ? version : null;
    }
}
