using Catalog.Domain.Common;

namespace Catalog.Domain.UnitTests.Common;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Wireless Mouse", "wireless-mouse")]
    [InlineData("  Crème Brûlée & Co.  ", "creme-brulee-and-co")]
    [InlineData("Straße 9", "strasse-9")]
    [InlineData("Москва", "moskva")]
    [InlineData("--a--b--", "a-b")]
    [InlineData("!!!", "")]
    public void From_TransliteratesAndCollapses(string input, string expected) => Assert.Equal(expected, Slug.From(input));

    [Fact]
    public void From_TruncatesWithoutTrailingHyphen()
    {
        var slug = Slug.From(new string('a', 9) + " " + new string('b', 20), 10);
        Assert.Equal("aaaaaaaaa", slug);
    }

    [Theory]
    [InlineData("valid-slug", true)]
    [InlineData("Invalid", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_AcceptsOnlyCanonicalSlugs(string? slug, bool expected) => Assert.Equal(expected, Slug.IsValid(slug));

    [Fact]
    public void WithSuffix_StaysWithinMaxLength()
    {
        var slug = Slug.WithSuffix(new string('x', 100), 12, 100);
        Assert.Equal(100, slug.Length);
        Assert.EndsWith("-12", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/logo.png", true)]
    [InlineData("http://example.com", true)]
    [InlineData("ftp://example.com/x", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/relative/path", false)]
    public void WebUrl_AcceptsOnlyAbsoluteHttp(string url, bool expected) => Assert.Equal(expected, WebUrl.IsValid(url));
}
