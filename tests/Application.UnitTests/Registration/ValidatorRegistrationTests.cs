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
    public void AddApplication_KeepsHandlersScoped_BecauseTheyUseTheRequestsUnitOfWork()
    {
        var services = new ServiceCollection();
        services.AddApplication(new ConfigurationBuilder().Build());

        var handlers = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(MediatR.IRequestHandler<,>)).ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, d => Assert.Equal(ServiceLifetime.Scoped, d.Lifetime));
    }
}
