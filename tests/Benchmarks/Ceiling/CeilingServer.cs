using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using Npgsql;

namespace Catalog.Benchmarks.Ceiling;

/// <summary>
/// The in-process ceiling: Kestrel, one minimal endpoint per read scenario running the scenario's SQL with raw
/// Npgsql and writing the rows as JSON. No MVC, MediatR, authentication or problem details: what is left of a
/// request when the pipeline is gone, on the same machine, runtime and database.
/// </summary>
internal static class CeilingServer
{
    public static async Task<int> RunAsync(ToolArguments options)
    {
        var scenarios = ScenarioFile.Load(options.Required("scenarios"))
            .Where(s => s.Sql is not null)
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Optional("urls") ?? "http://127.0.0.1:5095");
        var dataSource = NpgsqlDataSource.Create(options.Required("connection"));
        await using var app = builder.Build();
        app.MapGet("/static", () => Results.Text("{\"ok\":true}", "application/json"));
        app.MapGet("/ceiling/{scenario}", async (string scenario, HttpContext context) =>
        {
            if (!scenarios.TryGetValue(scenario, out var definition))
            {
                context.Response.StatusCode = 404;
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(context.RequestAborted);
            await using var command = new NpgsqlCommand(definition.Sql, connection);
            foreach (var (key, value) in context.Request.Query)
            {
                // One value per parameter: a repeated key would bind the values joined by commas, another parameter.
                if (value.Count != 1)
                {
                    context.Response.StatusCode = 400;
                    return;
                }

                command.Parameters.AddWithValue(key, value.ToString());
            }

            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            json.WriteStartArray();
            while (await reader.ReadAsync(context.RequestAborted))
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    var value = reader.GetValue(i);
                    if (value is DBNull)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        JsonSerializer.Serialize(json, value, value.GetType());
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            await json.FlushAsync(context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
