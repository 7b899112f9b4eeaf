using Catalog.Application;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Application.UnitTests.Registration;

public sealed class ValidatorRegistrationTests
{
    [Fact]
    public void AddApplication_RegistersEveryValidatorAsASingleton_SoItsRulesAreBuiltOnce()
    {
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());

        var validators = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)).ToList();

        Assert.True(validators.Count >= 20, $"expected the Application's validators to be registered, found {validators.Count}");
        Assert.All(validators, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    [Fact]
    public void AddApplication_RegistersEveryConcreteValidatorOfTheAssembly_InternalOnesIncluded()
    {
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());

        var registered = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(d => d.ImplementationType!)
            .ToHashSet();
        var expected = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .ToList();

        Assert.Contains(expected, t => t.IsNotPublic);
        Assert.All(expected, t => Assert.True(registered.Contains(t), $"{t.FullName} is not registered as an IValidator<>"));
        Assert.Equal(expected.Count, registered.Count);
    }

    [Fact]
    public void AddApplication_KeepsHandlersScoped_BecauseTheyUseTheRequestsUnitOfWork()
    {
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());

        var handlers = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(MediatR.IRequestHandler<,>)).ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }
}
