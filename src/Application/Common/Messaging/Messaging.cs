using Catalog.Domain.Common;
using MediatR;

namespace Catalog.Application.Common.Messaging;

/// <summary>Marks a request that changes state: it runs in a transaction with its audit entries.</summary>
#pragma warning disable CA1040 // Marker interfaces select pipeline behaviour.
public interface ICommandBase
{
}

/// <summary>
/// Marks a command that opens its transaction itself, around the part that needs one, instead of running whole in
/// one: sign-in, whose password check (CPU-bound) and attempt bookkeeping (a connection of its own) must not hold a
/// transaction's connection meanwhile.
/// </summary>
public interface IOwnTransaction
{
}

/// <summary>Marks a request that only reads.</summary>
public interface IQueryBase
{
}
#pragma warning restore CA1040

/// <summary>A state-changing request that answers a <see cref="Result{T}"/>.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>, ICommandBase
{
}

/// <summary>A read-only request that answers a <see cref="Result{T}"/>.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>, IQueryBase
{
}

public interface ICommandHandler<in TCommand, TResponse> : IRequestHandler<TCommand, Result<TResponse>>
    where TCommand : ICommand<TResponse>
{
}

public interface IQueryHandler<in TQuery, TResponse> : IRequestHandler<TQuery, Result<TResponse>>
    where TQuery : IQuery<TResponse>
{
}
