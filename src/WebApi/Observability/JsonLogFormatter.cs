using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Catalog.WebApi.Observability;

/// <summary>
/// One JSON object per line (outside Development): <c>timestamp</c>, <c>level</c>, <c>category</c>, <c>eventId</c>,
/// <c>message</c>, <c>template</c> and its <c>values</c>, <c>traceId</c> and <c>spanId</c> of the current span,
/// <c>requestId</c> (the request's X-Request-Id) and <c>exception</c>. Flat fields, so that a log pipeline finds the
/// trace id where it looks for it; the framework's JSON formatter nests them in scopes.
/// </summary>
internal sealed class JsonLogFormatter(IHttpContextAccessor httpContextAccessor) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "catalog-json";

    private const string OriginalFormat = "{OriginalFormat}";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", message);
            WriteTemplate(json, logEntry.State as IReadOnlyList<KeyValuePair<string, object?>>);
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (httpContextAccessor.HttpContext?.TraceIdentifier is { } requestId)
            {
                json.WriteString("requestId", requestId);
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteTemplate(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>>? state)
    {
        if (state is null)
        {
            return;
        }

        var template = state.FirstOrDefault(p => p.Key == OriginalFormat).Value as string;
        if (template is not null)
        {
            json.WriteString("template", template);
        }

        json.WriteStartObject("values");
        foreach (var (key, value) in state)
        {
            if (key == OriginalFormat)
            {
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                case int or long or short or byte or uint or ushort or sbyte:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double or float or decimal when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                    json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        json.WriteEndObject();
    }
}
