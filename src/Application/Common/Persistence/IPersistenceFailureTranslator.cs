namespace Catalog.Application.Common.Persistence;

/// <summary>The failures of the database that the API answers with a 4xx or a 503/504 instead of a 500.</summary>
public enum PersistenceFailureKind
{
    /// <summary>A lost optimistic-concurrency race: the row changed between read and write (412).</summary>
    ConcurrencyConflict,

    /// <summary>A unique index, a foreign key or a rule of the schema refused the write (409).</summary>
    Conflict,

    /// <summary>No connection could be had: the pool is exhausted, the server is down or refuses connections (503).</summary>
    Unavailable,

    /// <summary>The statement did not finish within its timeout (504).</summary>
    Timeout,
}

/// <summary>A database failure in the caller's terms: its kind and a sentence that names no table or constraint.</summary>
public sealed record PersistenceFailure(PersistenceFailureKind Kind, string Detail);

/// <summary>
/// Turns an exception of the persistence layer (EF Core, Npgsql, with the schema's constraint names) into a
/// <see cref="PersistenceFailure"/>, or null when it is not one the API answers specifically. Implemented where
/// persistence lives; the web layer only maps the kind to a status.
/// </summary>
public interface IPersistenceFailureTranslator
{
    PersistenceFailure? Translate(Exception exception);
}
