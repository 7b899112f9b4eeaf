using Catalog.Infrastructure.Identity;
using Catalog.Infrastructure.Identity.ApiKeys;

namespace Catalog.IntegrationTests.ApiKeys;

/// <summary>Pure checks of the key format and the password list; no database.</summary>
public sealed class ApiKeyFormatTests
{
    [Fact]
    public void GeneratedKeys_ParseBackToTheirPrefix_AndAreUnique()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.Generate()).ToList();
        Assert.All(keys, k =>
        {
            Assert.True(ApiKeyFormat.TryParse(k.Key, out var prefix));
            Assert.Equal(k.Prefix, prefix);
            Assert.Equal(ApiKeyFormat.KeyLength, k.Key.Length);
        });
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
    }

    [Fact]
    public void AnyChangedCharacter_FailsTheChecksum()
    {
        var (key, _) = ApiKeyFormat.Generate();
        for (var i = ApiKeyFormat.Marker.Length; i < key.Length; i++)
        {
            if (key[i] == '_')
            {
                continue;
            }

            var changed = key[..i] + (key[i] == 'x' ? 'y' : 'x') + key[(i + 1)..];
            Assert.False(ApiKeyFormat.TryParse(changed, out _), $"position {i}");
        }
    }

    [Fact]
    public void CommonPasswordList_HasThousandsOfEntries_AndMatchesCaseInsensitively()
    {
        var policy = new CommonPasswordPolicy();
        Assert.True(CommonPasswordPolicy.Count > 3000);
        Assert.True(policy.IsCommon("Password1"));
        Assert.True(policy.IsCommon("QWERTYUIOP"));
        Assert.False(policy.IsCommon("correct horse battery staple"));
    }
}
