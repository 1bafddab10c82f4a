package dev.gatehouse.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema versions of the SQLite store. Each migration runs once, in its own transaction, and is recorded in
 * {@code schema_migrations}; a store newer than this code refuses to open.
 */
final class Migrations {

    /** One numbered migration. */
    record Migration(int version, String name, List<String> statements) {}

    static final List<Migration> ALL = List.of(
            new Migration(
                    1,
                    "create entities",
                    List.of("CREATE TABLE entities ("
                            + " entity TEXT NOT NULL,"
                            + " id TEXT NOT NULL,"
                            + " body TEXT NOT NULL,"
                            + " expires_at INTEGER,"
                            + " PRIMARY KEY (entity, id)) WITHOUT ROWID")),
            new Migration(
                    2,
                    "create meta",
                    List.of("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")),
            new Migration(
                    3,
                    "index ttl expiry",
                    List.of("CREATE INDEX entities_expires_at ON entities (expires_at) WHERE expires_at IS NOT NULL")));

    private Migrations() {}

    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** Applies pending migrations; returns the schema version. */
    static int apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    + " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        }
        int current = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        if (current > latest()) {
            throw new SQLException(
                    "store schema version " + current + " is newer than this gateway supports (" + latest() + ")");
        }
        for (Migration m : ALL) {
            if (m.version() <= current) {
                continue;
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.name());
                    ps.setLong(3, System.currentTimeMillis() / 1000);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            current = m.version();
        }
        return current;
    }
}
