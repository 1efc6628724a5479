using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RelationshipKit.Sqlite.Internal;

/// <summary>
/// The schema of the stage history, versioned apart from the interaction schema (<see cref="SqliteSchema"/>) so that
/// either can evolve alone: <c>rk_stage_schema</c> holds one row per applied migration, a database is brought to
/// <see cref="CurrentVersion"/> inside one immediate transaction when the store opens it, and a database from a newer
/// library version is refused.
/// </summary>
internal static class StageHistorySchema
{
    public const int CurrentVersion = 1;

    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "stage transitions", """
            CREATE TABLE rk_stage_transitions (
                seq INTEGER PRIMARY KEY,
                model TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                at_utc INTEGER NOT NULL,
                offset_minutes INTEGER NOT NULL,
                from_stage TEXT,
                to_stage TEXT NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE UNIQUE INDEX rk_stage_transitions_key ON rk_stage_transitions (model, customer_id, at_utc);
            CREATE INDEX rk_stage_transitions_customer ON rk_stage_transitions (customer_id);
            """),
    ];

    /// <summary>Brings the stage history tables to the current version; returns the version found before.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        SqliteSchema.Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            SqliteSchema.Execute(connection, "CREATE TABLE IF NOT EXISTS rk_stage_schema (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL, description TEXT NOT NULL);");
            int found;
            using (SqliteCommand read = connection.CreateCommand())
            {
                read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM rk_stage_schema;";
                found = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            if (found > CurrentVersion)
            {
                throw new NotSupportedException(
                    $"The database '{connection.DataSource}' has stage history schema version {found}, newer than this library supports ({CurrentVersion}). Update RelationshipKit.Sqlite.");
            }

            foreach ((int version, string description, string sql) in Migrations)
            {
                if (version <= found)
                {
                    continue;
                }

                SqliteSchema.Execute(connection, sql);
                using SqliteCommand record = connection.CreateCommand();
                record.CommandText = "INSERT INTO rk_stage_schema (version, applied_utc, description) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), $d);";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$d", description);
                record.ExecuteNonQuery();
            }

            SqliteSchema.Execute(connection, "COMMIT;");
            return found;
        }
        catch
        {
            SqliteSchema.Execute(connection, "ROLLBACK;");
            throw;
        }
    }

    /// <summary>The version of the stage history tables in a database.</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM rk_stage_schema;";
        return Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
