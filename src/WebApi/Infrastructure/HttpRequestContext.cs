using Catalog.Application.Common.Security;
using Catalog.WebApi.Auditing;

namespace Catalog.WebApi.Infrastructure;

internal sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public string? RequestId => accessor.HttpContext?.TraceIdentifier;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var agent = accessor.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent[..Math.Min(agent.Length, 500)];
        }
    }

    public TimeSpan? Elapsed => RequestTiming.Elapsed(accessor.HttpContext);
}
