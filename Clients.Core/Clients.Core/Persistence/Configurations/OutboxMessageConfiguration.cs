using ClientPlatform.Clients.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.ToTable("audit_outbox");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Id).UseIdentityAlwaysColumn();
        outbox.HasIndex(m => m.EventId).IsUnique();
        outbox.Property(m => m.ResourceKey).HasMaxLength(AuditLimits.ResourceKeyMaxLength);
        outbox.Property(m => m.Action).HasMaxLength(AuditLimits.ShortValueMaxLength);
        // The relay's claim reads only unsent rows, in order.
        outbox.HasIndex(m => m.Id).HasFilter("sent_at IS NULL").HasDatabaseName("ix_audit_outbox_unsent");
        // Pruning of sent rows after the retention period.
        outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
    }
}
