namespace ClientPlatform.Clients.Core.Registration;

/// <summary>Who may call <c>POST /register</c> (setting <c>Registration:Mode</c>; RFC 7591 §3).</summary>
public static class RegistrationModes
{
    /// <summary>Anyone: open registration (RFC 7591 §3, "MAY allow").</summary>
    public const string Open = "open";

    /// <summary>Only a caller presenting an initial access token an administrator issued (RFC 7591 §1.2, §3).</summary>
    public const string Token = "token";
}
