using System.Text;
using ClientPlatform.Clients.Infrastructure.Audit;
using ClientPlatform.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ClientPlatform.Audit.Worker.Tests;

/// <summary>
/// Issue 31, item 5: a broker user per service, with only what it needs — the APIs publish to the audit exchange and
/// nothing else, the worker consumes its queue and nothing else. Tried with each service's own credentials, read from
/// its process as the AppHost started it.
/// </summary>
[Collection(AuditPipelineCollection.Name)]
public sealed class BrokerUserTests(AuditPipelineFixture pipeline)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EachService_ConnectsAsItsOwnUser()
    {
        var users = new[] { ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker }
            .Select(service => new Uri(BrokerConnectionOf(service)).UserInfo.Split(':')[0]).ToList();

        Assert.Equal([ResourceNames.RegistrationApi, ResourceNames.AdminApi, ResourceNames.AuditWorker], users);
    }

    [Theory]
    [InlineData(ResourceNames.RegistrationApi)]
    [InlineData(ResourceNames.AdminApi)]
    public async Task Api_MayNotConsumeTheAuditQueue_NorDeclareAnything(string service)
    {
        await using var connection = await ConnectAsAsync(service);

        await AssertRefusedAsync(connection, channel => channel.BasicGetAsync(AuditTopology.Queue, autoAck: false, Ct));
        await AssertRefusedAsync(connection, channel => channel.QueueDeclareAsync("stolen.events", durable: false, exclusive: false, autoDelete: true, cancellationToken: Ct));
        await AssertRefusedAsync(connection, channel => channel.QueuePurgeAsync(AuditTopology.Queue, Ct));
    }

    [Fact]
    public async Task Worker_MayNotPublishAnEvent_NorDeleteTheQueue()
    {
        await using var connection = await ConnectAsAsync(ResourceNames.AuditWorker);

        await AssertRefusedAsync(connection, async channel =>
        {
            await channel.BasicPublishAsync(AuditTopology.Exchange, AuditTopology.RoutingKey, Encoding.UTF8.GetBytes("[]"), Ct);
            // The refusal closes the channel; the next operation on it says why.
            await channel.ExchangeDeclarePassiveAsync(AuditTopology.Exchange, Ct);
        });
        await AssertRefusedAsync(connection, channel => channel.QueueDeleteAsync(AuditTopology.Queue, cancellationToken: Ct));
    }

    private string BrokerConnectionOf(string service) =>
        EnvironmentOf(pipeline.Instances(service)[0].Pid!.Value)[$"ConnectionStrings__{ResourceNames.Messaging}"];

    private async Task<IConnection> ConnectAsAsync(string service) =>
        await new ConnectionFactory { Uri = new Uri(BrokerConnectionOf(service)) }.CreateConnectionAsync(Ct);

    /// <summary>The broker closes the channel with 403 ACCESS_REFUSED.</summary>
    private static async Task AssertRefusedAsync(IConnection connection, Func<IChannel, Task> operation)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => operation(channel));
        var reason = (refused as OperationInterruptedException)?.ShutdownReason ?? (refused as AlreadyClosedException)?.ShutdownReason
                     ?? channel.CloseReason;
        Assert.Equal((ushort)403, reason?.ReplyCode);
    }

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
