using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClientPlatform.Clients.Infrastructure.Caching;

/// <summary>
/// Redis is never the sole judge of a credential (design.md §3): a cached client carries the hashes its secret and
/// registration token are checked against, so each entry is sealed with an HMAC-SHA256 whose key Redis never sees. The
/// key is made by a migration (random, 244 bits) and kept in PostgreSQL (<c>cache_integrity_key</c>), where every API
/// replica reads it once. An entry whose seal does not verify, or whose sealed lifetime has passed, is ignored, logged
/// and invalidated: whoever can write Redis cannot make a secret or token "valid", nor bring back a rotated one for
/// longer than an entry lives (<see cref="CacheOptions.EntryLifetime"/>).
/// </summary>
public sealed class CacheIntegrity(NpgsqlDataSource database, TimeProvider time, ILogger<CacheIntegrity> logger)
{
    private static readonly TimeSpan LoadRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ForgeryLogInterval = TimeSpan.FromSeconds(10);
    private byte[]? _key;
    private DateTimeOffset _nextLoad;
    private long _lastForgeryLog;
    private int _unlogged;

    /// <summary>The key, loaded on first use; null while PostgreSQL cannot give it (the cache is then not used).</summary>
    public async ValueTask<byte[]?> KeyAsync()
    {
        if (Volatile.Read(ref _key) is { } key)
            return key;
        if (time.GetUtcNow() < _nextLoad)
            return null;
        try
        {
            await using var command = database.CreateCommand("SELECT key FROM cache_integrity_key WHERE id = 1");
            if (await command.ExecuteScalarAsync() is byte[] { Length: >= 32 } loaded)
                return Volatile.Read(ref _key) ?? Interlocked.CompareExchange(ref _key, loaded, null) ?? loaded;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Log.CacheKeyUnavailable(logger, e.GetType().Name, LoadRetry.TotalSeconds);
        }
        _nextLoad = time.GetUtcNow() + LoadRetry;
        return null;
    }

    /// <summary>The entry as stored: <c>until.seal.client</c>, the seal covering the client's id, until and JSON.</summary>
    public string Seal(byte[] key, string clientId, string json, DateTimeOffset until)
    {
        var untilMs = until.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return $"{untilMs}.{Convert.ToBase64String(Mac(key, clientId, untilMs, json))}.{json}";
    }

    /// <summary>The client's JSON from a sealed entry, or null when the seal does not hold (then logged, at most every 10 s).</summary>
    public string? Open(byte[] key, string clientId, string entry)
    {
        var first = entry.IndexOf('.');
        var second = first < 0 ? -1 : entry.IndexOf('.', first + 1);
        if (second > 0 && long.TryParse(entry.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var untilMs))
        {
            var json = entry[(second + 1)..];
            Span<byte> presented = stackalloc byte[32];
            if (Convert.TryFromBase64Chars(entry.AsSpan(first + 1, second - first - 1), presented, out var length) && length == 32
                && CryptographicOperations.FixedTimeEquals(presented, Mac(key, clientId, entry[..first], json)))
                return untilMs > time.GetUtcNow().ToUnixTimeMilliseconds() ? json : null; // a sealed entry outlived: replayed, or stale
        }
        Forged(clientId);
        return null;
    }

    private static byte[] Mac(byte[] key, string clientId, string untilMs, string json) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{clientId}\n{untilMs}\n{json}"));

    private void Forged(string clientId)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastForgeryLog);
        if (now - last < ForgeryLogInterval.Ticks || Interlocked.CompareExchange(ref _lastForgeryLog, now, last) != last)
        {
            Interlocked.Increment(ref _unlogged);
            return;
        }
        Log.CacheEntryForged(logger, clientId, Interlocked.Exchange(ref _unlogged, 0));
    }
}
