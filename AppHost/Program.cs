using ClientPlatform.AppHost;
using ClientPlatform.Hosting;

try
{
    var builder = DistributedApplication.CreateBuilder(args);
    ClientPlatformModel.Compose(builder);
    await using var app = builder.Build();
    return await app.RunAsync();
}
catch (HostingException e)
{
    // A setting or a missing package the operator can fix: one sentence, no stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
