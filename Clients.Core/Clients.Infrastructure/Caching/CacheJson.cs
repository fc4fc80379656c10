using System.Text.Json.Serialization;
using ClientPlatform.Clients.Core;

namespace ClientPlatform.Clients.Infrastructure.Caching;

/// <summary>How a client is kept in Redis: the stored entity, hashes included, never a secret in clear.</summary>
[JsonSerializable(typeof(Client))]
internal sealed partial class CacheJson : JsonSerializerContext;
