using System.Reflection;
using System.Text.Json;

namespace Catalog.Application.Common.Auditing;

/// <summary>Builds the before/after of changed fields for an audit entry; secrets never enter it.</summary>
public static class AuditChanges
{
    private static readonly HashSet<string> Redacted = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwordHash", "currentPassword", "newPassword", "token", "refreshToken", "accessToken", "key", "keyHash", "tokenHash", "secret",
    };

    public static bool IsRedacted(string field) => Redacted.Contains(field);

    /// <summary>Every public property of a create request, as after-values.</summary>
    public static IReadOnlyDictionary<string, AuditChange> Created(object request)
    {
        var changes = new Dictionary<string, AuditChange>(StringComparer.Ordinal);
        foreach (var property in request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var value = property.GetValue(request);
            if (value is null)
            {
                continue;
            }

            changes[name] = new AuditChange(null, IsRedacted(name) ? "[redacted]" : value);
        }

        return changes;
    }

    /// <summary>Only the fields whose values differ between two snapshots.</summary>
    public static IReadOnlyDictionary<string, AuditChange> Diff(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        var changes = new Dictionary<string, AuditChange>(StringComparer.Ordinal);
        foreach (var key in before.Keys.Union(after.Keys))
        {
            before.TryGetValue(key, out var b);
            after.TryGetValue(key, out var a);
            if (!JsonEquals(b, a))
            {
                changes[key] = IsRedacted(key) ? new AuditChange("[redacted]", "[redacted]") : new AuditChange(b, a);
            }
        }

        return changes;
    }

    private static bool JsonEquals(object? a, object? b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
