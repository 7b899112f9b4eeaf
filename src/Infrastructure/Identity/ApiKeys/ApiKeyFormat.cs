using System.Security.Cryptography;
using System.Text;

namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>
/// <c>ck_live_{prefix:12}_{secret:32}_{crc:6}</c>, all base62: recognisable (secret scanners can match it),
/// a 190-bit secret, and a CRC-32 over the rest so that a mistyped or made-up key is refused before any database
/// look-up. The stored prefix is <c>ck_live_{prefix}</c>; the stored hash is SHA-256 of the whole key.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "ck_live_";
    public const int PrefixLength = 12;
    public const int SecretLength = 32;
    public const int ChecksumLength = 6;
    public const int KeyLength = 8 + PrefixLength + 1 + SecretLength + 1 + ChecksumLength;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static (string Key, string Prefix) Generate()
    {
        var prefix = Marker + RandomBase62(PrefixLength);
        var body = prefix + "_" + RandomBase62(SecretLength);
        return (body + "_" + Checksum(body), prefix);
    }

    /// <summary>Checks shape and checksum only (no I/O); answers the stored prefix of a well-formed key.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, out string prefix)
    {
        prefix = string.Empty;
        if (key.Length != KeyLength || !key.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var prefixEnd = Marker.Length + PrefixLength;
        var secretEnd = prefixEnd + 1 + SecretLength;
        if (key[prefixEnd] != '_' || key[secretEnd] != '_'
            || !IsBase62(key[Marker.Length..prefixEnd]) || !IsBase62(key[(prefixEnd + 1)..secretEnd]))
        {
            return false;
        }

        var body = key[..secretEnd];
        if (!key[(secretEnd + 1)..].SequenceEqual(Checksum(body)))
        {
            return false;
        }

        prefix = key[..prefixEnd].ToString();
        return true;
    }

    public static string Hash(string key) => SecureTokens.Sha256Hex(key);

    private static string Checksum(ReadOnlySpan<char> body)
    {
        Span<byte> bytes = stackalloc byte[body.Length];
        Encoding.ASCII.GetBytes(body, bytes);
        var crc = Crc32(bytes);
        Span<char> chars = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(chars);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static string RandomBase62(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    private static bool IsBase62(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
