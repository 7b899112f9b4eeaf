using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Catalog.Application.Common.Auditing;

/// <summary>
/// The audited state of an aggregate: every public property but the bookkeeping ones (id, row version, created and
/// updated stamps, pending domain events), so that a field added to an aggregate enters its audit diffs without
/// anyone having to remember it. Names are camelCase as on the wire; enums are their snake_case wire names;
/// collections are copied, so that a later in-place change shows in the diff.
/// </summary>
public static class AuditSnapshot
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "Version", "CreatedAt", "UpdatedAt", "CreatedBy", "UpdatedBy", "DomainEvents",
    };

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    public static IReadOnlyDictionary<string, object?> Of(object aggregate)
    {
        var snapshot = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, property) in Properties.GetOrAdd(aggregate.GetType(), Audited))
        {
            snapshot[name] = Freeze(property.GetValue(aggregate));
        }

        return snapshot;
    }

    private static (string, PropertyInfo)[] Audited(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && !Bookkeeping.Contains(p.Name))
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
            .ToArray();

    private static object? Freeze(object? value) => value switch
    {
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        string => value,
        IEnumerable items => items.Cast<object?>().ToArray(),
        _ => value,
    };
}
