using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>For the EF Core tools only (dotnet ef migrations add …): no database is contacted.</summary>
internal sealed class ClientsDbContextFactory : IDesignTimeDbContextFactory<ClientsDbContext>
{
    public ClientsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ClientsDbContext>().UseNpgsql("Host=localhost;Database=clientsdb").Options);
}
