using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// The one place where a request that could not be bound (bad JSON, a wrong JSON type, a bad route or query value, no
/// body) becomes a 400 problem. MVC's own messages name .NET types, reader positions and the C# parameter
/// ("command", "body"); here every error is rewritten to the field as the client sent it — a camelCase path such as
/// <c>email</c>, <c>dimensions.length</c> or <c>tags[2]</c>, <c>$</c> for the body as a whole, the query or route
/// name — and what was expected there ("expected a string"). See ADR-078.
/// </summary>
public static class BindingProblems
{
    public const string BodyKey = "$";

    public static IServiceCollection AddCatalogBindingProblems(this IServiceCollection services)
    {
        // PostConfigure: MVC sets its own factory when the controllers are added, after this.
        services.AddOptions<ApiBehaviorOptions>().PostConfigure(options => options.InvalidModelStateResponseFactory = Create);

        // Belt and braces: even if an error slipped past the rewrite, the formatter no longer hands over the
        // serializer's message (which names the target .NET type).
        services.AddOptions<Microsoft.AspNetCore.Mvc.JsonOptions>().PostConfigure(options => options.AllowInputFormatterExceptionMessages = false);
        return services;
    }

    private static IActionResult Create(ActionContext context)
    {
        var jsonOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;
        var errors = Rewrite(context.ModelState, context.ActionDescriptor, jsonOptions);
        var clean = new ModelStateDictionary();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                clean.AddModelError(field, message);
            }
        }

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, clean, StatusCodes.Status400BadRequest, detail: "The request could not be read; see errors.");
        problem.Extensions["code"] = "validation";
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    internal static Dictionary<string, List<string>> Rewrite(ModelStateDictionary modelState, ActionDescriptor action, JsonSerializerOptions jsonOptions)
    {
        var body = action.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var bodyUnreadable = false;
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            if (key.StartsWith('$'))
            {
                // The JSON input formatter: the key is the JSON path where reading stopped.
                bodyUnreadable = true;
                foreach (var error in entry.Errors)
                {
                    var (field, message) = DescribeJsonError(key, error.Exception, body?.ParameterType, jsonOptions);
                    Add(errors, field, message);
                }
            }
            else if (key.Length == 0 || (body is not null && string.Equals(key, body.Name, StringComparison.OrdinalIgnoreCase)))
            {
                // No body, or "The command field is required." after the body failed: the body as a whole.
                bodyUnreadable = true;
            }
            else
            {
                var parameter = action.Parameters.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
                var expected = parameter is null ? null : Expected(parameter.ParameterType, jsonOptions);
                Add(errors, FieldName(key), expected is null ? "The value is not valid." : $"Expected {expected}.");
            }
        }

        if (bodyUnreadable && !errors.Keys.Any(k => k == BodyKey || !IsQueryOrRoute(k, action)))
        {
            Add(errors, BodyKey, "A JSON object body is required.");
        }

        return errors;
    }

    private static bool IsQueryOrRoute(string field, ActionDescriptor action) =>
        action.Parameters.Any(p => p.BindingInfo?.BindingSource != BindingSource.Body && string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
    }

    private static (string Field, string Message) DescribeJsonError(string path, Exception? exception, Type? bodyType, JsonSerializerOptions options)
    {
        var field = path is "$" or "" ? BodyKey : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var text = exception?.Message ?? string.Empty;
        var fromReader = exception?.InnerException?.GetType().Name == "JsonReaderException" || exception?.GetType().Name == "JsonReaderException";
        if (text.Contains("maximum configured depth", StringComparison.Ordinal) || text.Contains("exceeds the maximum", StringComparison.Ordinal))
        {
            return (BodyKey, $"The JSON is nested too deeply (at most {options.MaxDepth} levels).");
        }

        if (fromReader)
        {
            return (BodyKey, "The body is not valid JSON.");
        }

        var expected = bodyType is null ? null : Expected(TypeAt(bodyType, field, options), options);
        if (expected is null)
        {
            return (field.Length == 0 ? BodyKey : field, "The value is not valid here.");
        }

        return (field.Length == 0 ? BodyKey : field, $"Expected {expected}.");
    }

    /// <summary>The .NET type the body expects at a JSON path such as <c>dimensions.length</c> or <c>tags[2]</c>.</summary>
    private static Type? TypeAt(Type root, string path, JsonSerializerOptions options)
    {
        if (path == BodyKey)
        {
            return root;
        }

        var type = root;
        foreach (var segment in Segments(path))
        {
            if (segment is null)
            {
                type = ElementType(type);
            }
            else
            {
                JsonTypeInfo info;
                try
                {
                    info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
                }
                catch (NotSupportedException)
                {
                    return null;
                }

                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
                type = property?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    // "a.b[2].c" → "a", "b", null (an element), "c"; STJ also writes odd names as ['name'].
    private static IEnumerable<string?> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    yield break;
                }

                var inner = path[(i + 1)..end];
                yield return inner.StartsWith('\'') ? inner.Trim('\'') : null;
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                yield return path[i..end];
                i = end;
            }
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>What a client should send for <paramref name="type"/>, in words; null when there is nothing useful to say.</summary>
    internal static string? Expected(Type? type, JsonSerializerOptions options)
    {
        if (type is null)
        {
            return null;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(Guid))
        {
            return "a UUID";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte))
        {
            return "an integer";
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return "a number";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "a date-time (RFC 3339, e.g. 2026-01-31T12:00:00Z)";
        }

        if (type == typeof(DateOnly))
        {
            return "a date (e.g. 2026-01-31)";
        }

        if (type.IsEnum)
        {
            var policy = JsonNamingPolicy.SnakeCaseLower;
            return "one of: " + string.Join(", ", Enum.GetNames(type).Select(policy.ConvertName));
        }

        if (type == typeof(JsonElement))
        {
            return "a JSON value of the documented shape";
        }

        if (type != typeof(string) && ElementType(type) is { } element)
        {
            var inner = Expected(element, options);
            return inner is null ? "an array" : $"an array of {Plural(inner)}";
        }

        return "a JSON object";
    }

    private static string Plural(string expected) => expected switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        "a number" => "numbers",
        "a UUID" => "UUIDs",
        "true or false" => "booleans",
        "a JSON object" => "objects",
        _ => "values (" + expected + ")",
    };

    private static string FieldName(string key) =>
        key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;
}
