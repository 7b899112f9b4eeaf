using System.Reflection;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Behaviours;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Observability;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Application;

public static class DependencyInjection
{
    /// <summary>The pipeline order of the conventions: (telemetry →) logging → exception → authorization → validation → transaction → performance.</summary>
    public static readonly IReadOnlyList<Type> PipelineBehaviours =
    [
        typeof(TelemetryBehaviour<,>),
        typeof(LoggingBehaviour<,>),
        typeof(UnhandledExceptionBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(TransactionBehaviour<,>),
        typeof(PerformanceBehaviour<,>),
    ];

    private static readonly HashSet<Type> StatelessBehaviours =
        [typeof(TelemetryBehaviour<,>), typeof(UnhandledExceptionBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(PerformanceBehaviour<,>)];

    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        // MediatR 5 has no DI package: the mediator resolves handlers and behaviours through this factory.
        services.AddScoped<ServiceFactory>(sp => type => sp.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
        // Validators are stateless and build their rules (compiled expression trees) in their constructors: one
        // instance each for the process, not one per request (per-request construction cost ~8 % of a list request's CPU).
        // Most validators are internal to their feature: include them.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        // Behaviours that hold nothing of the request (a logger, options, the singleton validators) are built once per
        // request type; those that read the caller (ICurrentUser) or the unit of work stay per request.
        foreach (var behaviour in PipelineBehaviours)
        {
            var lifetime = StatelessBehaviours.Contains(behaviour) ? ServiceLifetime.Singleton : ServiceLifetime.Scoped;
            services.Add(new ServiceDescriptor(typeof(IPipelineBehavior<,>), behaviour, lifetime));
        }

        services.AddOptions<PerformanceOptions>().Bind(configuration.GetSection(PerformanceOptions.SectionName));
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<AggregateChange>();
        services.AddSingleton<StorefrontCategoryTreeSnapshot>();
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], assembly);
        return services;
    }

    /// <summary>Registers every concrete type of <paramref name="assembly"/> for each closed form of <paramref name="openInterface"/> it implements.</summary>
    public static void RegisterClosedImplementations(
        IServiceCollection services, Assembly assembly, Type openInterface, ServiceLifetime lifetime = ServiceLifetime.Scoped)
    {
        var types = assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });
        foreach (var type in types)
        {
            foreach (var service in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.Add(new ServiceDescriptor(service, type, lifetime));
            }
        }
    }
}
