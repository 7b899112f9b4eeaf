using Catalog.Application.Common.Persistence;

namespace Catalog.WebApi.Composition;

/// <summary>
/// With a replica (ADR-100): a write that answers 2xx records the primary's position before its answer leaves, unless
/// its command did so at its commit already, so that every read starting afterwards waits for the replica or goes to the
/// primary. Covers the writes outside a command's transaction too (sign-in, sessions, API keys).
/// </summary>
public static class ReadYourWritesMiddleware
{
    public static WebApplication UseReadYourWrites(this WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
        {
            if (scope.ServiceProvider.GetService<IWritePositionRecorder>() is null)
            {
                return app;
            }
        }

        app.Use(static (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.OnStarting(static state =>
                {
                    var http = (HttpContext)state;
                    var recorder = http.RequestServices.GetRequiredService<IWritePositionRecorder>();
                    return http.Response.StatusCode is >= 200 and < 300 && !recorder.HasRecorded
                        ? recorder.RecordAsync(CancellationToken.None)
                        : Task.CompletedTask;
                }, context);
            }

            return next(context);
        });
        return app;
    }
}
