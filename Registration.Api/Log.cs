namespace ClientPlatform.Registration.Api;

/// <summary>Every log message of the registration API. None carries a secret, a token or a hash.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Registered client {ClientId}")]
    public static partial void ClientRegistered(ILogger logger, string clientId);

    [LoggerMessage(3002, LogLevel.Information, "Client {ClientId} updated its registration; its registration access token was rotated")]
    public static partial void ClientUpdated(ILogger logger, string clientId);

    [LoggerMessage(3003, LogLevel.Information, "Client {ClientId} deleted its registration")]
    public static partial void ClientDeleted(ILogger logger, string clientId);

    [LoggerMessage(3010, LogLevel.Information, "Client {ClientId} rotated its secret")]
    public static partial void SecretRotated(ILogger logger, string clientId);

    [LoggerMessage(3004, LogLevel.Warning, "A registration access token of client {ClientId} was presented for another client and has been revoked")]
    public static partial void TokenRevokedForWrongClient(ILogger logger, string clientId);
}
