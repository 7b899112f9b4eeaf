using System.Net;
using Catalog.WebApi.Hardening;

namespace Catalog.WebApi.Observability;

/// <summary>
/// Who may read <c>/metrics</c>: a client address (after forwarded headers from a trusted proxy) inside one of
/// <c>Metrics:AllowedNetworks</c> (CIDR, a list; default loopback). Everyone else, and a connection without an
/// address, gets the 404 of an unknown path: the request goes on through the pipeline as if there were no endpoint.
/// </summary>
internal sealed class MetricsEndpoint
{
    private static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    private readonly IPNetwork[] _allowed;

    public MetricsEndpoint(IConfiguration configuration)
    {
        var configured = HardeningSetup.ReadList(configuration, MetricsOptions.AllowedNetworksKey);
        _allowed = [.. (configured.Count == 0 ? Loopback : [.. configured]).Select(Parse)];
    }

    public bool Admits(HttpContext context) =>
        context.Request.Path.Equals(MetricsOptions.Path, StringComparison.OrdinalIgnoreCase)
        && context.Connection.RemoteIpAddress is { } address
        && IsAllowed(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private bool IsAllowed(IPAddress address)
    {
        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPNetwork Parse(string network) =>
        IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{MetricsOptions.AllowedNetworksKey} holds '{network}', which is not a CIDR network such as 10.0.0.0/8.");
}
