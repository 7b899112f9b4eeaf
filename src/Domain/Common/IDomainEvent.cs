namespace Catalog.Domain.Common;

/// <summary>A fact that happened in the domain. Implementations are records named in the past tense.</summary>
#pragma warning disable CA1040 // A marker interface is the point: events carry no common members.
public interface IDomainEvent
{
}
#pragma warning restore CA1040
