using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.Application.Common.Paging;
using Catalog.Domain.Common;
using Microsoft.Extensions.Configuration;

namespace Catalog.Infrastructure.Paging;

internal sealed class HmacCursorCodec : ICursorCodec
{
    private const int MacLength = 16;
    private const int MaxCursorLength = 2048;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly byte[] _key;

    public HmacCursorCodec(IConfiguration configuration)
    {
        // Paging:CursorKey if set; otherwise derived from the JWT signing key so a cluster of instances agrees.
        var secret = new[] { configuration["Paging:CursorKey"], configuration["Jwt:SigningKey"] }.FirstOrDefault(k => !string.IsNullOrEmpty(k))
            ?? throw new InvalidOperationException("Paging:CursorKey or Jwt:SigningKey must be configured.");
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "catalog-cursor-v1"u8.ToArray());
    }

    public string Encode<T>(string scope, T position)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(position, Json);
        var mac = Mac(scope, payload);
        var buffer = new byte[payload.Length + MacLength];
        payload.CopyTo(buffer, 0);
        mac.AsSpan(0, MacLength).CopyTo(buffer.AsSpan(payload.Length));
        return Base64Url.EncodeToString(buffer);
    }

    public Result<T> Decode<T>(string scope, string cursor)
    {
        var invalid = Error.Validation("cursor", "The cursor is invalid or does not belong to this list.");
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength || !Base64Url.IsValid(cursor))
        {
            return invalid;
        }

        var buffer = Base64Url.DecodeFromChars(cursor);
        if (buffer.Length <= MacLength)
        {
            return invalid;
        }

        var payload = buffer.AsSpan(0, buffer.Length - MacLength);
        var expected = Mac(scope, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), buffer.AsSpan(buffer.Length - MacLength)))
        {
            return invalid;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(payload, Json);
            return value is null ? invalid : value;
        }
        catch (JsonException)
        {
            return invalid;
        }
    }

    private byte[] Mac(string scope, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.UTF8.GetBytes(scope));
        hmac.AppendData([0]);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }
}
