using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// With the shipped levels (Microsoft.AspNetCore at Warning), a read writes no log line from MVC's action invoker:
/// the rule that keeps its argument-printing Trace line out must not let its Information lines in either (they were
/// two JSON lines per request, 3 GB in a 20-minute benchmark).
/// </summary>
public sealed class RequestLogVolumeTests(ObservabilityApiFactory factory) : IClassFixture<ObservabilityApiFactory>
{
    private const string ActionInvoker = "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker";

    [Fact]
    public async Task Reads_UnderTheShippedLevels_WriteNoActionInvokerLine()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/brands")).StatusCode);
        }

        Assert.DoesNotContain(factory.LogLines(), line => line.GetProperty("category").GetString() == ActionInvoker);
    }
}
