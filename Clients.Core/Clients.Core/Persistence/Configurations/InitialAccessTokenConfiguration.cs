using ClientPlatform.Clients.Core.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class InitialAccessTokenConfiguration : IEntityTypeConfiguration<InitialAccessToken>
{
    public void Configure(EntityTypeBuilder<InitialAccessToken> token)
    {
        token.ToTable("initial_access_tokens", table =>
            table.HasCheckConstraint("ck_initial_access_tokens_uses", "remaining_uses >= 0 AND remaining_uses <= max_uses"));
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasMaxLength(ClientLimits.RecordIdMaxLength);
        token.Property(t => t.Name).HasMaxLength(ClientLimits.NameMaxLength);
        token.Property(t => t.TokenHash).HasMaxLength(ClientLimits.TokenHashMaxLength);
        token.Property(t => t.CreatedBy).HasMaxLength(ClientLimits.RecordIdMaxLength);
        token.Ignore(t => t.Policy);
        // Every registration in token mode looks its token up by hash.
        token.HasIndex(t => t.TokenHash).IsUnique();
    }
}
