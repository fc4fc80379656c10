using ClientPlatform.Clients.Core.Persistence;
using ClientPlatform.Clients.Infrastructure.Connections;
using ClientPlatform.Clients.Migrator;
using ClientPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

// Brings the schema up to date, gives the services' roles the passwords it is given, and exits: 0 done, 1 not, with one
// line saying why. Connected as the schema's owner (ConnectionStrings__clientsdb), which no service is.
// With `broker-definitions FILE`, writes the broker's users and topology instead (BrokerDefinitionsCommand).
try
{
    if (args is [BrokerDefinitionsCommand.Name, .. var rest])
        return BrokerDefinitionsCommand.Run(rest, new ConfigurationBuilder().AddEnvironmentVariables().Build());
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddServiceDefaults();
    builder.AddPostgresDatabase<ClientsDbContext>(ResourceNames.ClientsDb);
    builder.Services.AddSingleton<SchemaMigrator>();
    builder.Services.AddSingleton<RolePasswords>();
    builder.Services.AddSingleton<Migration>();
    using var host = builder.Build();
    await host.Services.GetRequiredService<Migration>().RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.IsOperatorError(e))
{
    return StartupFailure.Report(e);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException && args is [BrokerDefinitionsCommand.Name, ..])
{
    Console.Error.WriteLine($"error: the broker's definitions could not be written: {e.Message}");
    return 1;
}
catch (Exception e) when (e is NpgsqlException or TimeoutException)
{
    Console.Error.WriteLine($"error: the database schema could not be brought up to date: {e.Message}");
    return 1;
}
