using ClientPlatform.Clients.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>The one DbContext of the platform: each entity is configured in its own configuration class.</summary>
public sealed class ClientsDbContext(DbContextOptions<ClientsDbContext> options) : DbContext(options)
{
    public DbSet<Client> Clients => Set<Client>();

    public DbSet<ClientSecretUsage> SecretUsage => Set<ClientSecretUsage>();

    public DbSet<ClientUsage> ClientUsage => Set<ClientUsage>();

    public DbSet<OutboxMessage> AuditOutbox => Set<OutboxMessage>();

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<Admin.AdminApiKey> AdminApiKeys => Set<Admin.AdminApiKey>();

    public DbSet<Registration.InitialAccessToken> InitialAccessTokens => Set<Registration.InitialAccessToken>();

    public DbSet<Registration.SoftwareStatementIssuer> SoftwareStatementIssuers => Set<Registration.SoftwareStatementIssuer>();

    public DbSet<Idempotency.IdempotentRequest> IdempotentRequests => Set<Idempotency.IdempotentRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClientsDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
