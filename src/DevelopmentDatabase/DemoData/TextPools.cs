using Bogus;
using Catalog.Domain.Common;

namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// Words and sentences drawn once from Bogus (seeded), then combined by the hot loops with a plain
/// <see cref="Random"/>: Bogus per row would make the 1m load several times slower.
/// </summary>
internal sealed class TextPools
{
    public TextPools(int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        Departments = Distinct(() => faker.Commerce.Department(1), 200);
        Adjectives = Distinct(faker.Commerce.ProductAdjective, 400);
        Materials = Distinct(faker.Commerce.ProductMaterial, 400);
        Nouns = Distinct(faker.Commerce.Product, 400);
        Colors = Distinct(() => faker.Commerce.Color(), 400);
        Companies = Enumerable.Range(0, 3_000).Select(_ => faker.Company.CompanyName()).ToArray();
        CompanySuffixes = ["Labs", "Works", "Supply", "Goods", "Outfitters", "Studio", "Collective", "Trading", "Co", "Brothers"];
        FirstNames = Enumerable.Range(0, 500).Select(_ => faker.Name.FirstName()).Distinct().ToArray();
        LastNames = Enumerable.Range(0, 500).Select(_ => faker.Name.LastName()).Distinct().ToArray();
        ProductSentences = Enumerable.Range(0, 400).Select(_ => faker.Commerce.ProductDescription()).Distinct()
            .Concat(Enumerable.Range(0, 400).Select(_ => faker.Lorem.Sentence(8, 10)))
            .ToArray();
        CatchPhrases = Enumerable.Range(0, 400).Select(_ => faker.Company.CatchPhrase()).ToArray();
        Tags = Adjectives.Concat(Materials).Concat(Colors).Select(t => Slug.From(t)).Concat(ExtraTags).Distinct().ToArray();
        UserAgents = Enumerable.Range(0, 50).Select(_ => faker.Internet.UserAgent()).ToArray();
        ReviewSentences = Enumerable.Range(0, 300).Select(_ => faker.Rant.Review("product")).ToArray();
    }

    public string[] Departments { get; }
    public string[] Adjectives { get; }
    public string[] Materials { get; }
    public string[] Nouns { get; }
    public string[] Colors { get; }
    public string[] Companies { get; }
    public string[] CompanySuffixes { get; }
    public string[] FirstNames { get; }
    public string[] LastNames { get; }
    public string[] ProductSentences { get; }
    public string[] CatchPhrases { get; }
    public string[] Tags { get; }
    public string[] UserAgents { get; }
    public string[] ReviewSentences { get; }

    public static readonly string[] ExtraTags =
        ["new", "sale", "bestseller", "eco", "gift", "limited-edition", "handmade", "bundle", "clearance", "premium"];

    public static readonly string[] Editions = ["", "", "", " Pro", " Mini", " Max", " Lite", " 2-Pack", " Classic", " Plus", " XL"];

    public static readonly string[][] Titles =
    [
        ["Broke within a week", "Very disappointed", "Not as described", "Would not buy again", "Waste of money"],
        ["Not great", "Below expectations", "Meh", "Some issues", "Could be better"],
        ["It's okay", "Average", "Does the job", "Fine for the price", "Mixed feelings"],
        ["Very good", "Solid purchase", "Happy with it", "Good value", "Recommended"],
        ["Love it!", "Exceeded expectations", "Best purchase this year", "Perfect", "Absolutely great"],
    ];

    public static readonly string[] Pros = ["Good value", "Well made", "Fast delivery", "Looks great", "Easy to use", "Durable", "Lightweight", "Great finish"];

    public static readonly string[] Cons = ["Pricey", "Instructions unclear", "Runs small", "Packaging damaged", "Heavier than expected", "Limited colours"];

    private static string[] Distinct(Func<string> next, int draws) =>
        Enumerable.Range(0, draws).Select(_ => next()).Distinct(StringComparer.Ordinal).ToArray();
}
