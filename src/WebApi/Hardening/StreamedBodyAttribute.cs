namespace Catalog.WebApi.Hardening;

/// <summary>
/// Marks an action that reads its (large) body as a stream and checks its text itself, row by row: the input guard
/// leaves such a body alone instead of buffering it whole (bulk import, up to 32 MiB).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StreamedBodyAttribute : Attribute;
