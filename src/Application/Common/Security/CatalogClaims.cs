namespace Catalog.Application.Common.Security;

/// <summary>
/// The claim names Catalog puts into its tokens and principals: written by the token issuer and the API-key scheme,
/// read by the web layer (current user, rate limits, idempotency). One contract, so it sits with the ports.
/// </summary>
public static class CatalogClaims
{
    public const string Role = "role";
    public const string SecurityStamp = "stamp";
    public const string Permission = "perm";
    public const string ApiKeyId = "api_key_id";
}
