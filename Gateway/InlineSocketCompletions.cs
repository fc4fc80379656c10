namespace ClientPlatform.Gateway;

/// <summary>
/// A pure proxy never blocks a socket continuation, so the gateway runs them on the socket engine's thread instead of
/// hopping to the thread pool (+19 % reads through the gateway on 2 cores, bench/RegistrationBench). The runtime reads
/// this switch from the environment once, when the process makes its first socket; set here, before any, it holds
/// wherever the gateway runs — under the AppHost, in its image, in compose or Kubernetes — from this one place.
/// A value the operator set (0 turns it off) is left as it is.
/// </summary>
internal static class InlineSocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
            Environment.SetEnvironmentVariable(Variable, "1");
    }
}
