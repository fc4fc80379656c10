using StackExchange.Redis;

namespace ClientPlatform.Clients.Infrastructure.Redis;

/// <summary>
/// A Lua script run by its SHA-1 where Redis knows it. A restarted Redis has forgotten every script: then
/// NOSCRIPT is no outage, and the script is sent whole (EVAL), which also caches it there again.
/// </summary>
internal sealed class RedisScript(string body)
{
    public async Task<RedisResult> EvaluateAsync(IDatabase db, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await db.ScriptEvaluateAsync(body, keys, values);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            object[] arguments = [body, keys.Length, .. keys.Select(k => (object)k.ToString()), .. values.Select(v => (object)v)];
            return await db.ExecuteAsync("EVAL", arguments);
        }
    }
}
