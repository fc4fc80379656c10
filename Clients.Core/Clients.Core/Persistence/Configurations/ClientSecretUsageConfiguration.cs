using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class ClientSecretUsageConfiguration : IEntityTypeConfiguration<ClientSecretUsage>
{
    public void Configure(EntityTypeBuilder<ClientSecretUsage> usage)
    {
        usage.ToTable("client_secret_usage");
        usage.HasKey(u => new { u.ClientId, u.SecretId });
        usage.Property(u => u.ClientId).HasMaxLength(ClientLimits.ClientIdMaxLength);
        usage.Property(u => u.SecretId).HasMaxLength(ClientLimits.ShortValueMaxLength);
        // Gone with its client.
        usage.HasOne<Client>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
