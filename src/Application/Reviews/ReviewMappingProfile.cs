using System.Text.Json;
using AutoMapper;
using Catalog.Domain.Reviews;

namespace Catalog.Application.Reviews;

internal sealed class ReviewMappingProfile : Profile
{
    public ReviewMappingProfile() =>
        CreateMap<Review, ReviewResponse>()
            .ForCtorParam(nameof(ReviewResponse.Images), o => o.MapFrom(r => JsonElement.Parse(r.Images, default)))
            .ForCtorParam(nameof(ReviewResponse.Pros), o => o.MapFrom(r => r.Pros.ToArray()))
            .ForCtorParam(nameof(ReviewResponse.Cons), o => o.MapFrom(r => r.Cons.ToArray()));
}
