package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.fs.OwnerOnly;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable store: one SQLite file ({@code gateway.db}) in the data directory, in WAL mode with
 * {@code synchronous=FULL}, so a commit is on disk before a write is acknowledged. Writers are serialised by one
 * lock; each write runs against the current snapshot, commits in one SQLite transaction, then publishes a new
 * immutable {@link Snapshot} and a {@link ChangeEvent} to subscribers.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    public static final String FILE_NAME = "gateway.db";

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final int schemaVersion;
    private volatile Snapshot snapshot;
    private volatile boolean closed;

    private Store(Path file, Clock clock, Connection connection, Snapshot snapshot, int schemaVersion) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
        this.snapshot = snapshot;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating if needed) the store in {@code dataDir}; the directory and files are owner-only. */
    public static Store open(Path dataDir, EntitySchemas schemas) {
        return open(dataDir, schemas, Clock.systemUTC());
    }

    /** As {@link #open(Path, EntitySchemas)}, with the clock that entity TTLs are measured with. */
    public static Store open(Path dataDir, EntitySchemas schemas, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            OwnerOnly.directory(dataDir);
            OwnerOnly.file(file);
        } catch (IOException e) {
            throw new StoreException("cannot prepare data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                // FULL: the WAL is synced at every commit, so acknowledged writes survive a power loss as well as kill
                // -9.
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=5000");
                // One gateway per data directory: a second process fails to open instead of interleaving writes.
                st.execute("PRAGMA locking_mode=EXCLUSIVE");
                try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                    if (rs.next() && !"ok".equals(rs.getString(1))) {
                        throw new SQLException("store integrity check failed: " + rs.getString(1));
                    }
                }
            }
            int version = Migrations.apply(c);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    OwnerOnly.file(side);
                }
            }
            Snapshot snap = load(c, schemas, clock);
            LOG.info("store opened: {} (schema version {}, {} entities)", file, version, count(snap));
            return new Store(file, clock, c, snap, version);
        } catch (SQLException | IOException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    private static int count(Snapshot s) {
        int n = 0;
        for (EntityTable t : s.tables().values()) {
            n += t.size();
        }
        return n;
    }

    private static Snapshot load(Connection c, EntitySchemas schemas, Clock clock) throws SQLException, IOException {
        Map<String, List<StoredEntity>> rows = new LinkedHashMap<>();
        for (Schema s : schemas.all()) {
            rows.put(s.name(), new ArrayList<>());
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT entity, id, body, expires_at FROM entities")) {
            while (rs.next()) {
                String type = rs.getString(1);
                List<StoredEntity> list = rows.get(type);
                if (list == null) {
                    continue; // an entity of a plugin that is not enabled any more: kept on disk, not served
                }
                long exp = rs.getLong(4);
                Long expiresAt = rs.wasNull() ? null : exp;
                ObjectNode body = (ObjectNode) Json.MAPPER.readTree(rs.getString(3));
                list.add(new StoredEntity(type, rs.getString(2), body, expiresAt));
            }
        }
        Map<String, EntityTable> tables = new HashMap<>();
        for (Schema s : schemas.all()) {
            tables.put(s.name(), EntityTable.of(s.name(), new IndexKeys(s), rows.get(s.name())));
        }
        return new Snapshot(0, tables, clock);
    }

    /** The clock entity TTLs are measured with. */
    public Clock clock() {
        return clock;
    }

    /** The current snapshot (lock-free). */
    public Snapshot snapshot() {
        return snapshot;
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Runs {@code work} as the only writer, then commits what it changed. Returns the work's
     * result once the commit is durable and the new snapshot is published.
     */
    public <T> T write(Function<WriteTx, T> work) {
        writeLock.lock();
        try {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            WriteTx tx = new WriteTx(snapshot);
            T result = work.apply(tx); // an exception discards the transaction: nothing was written
            commit(tx.changes(), tx.contentMeta());
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    private void commit(List<Change> changes, Map<String, String> contentMeta) {
        if (changes.isEmpty() && contentMeta.isEmpty()) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(
                            "INSERT INTO entities (entity, id, body, expires_at) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (entity, id) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at");
                    PreparedStatement delete =
                            connection.prepareStatement("DELETE FROM entities WHERE entity = ? AND id = ?")) {
                for (Change c : changes) {
                    if (c.after() == null) {
                        delete.setString(1, c.type());
                        delete.setString(2, c.id());
                        delete.addBatch();
                    } else {
                        upsert.setString(1, c.type());
                        upsert.setString(2, c.id());
                        upsert.setString(3, Json.write(c.after().body()));
                        if (c.after().expiresAt() == null) {
                            upsert.setNull(4, java.sql.Types.INTEGER);
                        } else {
                            upsert.setLong(4, c.after().expiresAt());
                        }
                        upsert.addBatch();
                    }
                }
                delete.executeBatch();
                upsert.executeBatch();
            }
            try (PreparedStatement clear =
                            connection.prepareStatement("DELETE FROM meta WHERE key LIKE ? ESCAPE '\\'");
                    PreparedStatement put =
                            connection.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
                clear.setString(1, CONTENT_META_PREFIX.replace("_", "\\_") + "%");
                clear.executeUpdate();
                for (Map.Entry<String, String> m : contentMeta.entrySet()) {
                    put.setString(1, m.getKey());
                    put.setString(2, m.getValue());
                    put.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // roll back on any failure: turning auto-commit back on below would otherwise commit what was executed
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw new StoreException("commit failed: " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // next write will fail loudly if the connection is broken
            }
        }
        if (changes.isEmpty()) {
            return; // only content meta changed: same entities, same snapshot
        }
        Map<String, Map<String, StoredEntity>> byType = new HashMap<>();
        for (Change c : changes) {
            byType.computeIfAbsent(c.type(), k -> new HashMap<>()).put(c.id(), c.after());
        }
        Snapshot next = snapshot.next(byType);
        snapshot = next;
        ChangeEvent event = new ChangeEvent(next.version(), next, List.copyOf(changes));
        for (Subscription s : subscribers) {
            s.offer(event);
        }
    }

    /** Deletes expired entities (TTL); returns how many. */
    public int purgeExpired() {
        return write(tx -> {
            int n = 0;
            long now = tx.nowSeconds();
            for (EntityTable t : tx.base().tables().values()) {
                for (StoredEntity e : t.rows().values()) {
                    if (e.expiredAt(now)) {
                        tx.delete(e.type(), e.id());
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /**
     * Subscribes to the change feed. Events arrive in commit order on a thread of the subscription, after the
     * snapshot they describe is current; a slow subscriber never delays writers.
     */
    public Subscription subscribe(Consumer<ChangeEvent> listener) {
        Subscription s = new Subscription(listener, subscribers::remove);
        subscribers.add(s);
        return s;
    }

    /** Meta keys of {@link WriteTx#contentMeta}. */
    static final String CONTENT_META_PREFIX = "content_";

    /** A value set by {@link WriteTx#contentMeta}, or null once a later commit changed the entities. */
    public String contentMeta(String key) {
        return meta(CONTENT_META_PREFIX + key);
    }

    /** Meta values (e.g. the node id) stored beside the entities. */
    public String meta(String key) {
        writeLock.lock();
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read meta " + key, e);
        } finally {
            writeLock.unlock();
        }
    }

    public void putMeta(String key, String value) {
        writeLock.lock();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot write meta " + key, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            subscribers.forEach(Subscription::close);
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing store: {}", e.getMessage());
            }
        } finally {
            writeLock.unlock();
        }
    }
}
