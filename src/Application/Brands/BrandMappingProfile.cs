using System.Text.Json;
using AutoMapper;
using Catalog.Domain.Brands;

namespace Catalog.Application.Brands;

internal sealed class BrandMappingProfile : Profile
{
    public BrandMappingProfile() =>
        CreateMap<Brand, BrandResponse>()
            .ForCtorParam(nameof(BrandResponse.Metadata), o => o.MapFrom(b => JsonElement.Parse(b.Metadata, default)))
            .ForMember(r => r.Version, o => o.MapFrom(b => b.Version))
            // A command's answer is the storefront shape; the status fields belong to staff reads (ADR-086).
            .ForMember(r => r.Status, o => o.Ignore())
            .ForMember(r => r.DeletedAt, o => o.Ignore())
            .ForMember(r => r.ArchivedAt, o => o.Ignore());
}
