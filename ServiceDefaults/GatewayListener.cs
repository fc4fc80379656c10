namespace ClientPlatform.ServiceDefaults;

/// <summary>
/// Which of the gateway's listeners a request arrived on, as the gateway tells the services behind it. Set only when
/// the gateway has a separate admin listener (<c>Gateway:AdminPort</c>); the gateway removes any value a caller sent,
/// so a service can rely on it as it relies on X-Forwarded-For from the gateway.
/// </summary>
public static class GatewayListener
{
    public const string Header = "X-ClientPlatform-Listener";
    public const string Public = "public";
    public const string Admin = "admin";
}
