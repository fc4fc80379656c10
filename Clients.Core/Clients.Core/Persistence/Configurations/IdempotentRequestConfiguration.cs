using ClientPlatform.Clients.Core.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.ToTable("idempotent_requests");
        // The key's hash is the primary key: a second claim of one key fails on it, on every replica at once.
        request.HasKey(r => r.KeyHash);
        // Expired keys are removed in small batches, oldest first.
        request.HasIndex(r => r.ExpiresAt);
    }
}
