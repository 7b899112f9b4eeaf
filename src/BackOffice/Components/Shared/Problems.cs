using Catalog.Domain.Common;

namespace Catalog.BackOffice.Components.Shared;

/// <summary>Which part of a refusal a page shows where.</summary>
public static class Problems
{
    /// <summary>
    /// The part of <paramref name="problem"/> no <c>FieldProblem</c> of the page shows (the fields are
    /// <paramref name="placed"/>): a refusal without field details whole, or the messages of the other fields (a tampered
    /// cursor) in the use case's words; null when every message sits under its field.
    /// </summary>
    public static Error? Unplaced(Error? problem, params string[] placed)
    {
        if (problem?.Details is not { } details)
        {
            return problem;
        }

        var others = details.Where(d => !placed.Contains(d.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(d => d.Value).ToList();
        return others.Count == 0 ? null : problem with { Message = string.Join(" ", others) };
    }
}
