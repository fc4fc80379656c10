using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ClientPlatform.Clients.Core.Persistence;

/// <summary>
/// PostgreSQL's own naming (snake_case tables, columns, keys and indexes), written once, so that the
/// schema reads naturally in psql and no configuration class repeats a column name.
/// </summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
                entity.SetTableName(Convert(table));
            // xmin is PostgreSQL's own system column (the row version): its name is fixed.
            foreach (var property in entity.GetProperties().Where(p => !(p.IsConcurrencyToken && p.ClrType == typeof(uint))))
                property.SetColumnName(Convert(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(Convert(key.GetName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(Convert(index.GetDatabaseName()!));
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName(Convert(foreignKey.GetConstraintName()!));
        }
    }

    public static string Convert(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    result.Append('_');
                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
