namespace ClientPlatform.AppHost;

/// <summary>
/// A server from a Debian package run by DCP as an executable resource: one TCP endpoint on a port DCP
/// picks (not proxied: the clients talk to the server itself), and a connection string in Aspire's format.
/// </summary>
public abstract class ExecutableServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public ParameterResource Password { get; } = password;

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}
