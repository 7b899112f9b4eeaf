using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// The JSON settings MVC's output formatter writes answers with, for the answers written outside it (the generated
/// read models, ADR-074 and ADR-122; the category tree's cached bytes, ADR-102), so that no answer shows which writer
/// wrote it. They are the formatter's own options, not <see cref="JsonOptions"/>' as configured: with no encoder set
/// there, the formatter writes with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (an apostrophe, an
/// ampersand or "é" as themselves), where a serializer given the configured options escapes them (\u0027, \u0026,
/// \u00E9).
/// </summary>
public sealed class ResponseJson
{
    public ResponseJson(IOptions<MvcOptions> mvc)
    {
        Options = mvc.Value.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().First().SerializerOptions;
        WriterOptions = new JsonWriterOptions
        {
            Encoder = Options.Encoder,
            Indented = Options.WriteIndented,
            MaxDepth = Options.MaxDepth,
            // As the serializer's own writer is set up (its output is valid by construction).
            SkipValidation = true,
        };
    }

    /// <summary>The serializer options of MVC's formatter (the configured <see cref="JsonOptions"/> and its encoder).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The same settings for a writer, for a serializer run with another context's options (generated code).</summary>
    public JsonWriterOptions WriterOptions { get; }
}
