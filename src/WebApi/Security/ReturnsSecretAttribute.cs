namespace Catalog.WebApi.Security;

/// <summary>
/// Endpoint metadata: a successful answer of this action carries a secret shown once (an access or refresh token, a
/// plaintext API key). The idempotency middleware never stores such an answer; a replay of its key is a 409 that hands
/// out nothing and does not run the action again (ADR-076).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReturnsSecretAttribute : Attribute
{
    /// <summary>
    /// The request itself presents a single-use secret (a refresh token): its <c>Idempotency-Key</c> is ignored and a
    /// repeat runs the action again, which is a second use of that secret (refresh-token reuse detection).
    /// </summary>
    public bool SingleUseInput { get; set; }
}
