using System.Runtime.CompilerServices;
using ClientPlatform.Clients.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPlatform.Clients.Infrastructure.Caching;

/// <summary>
/// Invalidates the cache for every client a SaveChanges modified or deleted, after it committed and before
/// it returns: whichever service, replica or endpoint made the change, nothing is forgotten. (Changes made
/// with ExecuteUpdate/ExecuteDelete bypass this and call <see cref="ClientCache.InvalidateAsync"/> themselves.)
/// No code changes clients inside an explicit transaction; if some did, this would run before its commit.
/// </summary>
internal sealed class ClientCacheInvalidation(ClientCache cache) : SaveChangesInterceptor
{
    // Contexts are pooled: what one SaveChanges touched is kept per context instance until it ends.
    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var changed = context.ChangeTracker.Entries<Client>()
                .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Entity.ClientId).ToList();
            if (changed.Count > 0)
                _pending.AddOrUpdate(context, changed);
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var changed))
        {
            _pending.Remove(context);
            await cache.InvalidateAsync(changed);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            _pending.Remove(context);
        return Task.CompletedTask;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context?.ChangeTracker.Entries<Client>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true
            ? throw new InvalidOperationException("Clients are changed with SaveChangesAsync, which invalidates the cache before it returns.")
            : result;
}
