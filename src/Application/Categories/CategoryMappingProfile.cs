using System.Text.Json;
using AutoMapper;
using Catalog.Domain.Categories;

namespace Catalog.Application.Categories;

internal sealed class CategoryMappingProfile : Profile
{
    public CategoryMappingProfile() =>
        CreateMap<Category, CategoryResponse>()
            .ForCtorParam(nameof(CategoryResponse.Metadata), o => o.MapFrom(c => JsonElement.Parse(c.Metadata, default)))
            .ForCtorParam(nameof(CategoryResponse.Path), o => o.MapFrom(c => c.Path.ToArray()))
            .ForMember(r => r.Version, o => o.MapFrom(c => c.Version));
}
