using ClientPlatform.Clients.Core.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class AdminApiKeyConfiguration : IEntityTypeConfiguration<AdminApiKey>
{
    public void Configure(EntityTypeBuilder<AdminApiKey> key)
    {
        key.ToTable("admin_api_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasMaxLength(ClientLimits.RecordIdMaxLength);
        key.Property(k => k.Name).HasMaxLength(ClientLimits.NameMaxLength);
        key.Property(k => k.KeyHash).HasMaxLength(ClientLimits.TokenHashMaxLength);
        key.Property(k => k.CreatedBy).HasMaxLength(ClientLimits.RecordIdMaxLength);
        // Every admin request looks its key up by hash.
        key.HasIndex(k => k.KeyHash).IsUnique();
    }
}
