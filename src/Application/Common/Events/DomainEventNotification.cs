using Catalog.Domain.Common;
using MediatR;

namespace Catalog.Application.Common.Events;

/// <summary>Carries a domain event through MediatR's publisher once its transaction has committed.</summary>
public sealed record DomainEventNotification<TEvent>(TEvent DomainEvent) : INotification
    where TEvent : IDomainEvent;
