using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ClientPlatform.Clients.Core;
using ClientPlatform.Clients.Infrastructure.Redis;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.Caching;

/// <summary>
/// Clients by id in Redis, shared by every replica of both APIs (issue 6, seed 004 "Cache Invalidation").
///
/// Exactness: a writer, after its commit, bumps the client's generation and deletes the entry in one script
/// (<see cref="InvalidateAsync"/>); a reader that missed notes the generation before reading PostgreSQL and
/// stores what it read only if the generation is unchanged. So a value read before a commit can never be
/// stored after that commit's invalidation, and once a change has returned no replica serves the old value.
///
/// Outages: every key lives under an epoch (<c>cp:epoch</c>), read inside each script. Redis runs without
/// persistence, so a restarted Redis is empty. A replica that could not invalidate a change while Redis was
/// away starts a new epoch as soon as it reaches Redis again (tried in the background until it succeeds), so no
/// entry written before the outage that missed that invalidation is served again; replicas that lost nothing keep
/// the cache warm. An invalidation is sent whenever a connection is up, even while this process's breaker is open.
/// Entries hold the client as stored: its secret and token only as their BCrypt and SHA-256 hashes, sealed with a key
/// Redis never sees (<see cref="CacheIntegrity"/>), so that a forged entry is ignored rather than believed. The token's
/// hash and expiry sit beside the client in the entry (a Redis hash), so that the read script can tell whether a
/// presented token is the cached client's and take the request's rate-limit permit in the same round trip.
///
/// Each process also keeps the entries it read (<see cref="CacheOptions.LocalEntries"/>), tagged with the entry's
/// version, a random value new at every store: the read script leaves the entry out of its answer when Redis holds
/// the version the caller names, so a warm read moves a few bytes and parses no JSON, and is never staler than Redis.
/// Keys are built inside the scripts, so this needs a single Redis (or Sentinel), not Redis Cluster.
/// </summary>
public sealed class ClientCache
{
    private const string EpochKey = "cp:epoch";

    // An entry is a hash: t the registration token's hash, x when the token expires (Unix ms, "" never), n the
    // entry's version (random, new at every store), v the client.
    // KEYS[1] the epoch, KEYS[2] the log of a permit to take with the read (optional).
    // ARGV: id, a presented token's hash ("" none), the caller's now (Unix ms), the version the caller holds in
    // memory ("" none), then the permit's limit, window ms, member.
    // Returns {epoch, entry, generation, version} ("" where there is none; the entry is left out when the caller
    // holds that version), and {allowed, retry-after ms} after them when the permit was taken: only when the
    // presented token is the cached client's and has not expired, so that a request refused for its credential
    // costs no permit (RateLimitPermits).
    private static readonly RedisScript ReadScript = new(SlidingLog.TakePermitFunction + """

        local e = redis.call('GET', KEYS[1])
        if not e then return {'', '', '', ''} end
        local p = 'cp:' .. e .. ':'
        local k = p .. 'h:' .. ARGV[1]
        local c = redis.call('HMGET', k, 't', 'x', 'n')
        if not c[3] then return {e, '', redis.call('GET', p .. 'g:' .. ARGV[1]) or '', ''} end
        local v = ''
        if c[3] ~= ARGV[4] then v = redis.call('HGET', k, 'v') end
        if KEYS[2] and ARGV[2] ~= '' and c[1] == ARGV[2] and (c[2] == '' or tonumber(c[2]) > tonumber(ARGV[3])) then
          local d = take_permit(KEYS[2], tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7])
          return {e, v, '', c[3], d[1], d[2]}
        end
        return {e, v, '', c[3]}
        """);

    // ARGV: id, epoch seen, generation seen, entry, lifetime ms, a new epoch should none exist, token hash,
    // token expiry, version. Returns the epoch stored under, or "" when the client changed in between.
    private static readonly RedisScript StoreScript = new("""
        local e = redis.call('GET', KEYS[1])
        if not e then
          if ARGV[2] ~= '' then return '' end
          redis.call('SET', KEYS[1], ARGV[6], 'NX')
          e = redis.call('GET', KEYS[1])
        elseif ARGV[2] ~= '' and e ~= ARGV[2] then return '' end
        local p = 'cp:' .. e .. ':'
        if (redis.call('GET', p .. 'g:' .. ARGV[1]) or '') ~= ARGV[3] then return '' end
        local k = p .. 'h:' .. ARGV[1]
        redis.call('DEL', k)
        redis.call('HSET', k, 't', ARGV[7], 'x', ARGV[8], 'n', ARGV[9], 'v', ARGV[4])
        redis.call('PEXPIRE', k, ARGV[5])
        return e
        """);

