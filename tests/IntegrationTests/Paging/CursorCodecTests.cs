using Catalog.Application.Common.Paging;
using Catalog.Domain.Common;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Paging;

public sealed class CursorCodecTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private sealed record Position(decimal Price, Guid Id);

    private ICursorCodec Codec => factory.Services.GetRequiredService<ICursorCodec>();

    [Fact]
    public void RoundTrip_ReturnsThePosition()
    {
        var position = new Position(12.5m, Guid.NewGuid());
        var cursor = Codec.Encode("products:price", position);
        Assert.Equal(position, Codec.Decode<Position>("products:price", cursor).Value);
    }

    [Fact]
    public void Decode_TamperedOrForeignCursor_IsValidationError()
    {
        var cursor = Codec.Encode("products:price", new Position(1m, Guid.NewGuid()));
        var flipped = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];
        Assert.Equal(ErrorType.Validation, Codec.Decode<Position>("products:price", flipped).Error!.Type);
        Assert.Equal(ErrorType.Validation, Codec.Decode<Position>("products:name", cursor).Error!.Type);
        Assert.Equal(ErrorType.Validation, Codec.Decode<Position>("products:price", "not a cursor!").Error!.Type);
        Assert.Equal(ErrorType.Validation, Codec.Decode<Position>("products:price", cursor[..^3]).Error!.Type);
    }
}
