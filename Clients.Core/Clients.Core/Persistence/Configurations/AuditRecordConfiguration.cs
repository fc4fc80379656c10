using ClientPlatform.Clients.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> record)
    {
        record.ToTable("audit_log");
        record.HasKey(r => r.Seq);
        record.Property(r => r.Seq).UseIdentityAlwaysColumn();
        // Idempotence: a redelivered event is recognised by its id and written once.
        record.HasIndex(r => r.EventId).IsUnique();
        foreach (var value in new[] { nameof(AuditRecord.ActorKind), nameof(AuditRecord.Action), nameof(AuditRecord.ResourceType),
                                      nameof(AuditRecord.Error) })
            record.Property(value).HasMaxLength(AuditLimits.ShortValueMaxLength);
        record.Property(r => r.ActorId).HasMaxLength(AuditLimits.IdMaxLength);
        record.Property(r => r.ResourceId).HasMaxLength(AuditLimits.IdMaxLength);
        record.Property(r => r.IpAddress).HasMaxLength(AuditLimits.IpAddressMaxLength);
        record.Property(r => r.UserAgent).HasMaxLength(AuditLimits.UserAgentMaxLength);
        record.Property(r => r.TraceId).HasMaxLength(AuditLimits.TraceIdMaxLength);
        record.Property(r => r.KeyId).HasMaxLength(AuditLimits.ShortValueMaxLength);

        // The admin's questions (seed 004, audit query): by resource, by actor, by action, by time; newest first.
        record.HasIndex(r => new { r.ResourceId, r.Seq }).IsDescending(false, true);
        record.HasIndex(r => new { r.ActorId, r.Seq }).IsDescending(false, true);
        record.HasIndex(r => new { r.Action, r.Seq }).IsDescending(false, true);
        record.HasIndex(r => r.OccurredAt);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        head.ToTable("audit_chain_head");
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
    }
}
