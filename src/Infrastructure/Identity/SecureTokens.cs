using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Infrastructure.Identity;

/// <summary>Random opaque tokens and their stored form (hex SHA-256).</summary>
public static class SecureTokens
{
    /// <summary>A URL-safe token of <paramref name="bytes"/> random bytes (32 → 256 bits).</summary>
    public static string New(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
