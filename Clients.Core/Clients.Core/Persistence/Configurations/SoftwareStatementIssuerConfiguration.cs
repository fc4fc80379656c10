using ClientPlatform.Clients.Core.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class SoftwareStatementIssuerConfiguration : IEntityTypeConfiguration<SoftwareStatementIssuer>
{
    public void Configure(EntityTypeBuilder<SoftwareStatementIssuer> issuer)
    {
        issuer.ToTable("software_statement_issuers", table =>
            table.HasCheckConstraint("ck_software_statement_issuers_keys", "(jwks IS NULL) <> (jwks_uri IS NULL)"));
        issuer.HasKey(i => i.Id);
        issuer.Property(i => i.Id).HasMaxLength(ClientLimits.RecordIdMaxLength);
        issuer.Property(i => i.Issuer).HasMaxLength(ClientLimits.UriMaxLength);
        issuer.Property(i => i.Jwks).HasMaxLength(ClientLimits.JwksMaxLength);
        issuer.Property(i => i.JwksUri).HasMaxLength(ClientLimits.UriMaxLength);
        issuer.Property(i => i.CreatedBy).HasMaxLength(ClientLimits.RecordIdMaxLength);
        // Each statement is checked against its iss.
        issuer.HasIndex(i => i.Issuer).IsUnique();
    }
}
