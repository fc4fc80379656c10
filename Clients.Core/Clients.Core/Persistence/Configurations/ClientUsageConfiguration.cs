using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class ClientUsageConfiguration : IEntityTypeConfiguration<ClientUsage>
{
    public void Configure(EntityTypeBuilder<ClientUsage> usage)
    {
        usage.ToTable("client_usage");
        usage.HasKey(u => u.ClientId);
        usage.Property(u => u.ClientId).HasMaxLength(ClientLimits.ClientIdMaxLength);
        // The list's last-used range and the lifecycle's inactivity rule read along it.
        usage.HasIndex(u => u.LastUsedAt).HasDatabaseName("ix_client_usage_last_used_at");
        // Gone with its client.
        usage.HasOne<Client>().WithOne().HasForeignKey<ClientUsage>(u => u.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
