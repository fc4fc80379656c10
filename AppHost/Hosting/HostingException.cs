namespace ClientPlatform.Hosting;

/// <summary>A problem the operator can fix, told in one sentence (no stack trace is shown for it).</summary>
public sealed class HostingException(string message, Exception? inner = null) : Exception(message, inner);
