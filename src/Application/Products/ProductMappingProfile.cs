using System.Text.Json;
using AutoMapper;
using Catalog.Domain.Products;

namespace Catalog.Application.Products;

internal sealed class ProductMappingProfile : Profile
{
    public ProductMappingProfile() =>
        CreateMap<Product, ProductResponse>()
            .ForCtorParam(nameof(ProductResponse.Dimensions), o => o.MapFrom(p => Parse(p.Dimensions)))
            .ForCtorParam(nameof(ProductResponse.Images), o => o.MapFrom(p => Parse(p.Images)))
            .ForCtorParam(nameof(ProductResponse.Metadata), o => o.MapFrom(p => Parse(p.Metadata)))
            .ForCtorParam(nameof(ProductResponse.Tags), o => o.MapFrom(p => p.Tags.ToArray()))
            .ForCtorParam(nameof(ProductResponse.Status), o => o.MapFrom(p => Product.ToWire(p.Status)))
            .ForMember(r => r.Version, o => o.MapFrom(p => p.Version));

    private static JsonElement Parse(string json) => JsonElement.Parse(json, default);
}
