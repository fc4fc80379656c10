using System.Text.Json;
using ClientPlatform.Clients.Core.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPlatform.Clients.Core.Persistence.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    private const string TrigramExtension = "pg_trgm";
    private const string TrigramOperators = "gin_trgm_ops";

    public void Configure(EntityTypeBuilder<Client> client)
    {
        client.ToTable("clients");
        client.HasKey(c => c.ClientId);
        client.Property(c => c.ClientId).HasMaxLength(ClientLimits.ClientIdMaxLength);

        // The credential set, in the client's row: a rotation changes it with the client's version (xmin), so two
        // rotations at once cannot both succeed and one of them silently cut an expiry the other announced.
        client.Property(c => c.Secrets)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<ClientSecret>>(v, JsonSerializerOptions.Default) ?? new(),
                new ValueComparer<List<ClientSecret>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(),
                    v => JsonSerializer.Deserialize<List<ClientSecret>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!));
        // Derived from the credential set on every save (Client.SecretsExpireAt); the sweep of expired secrets asks it.
        client.Property(c => c.SecretsExpireAt).UsePropertyAccessMode(PropertyAccessMode.Property);
        client.HasIndex(c => c.SecretsExpireAt, "ix_clients_secrets_expire_at").HasFilter("secrets_expire_at IS NOT NULL");
        client.Property(c => c.RegistrationProfile).HasMaxLength(ClientLimits.ShortValueMaxLength);
        client.Property(c => c.SoftwareStatement).HasMaxLength(ClientLimits.SoftwareStatementMaxLength);
        client.Property(c => c.RegistrationTokenHash).HasMaxLength(ClientLimits.TokenHashMaxLength);
        // A registration access token is looked up by its hash on every RFC 7592 call.
        client.HasIndex(c => c.RegistrationTokenHash).IsUnique();

        client.Property(c => c.ClientName).HasMaxLength(ClientLimits.NameMaxLength);
        foreach (var uri in new[] { nameof(Client.ClientUri), nameof(Client.LogoUri), nameof(Client.TosUri), nameof(Client.PolicyUri),
                                    nameof(Client.JwksUri), nameof(Client.SectorIdentifierUri), nameof(Client.TlsClientAuthSubjectDn),
                                    nameof(Client.TlsClientAuthSanDns), nameof(Client.TlsClientAuthSanUri), nameof(Client.TlsClientAuthSanIp),
                                    nameof(Client.TlsClientAuthSanEmail) })
            client.Property(uri).HasMaxLength(ClientLimits.UriMaxLength);
        client.Property(c => c.Scope).HasMaxLength(ClientLimits.ScopeMaxLength);
        foreach (var value in new[] { nameof(Client.TokenEndpointAuthMethod), nameof(Client.SoftwareId), nameof(Client.SoftwareVersion),
                                      nameof(Client.ApplicationType), nameof(Client.SubjectType), nameof(Client.IdTokenSignedResponseAlg) })
            client.Property(value).HasMaxLength(ClientLimits.ShortValueMaxLength);

        // Lists are text[] (style.md rule 14); language-tagged values a jsonb object.
        client.Property(c => c.LocalizedMetadata)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    v => new Dictionary<string, string>(v)));
        client.Property(c => c.Jwks).HasColumnType("jsonb");
        client.Property(c => c.StagedJwks).HasColumnType("jsonb");
        client.Property(c => c.InitialAccessTokenId).HasMaxLength(ClientLimits.ShortValueMaxLength);
        // Set once, at registration, and only ever replaced whole: compared by reference is enough.
        client.Property(c => c.RegistrationPolicy)
            .HasColumnType("jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<RegistrationPolicy>(v, JsonSerializerOptions.Default));

        // Newest first is the admin list's order (seed 004); client_id breaks ties for a stable page.
        client.HasIndex(c => new { c.CreatedAt, c.ClientId }).IsDescending(true, false);
        // The admin list's locked filter (issue 34): the few clients an administrator locked, in the list's order.
        client.HasIndex(c => new { c.CreatedAt, c.ClientId }, "ix_clients_locked").IsDescending(true, false)
            .HasFilter("update_locked OR delete_locked");

        // Issue 34: how the client came to be, the list's source filter in the list's order; the lifecycle rules read the
        // registered sources by creation time along the same index.
        client.Property(c => c.Source).HasMaxLength(ClientLimits.ShortValueMaxLength).HasDefaultValue(ClientSources.Dynamic);
        client.HasIndex(c => new { c.Source, c.CreatedAt, c.ClientId }, "ix_clients_source").IsDescending(false, true, false);
        // The list's grant_type filter: grant_types @> ARRAY[…] from a GIN index, not a walk of every client.
        client.HasIndex(c => c.GrantTypes, "ix_clients_grant_types").HasMethod("gin");

        // The admin search is ILIKE '%…%' on the id and the name (seed 004). A B-tree cannot serve a
        // pattern that starts with a wildcard; a trigram GIN index can, so a search does not read every client.
        client.Metadata.Model.GetOrAddPostgresExtension(null, TrigramExtension, null);
        client.HasIndex(c => c.ClientId, "ix_clients_client_id_trgm").HasMethod("gin").HasOperators(TrigramOperators);
        client.HasIndex(c => c.ClientName, "ix_clients_client_name_trgm").HasMethod("gin").HasOperators(TrigramOperators);

        client.Property(c => c.Version).IsRowVersion();
    }
}
