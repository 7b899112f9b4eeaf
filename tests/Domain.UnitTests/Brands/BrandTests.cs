using Catalog.Domain.Brands;
using Catalog.Domain.Common;

namespace Catalog.Domain.UnitTests.Brands;

public sealed class BrandTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_WithValidData_RaisesBrandChanged()
    {
        var result = Brand.Create("Acme", "acme", null, "https://acme.example/logo.png", "https://acme.example", null, true, Now);
        Assert.True(result.IsSuccess);
        Assert.Single(result.Value.DomainEvents.OfType<BrandChanged>());
    }

    [Theory]
    [InlineData("ftp://acme.example/logo.png", null, "logoUrl")]
    [InlineData(null, "acme.example", "websiteUrl")]
    public void Create_WithNonHttpUrl_FailsOnThatField(string? logo, string? website, string field)
    {
        var result = Brand.Create("Acme", "acme", null, logo, website, null, true, Now);
        Assert.Equal(ErrorType.Validation, result.Error!.Type);
        Assert.True(result.Error.Details!.ContainsKey(field));
    }

    [Fact]
    public void Delete_Twice_IsNotFound()
    {
        var brand = Brand.Create("Acme", "acme", null, null, null, null, true, Now).Value;
        Assert.True(brand.Delete(Now).IsSuccess);
        Assert.Equal(ErrorType.NotFound, brand.Delete(Now).Error!.Type);
    }

    [Fact]
    public void Restore_OnlyADeletedBrand_RaisesBrandChanged()
    {
        var brand = Brand.Create("Acme", "acme", null, null, null, null, true, Now).Value;
        Assert.Equal("brand.not_deleted", brand.Restore(Now).Error!.Code);
        Assert.True(brand.Delete(Now).IsSuccess);
        brand.ClearDomainEvents();
        Assert.True(brand.Restore(Now).IsSuccess);
        Assert.Null(brand.DeletedAt);
        Assert.Single(brand.DomainEvents.OfType<BrandChanged>());
    }
}
