using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RelationshipKit.Sqlite.Internal;

/// <summary>
/// The database schema and its migrations. Interactions are clustered by customer: their row id
/// (<c>stream_key</c>) is the customer's row id times 2^32 plus the interaction's version, so one customer's
/// history is one contiguous range of the table (a read of the last 50 touches a page or two) and the version of
/// the customer is the low 32 bits of the range's largest key. <c>rk_schema</c> holds one row per applied migration; a database is
/// brought to <see cref="CurrentVersion"/> inside one immediate transaction when a store opens it, and a database
/// from a newer library version is refused.
/// </summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 1;

    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "interactions, customers, erased keys, consents, contact preferences", """
            CREATE TABLE rk_customers (
                customer_pk INTEGER PRIMARY KEY,
                customer_id TEXT NOT NULL UNIQUE
            );
            CREATE TABLE rk_interactions (
                stream_key INTEGER PRIMARY KEY,
                id TEXT NOT NULL,
                kind TEXT NOT NULL,
                channel TEXT NOT NULL,
                direction INTEGER NOT NULL,
                occurred_utc INTEGER NOT NULL,
                offset_minutes INTEGER NOT NULL,
                amount TEXT,
                campaign TEXT,
                outcome TEXT,
                rating INTEGER,
                sentiment REAL,
                attributes TEXT
            );
            CREATE UNIQUE INDEX rk_interactions_id ON rk_interactions (id);
            CREATE TABLE rk_erased_keys (
                digest BLOB PRIMARY KEY
            ) WITHOUT ROWID;
            CREATE TABLE rk_consents (
                seq INTEGER PRIMARY KEY,
                customer_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                purpose TEXT NOT NULL,
                status INTEGER NOT NULL,
                recorded_utc INTEGER NOT NULL,
                offset_minutes INTEGER NOT NULL,
                source TEXT NOT NULL
            );
            CREATE INDEX rk_consents_customer ON rk_consents (customer_id, seq);
            CREATE TABLE rk_contact_preferences (
                customer_id TEXT PRIMARY KEY,
                preferred_channels TEXT NOT NULL,
                time_zone_id TEXT,
                dnc_utc INTEGER,
                dnc_offset_minutes INTEGER,
                dnc_source TEXT
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary>Brings the database to the current version; returns the version found before.</summary>
    public static int Migrate(SqliteConnection connection)
    {
        using (SqliteCommand begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS rk_schema (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL, description TEXT NOT NULL);");
            int found;
            using (SqliteCommand read = connection.CreateCommand())
            {
                read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM rk_schema;";
                found = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            if (found > CurrentVersion)
            {
                throw new NotSupportedException(
                    $"The database '{connection.DataSource}' has schema version {found}, newer than this library supports ({CurrentVersion}). Update RelationshipKit.Sqlite.");
            }

            foreach ((int version, string description, string sql) in Migrations)
            {
                if (version <= found)
                {
                    continue;
                }

                Execute(connection, sql);
                using SqliteCommand record = connection.CreateCommand();
                record.CommandText = "INSERT INTO rk_schema (version, applied_utc, description) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), $d);";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$d", description);
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT;");
            return found;
        }
        catch
        {
            Execute(connection, "ROLLBACK;");
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