    // ARGV: a new epoch should none exist, generation lifetime ms, then the ids.
    private static readonly RedisScript InvalidateScript = new("""
        local e = redis.call('GET', KEYS[1])
        if not e then
          redis.call('SET', KEYS[1], ARGV[1], 'NX')
          e = redis.call('GET', KEYS[1])
        end
        local p = 'cp:' .. e .. ':'
        for i = 3, #ARGV do
          redis.call('INCR', p .. 'g:' .. ARGV[i])
          redis.call('PEXPIRE', p .. 'g:' .. ARGV[i], ARGV[2])
          redis.call('DEL', p .. 'h:' .. ARGV[i])
        end
        return 1
        """);

    // A generation must outlive any read in flight; an hour is far beyond a request's life.
    private static readonly TimeSpan GenerationLifetime = TimeSpan.FromHours(1);

    private readonly RedisCircuit _circuit;
    private readonly CacheIntegrity _integrity;
    private readonly IOptions<CacheOptions> _options;
    private readonly IOptions<RedisCallOptions> _callOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientCache> _logger;
    private readonly MemoryCache? _local;
    private int _lostInvalidations;
    private int _repaying;
    private long _outagesHandled;

    public ClientCache(RedisCircuit circuit, CacheIntegrity integrity, IConnectionMultiplexer redis, IOptions<CacheOptions> options,
        IOptions<RedisCallOptions> callOptions, TimeProvider time, ILogger<ClientCache> logger)
    {
        (_circuit, _integrity, _options, _callOptions, _time, _logger) = (circuit, integrity, options, callOptions, time, logger);
        if (options.Value.LocalEntries > 0)
            _local = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.LocalEntries });
        redis.ConnectionRestored += (_, _) => _ = StartNewEpochIfNeededAsync();
    }

    /// <summary>The client, or a miss with the stamp to store what PostgreSQL answers (none when Redis is away or the cache off).</summary>
    public async Task<CacheLookup> GetAsync(string clientId) => (await ReadAsync(clientId, "", 0, null)).Lookup;

    /// <summary>
    /// A read authenticated by a registration token: the lookup, and in the same round trip the request's
    /// <paramref name="permit"/> when the cached client holds <paramref name="tokenHash"/> unexpired at
    /// <paramref name="now"/> (no decision otherwise: the caller then takes it the usual way, or refuses the token).
    /// </summary>
    public Task<(CacheLookup Lookup, RateLimitDecision? Permit)> GetForTokenAsync(
        string clientId, string tokenHash, DateTimeOffset now, PermitRequest? permit) =>
        ReadAsync(clientId, tokenHash, now.ToUnixTimeMilliseconds(), permit);

    private async Task<(CacheLookup Lookup, RateLimitDecision? Permit)> ReadAsync(string clientId, string tokenHash, long nowMs, PermitRequest? permit)
    {
        if (!_options.Value.Enabled || await _integrity.KeyAsync() is not { } key || !await StartNewEpochIfNeededAsync())
            return (CacheLookup.Unavailable, null);
        var held = _local?.Get<LocalEntry>(clientId);
        RedisKey[] keys = permit is null ? [EpochKey] : [EpochKey, permit.Key];
        RedisValue[] arguments = permit is null
            ? [clientId, tokenHash, nowMs, held?.Version ?? ""]
            : [clientId, tokenHash, nowMs, held?.Version ?? "", permit.PermitLimit, permit.WindowMs, permit.Member];
        var (ok, reply) = await _circuit.TryAsync(db => ReadScript.EvaluateAsync(db, keys, arguments));
        if (!ok)
            return (CacheLookup.Unavailable, null);
        var parts = (RedisResult[])reply!;
        var decision = parts.Length == 6 ? RateLimitDecision.FromReply(parts[4], parts[5]) : (RateLimitDecision?)null;
        var (epoch, entry, version) = ((string)parts[0]!, (string)parts[1]!, (string)parts[3]!);
        if (version.Length == 0)
            return (new CacheLookup(null, new CacheStamp(epoch, (string)parts[2]!)), decision);
        if (entry.Length == 0)
            // Redis holds the very version this replica holds: the same bytes, as exact as Redis itself.
            return (held is not null && held.Version == version && held.Epoch == epoch ? new CacheLookup(held.Client, null) : CacheLookup.Unavailable, decision);
        if (_integrity.Open(key, clientId, entry) is not { } json)
        {
            // Not written by this platform, or outlived: never believed, and gone so that the next read stores the truth.
            await InvalidateAsync([clientId]);
            return (CacheLookup.Unavailable, decision);
        }
        var client = JsonSerializer.Deserialize(json, CacheJson.Default.Client)!;
        Hold(clientId, epoch, version, client);
        return (new CacheLookup(client, null), decision);
    }

    /// <summary>The client from the cache, else from <paramref name="load"/> (then cached). Unknown ids are not cached.</summary>
    public async Task<Client?> GetOrLoadAsync(string clientId, Func<Task<Client?>> load)
    {
        var lookup = await GetAsync(clientId);
        if (lookup.Client is { } cached)
            return cached;
        var client = await load();
        if (client is not null && client.ClientId == clientId && lookup.Stamp is { } stamp)
            await StoreAsync(client, stamp);
        return client;
    }

    /// <summary>Stores what PostgreSQL answered after a miss, unless the client changed in between.</summary>
    public async Task StoreAsync(Client client, CacheStamp stamp)
    {
        if (await _integrity.KeyAsync() is not { } key)
            return;
        var json = JsonSerializer.Serialize(client, CacheJson.Default.Client);
        var entry = _integrity.Seal(key, client.ClientId, json, _time.GetUtcNow() + _options.Value.EntryLifetime);
        var version = NewRandomTag();
        var (ok, epoch) = await _circuit.TryAsync(db => StoreScript.EvaluateAsync(db, [EpochKey],
            [client.ClientId, stamp.Epoch, stamp.Generation, entry, (long)_options.Value.EntryLifetime.TotalMilliseconds, NewRandomTag(),
                client.RegistrationTokenHash ?? "", client.RegistrationTokenExpiresAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
                version]));
        if (ok && (string?)epoch is { Length: > 0 } storedUnder)
            Hold(client.ClientId, storedUnder, version, JsonSerializer.Deserialize(json, CacheJson.Default.Client)!);
    }

    /// <summary>
    /// After a commit that changed or deleted these clients. Whether or not the cache is on: turning it on later
    /// must not find an entry that missed a change. If Redis is away, the outage already condemns every entry.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> clientIds)
    {
        if (clientIds.Count == 0)
            return;
        RedisValue[] arguments = [NewRandomTag(), (long)GenerationLifetime.TotalMilliseconds, .. clientIds.Select(id => (RedisValue)id)];
        var (ok, _) = await _circuit.TryAsync(db => InvalidateScript.EvaluateAsync(db, [EpochKey], arguments), evenIfOpen: true);
        foreach (var id in clientIds)
            _local?.Remove(id); // unusable from now on (their version is gone from Redis); the memory is freed at once
        if (!ok)
        {
            Interlocked.Add(ref _lostInvalidations, clientIds.Count);
            RepayInBackground();
        }
    }

    /// <summary>
    /// A lost invalidation is paid for with a new epoch as soon as Redis answers again, not at this replica's next cache
    /// read: until then every other process, which knows nothing of the debt, could serve the old value.
    /// </summary>
    private void RepayInBackground()
    {
        if (Interlocked.Exchange(ref _repaying, 1) == 1)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                while (Volatile.Read(ref _lostInvalidations) > 0 && !await StartNewEpochIfNeededAsync())
                    await Task.Delay(_callOptions.Value.CommandTimeout, _time);
            }
            finally
            {
                Volatile.Write(ref _repaying, 0);
            }
            if (Volatile.Read(ref _lostInvalidations) > 0)
                RepayInBackground(); // a loss recorded while this loop was ending
        });
    }

    /// <summary>
    /// After this replica failed to invalidate a change, or saw Redis away at all (a replica that failed to invalidate
    /// then may have died, issue 36: an acknowledged update was read back stale), a new epoch before the cache is trusted
    /// again: every entry written before is gone at once. True when the cache may be used.
    /// </summary>
    private async Task<bool> StartNewEpochIfNeededAsync()
    {
        var lost = Volatile.Read(ref _lostInvalidations);
        var outages = _circuit.Outages;
        if (lost == 0 && outages == Interlocked.Read(ref _outagesHandled))
            return true;
        var (ok, _) = await _circuit.TryAsync(db => db.StringSetAsync(EpochKey, NewRandomTag()), evenIfOpen: lost > 0);
        if (!ok)
            return false;
        Interlocked.Exchange(ref _outagesHandled, outages);
        if (lost > 0 && Interlocked.CompareExchange(ref _lostInvalidations, 0, lost) == lost)
            Log.CacheEpochStarted(_logger, lost);
        return true;
    }

    /// <summary>
    /// Keeps a copy in this process, used only while Redis answers that it holds the same version: a read then
    /// costs no entry transfer and no JSON parsing, and is exactly as fresh as Redis. (The copy is never handed
    /// out for changing: writes authenticate against a tracked row from PostgreSQL.)
    /// </summary>
    private void Hold(string clientId, string epoch, string version, Client client) =>
        _local?.Set(clientId, new LocalEntry(epoch, version, client),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.Value.EntryLifetime });

    /// <summary>A new epoch or entry version: 64 random bits.</summary>
    private static string NewRandomTag() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private sealed record LocalEntry(string Epoch, string Version, Client Client);
}

/// <summary>A cache answer: the client on a hit; on a miss, the stamp to store the database's answer with.</summary>
public readonly record struct CacheLookup(Client? Client, CacheStamp? Stamp)
{
    public static CacheLookup Unavailable => new(null, null);
}

/// <summary>The epoch and the client's generation seen at a miss ("" when none).</summary>
public sealed record CacheStamp(string Epoch, string Generation);
