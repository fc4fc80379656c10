namespace ClientPlatform.Clients.Core.Registration;

/// <summary>Who may call <c>POST /register</c> (setting <c>Registration:Mode</c>, <c>open</c> or <c>token</c>; RFC 7591 §3).</summary>
public enum RegistrationMode
{
    /// <summary>Anyone: open registration (RFC 7591 §3, "MAY allow").</summary>
    Open = 1,

    /// <summary>Only a caller presenting an initial access token an administrator issued (RFC 7591 §1.2, §3).</summary>
    Token,
}
