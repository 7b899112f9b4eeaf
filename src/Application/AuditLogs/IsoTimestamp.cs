using System.Globalization;

namespace Catalog.Application.AuditLogs;

/// <summary>Strict ISO-8601 instants for the <c>from</c>/<c>to</c> filters; a date or a time without offset is UTC.</summary>
public static class IsoTimestamp
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    public static DateTimeOffset? ParseOrNull(string? value) =>
        value is not null && TryParse(value, out var instant) ? instant : null;
}
