using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// Encrypts an outbox mail body (a verification or reset link with its token) at rest: AES-256-GCM, a random 12-byte
/// nonce per message, the key derived (HKDF) from <c>Jwt:SigningKey</c> so that a database or a backup alone does not
/// reveal the link (ADR-076). Stored as <c>v1:</c> + base64(nonce | ciphertext | tag) in the existing text column.
/// </summary>
internal sealed class OutboxBodyProtector(IConfiguration configuration)
{
    private const string Prefix = "v1:";
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _key = HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"] ?? throw new InvalidOperationException("Jwt:SigningKey must be configured.")),
        32,
        info: "catalog-outbox-v1"u8.ToArray());

    public string Protect(string body)
    {
        var plaintext = Encoding.UTF8.GetBytes(body);
        var buffer = new byte[NonceLength + plaintext.Length + TagLength];
        var nonce = buffer.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, plaintext, buffer.AsSpan(NonceLength, plaintext.Length), buffer.AsSpan(NonceLength + plaintext.Length));
        return Prefix + Convert.ToBase64String(buffer);
    }

    /// <summary>The body, or false when it is not one this key sealed (another key, tampered, or a plaintext row).</summary>
    public bool TryUnprotect(string stored, out string body)
    {
        body = string.Empty;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] buffer;
        try
        {
            buffer = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (buffer.Length < NonceLength + TagLength)
        {
            return false;
        }

        var cipherLength = buffer.Length - NonceLength - TagLength;
        var plaintext = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagLength);
            aes.Decrypt(buffer.AsSpan(0, NonceLength), buffer.AsSpan(NonceLength, cipherLength), buffer.AsSpan(NonceLength + cipherLength), plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        body = Encoding.UTF8.GetString(plaintext);
        return true;
    }
}
