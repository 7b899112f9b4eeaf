using System.Reflection;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.ArchitectureTests;

/// <summary>
/// ADR-076: an action whose answer carries a token or key must carry <see cref="ReturnsSecretAttribute"/>, or the
/// idempotency store would keep that answer. Secret-bearing answers are found by their string properties' names.
/// </summary>
public sealed class ReturnsSecretTests
{
    [Fact]
    public void EveryActionAnsweringATokenOrKey_IsMarkedReturnsSecret_AndNoOtherIs()
    {
        var actions = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ControllerBase)) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Controller: t, Action: m)))
            .ToList();

        var answeringSecrets = actions
            .Where(a => a.Action.GetCustomAttributes<ProducesResponseTypeAttribute>().Any(p => p.Type is { } type && CarriesSecret(type)))
            .Select(Name)
            .Order()
            .ToList();
        var marked = actions
            .Where(a => a.Action.GetCustomAttribute<ReturnsSecretAttribute>() is not null || a.Controller.GetCustomAttribute<ReturnsSecretAttribute>() is not null)
            .Select(Name)
            .Order()
            .ToList();

        Assert.Equal(["ApiKeysController.Create", "ApiKeysController.Rotate", "AuthController.Login", "AuthController.Refresh"], answeringSecrets);
        Assert.Equal(answeringSecrets, marked);
    }

    private static string Name((Type Controller, MethodInfo Action) action) => $"{action.Controller.Name}.{action.Action.Name}";

    private static bool CarriesSecret(Type type) =>
        ElementType(type).GetProperties().Any(p => p.PropertyType == typeof(string)
            && (p.Name.Contains("Token", StringComparison.Ordinal) || p.Name.Contains("Secret", StringComparison.Ordinal) || p.Name is "Key" or "Password"));

    private static Type ElementType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var argument] ? ElementType(argument) : type;
}
