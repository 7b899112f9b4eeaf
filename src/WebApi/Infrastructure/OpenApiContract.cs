using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.WebApi.Infrastructure;

/// <summary>
/// What makes the served document a contract clients generate from (ADR-082): a licence, tag descriptions, a server URL
/// without a trailing slash, problem responses declared as <c>application/problem+json</c>, and anonymous operations
/// that say so. Operation ids and summaries live on the actions (<c>[EndpointName]</c>, <c>[EndpointSummary]</c>).
/// </summary>
public static class OpenApiContract
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>One description per tag (a tag is a controller's name); a tag missing here fails the lint test.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["ApiKeys"] = "The caller's partner API keys; the secret appears only in the answers of create and rotate.",
        ["AuditLogs"] = "The audit trail of writes and refused requests (audit_logs:read).",
        ["Auth"] = "Accounts and sessions: registration, sign-in, token refresh, sign-out, email verification, password reset.",
        ["Brands"] = "Reads of brands: the storefront's (anonymous), and with brands:write inactive and deleted ones too (status).",
        ["Categories"] = "Reads of the category tree: the storefront's (anonymous), and with categories:write inactive and deleted categories too (status).",
        ["Database"] = "The database's health in numbers: tables, indexes, cache, connections, long queries, audit partitions, replication (database:read).",
        ["Jobs"] = "Background jobs: their schedules and last runs (jobs:read), and running one now (jobs:run).",
        ["ManageBrands"] = "Back-office writes to brands (brands:write, brands:delete).",
        ["ManageCategories"] = "Back-office writes to categories (categories:write, categories:delete).",
        ["ManageProducts"] = "Back-office writes to products: create, replace, delete, workflow, stock and import.",
        ["ManageReviews"] = "Writing, editing, deleting and voting on reviews (signed-in users; moderators delete any).",
        ["Me"] = "The signed-in user's own profile, password and sessions.",
        ["Permissions"] = "The permissions a role can hold (permissions:read).",
        ["Products"] = "Product reads: the storefront list, search and detail, and the back-office low-stock list and export.",
        ["Reviews"] = "Storefront reads of a product's reviews with its rating summary (anonymous).",
        ["Roles"] = "Roles and their permissions (permissions:read, permissions:write).",
        ["Users"] = "Back-office user administration (users:read, users:write, users:delete).",
    };

    /// <summary>Registers the contract's document and operation transformers on one OpenAPI document.</summary>
    public static OpenApiOptions AddCatalogContract(this OpenApiOptions options)
    {
        options.AddOperationTransformer(DescribeOperationAsync);
        options.AddDocumentTransformer(DescribeDocumentAsync);
        return options;
    }

    private static Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        // No open-source licence: an SPDX LicenseRef- identifier is how SPDX names a licence of one's own.
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };

        // The URL the document was fetched from, as the generator sets it, minus the trailing slash linters refuse.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }

        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                if (IsNullOrAnyJson(property))
                {
                    schema.Properties![name] = new OpenApiSchemaReference(AnyJsonSchema, document);
                }
            }
        }

        return Task.CompletedTask;
    }

    // `JsonElement` is any JSON value, null included, so "null or JsonElement" is JsonElement; the one-member union it
    // was written as makes Kiota warn and generate a wrapper type for nothing.
    private const string AnyJsonSchema = "JsonElement";

    private static bool IsNullOrAnyJson(IOpenApiSchema property) =>
        property is OpenApiSchema { OneOf: { Count: 2 } oneOf }
        && oneOf.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null })
        && oneOf.Any(s => s is OpenApiSchemaReference { Reference.Id: AnyJsonSchema });

    private static Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;

        // An error answer is an RFC 9457 problem: declare the media type the server sends, not the JSON formatters' list.
        foreach (var responseType in description.SupportedResponseTypes)
        {
            if (responseType.StatusCode >= 400
                && responseType.Type is not null
                && typeof(ProblemDetails).IsAssignableFrom(responseType.Type)
                && operation.Responses?.TryGetValue(responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse concrete
                && concrete.Content is { Count: > 0 } content
                && (content.Count > 1 || !content.ContainsKey(ProblemContentType)))
            {
                var mediaType = content.TryGetValue(ProblemContentType, out var problem) ? problem : content.Values.First();
                content.Clear();
                content[ProblemContentType] = mediaType;
            }
        }

        // Storefront reads and sign-in need no credentials: say so instead of inheriting the document's requirement.
        if (description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
        }

        // A product, brand or category path has one parameter, {idOrSlug}, of one type, so that a generated client has one
        // indexer for it; the write operations on it take the id only (a slug finds no route there, as before).
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Name: "idOrSlug", In: ParameterLocation.Path, Schema.Format: "uuid" } idOnly)
            {
                idOnly.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
                idOnly.Description = "The resource's id (a UUID): this operation does not take the slug.";
            }
            else if (parameter is OpenApiParameter { Name: "idOrSlug", In: ParameterLocation.Path } either)
            {
                either.Description = "The resource's id or its slug.";
            }
        }

        return Task.CompletedTask;
    }
}
