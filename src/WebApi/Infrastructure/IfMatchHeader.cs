namespace Catalog.WebApi.Infrastructure;

/// <summary>What a write's If-Match header says: null when absent (428), 0 when it names no version we could issue (412).</summary>
public static class IfMatchHeader
{
    public static uint? Read(HttpRequest request)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return null;
        }

        return ETags.ParseIfMatch(request) ?? 0;
    }
}
