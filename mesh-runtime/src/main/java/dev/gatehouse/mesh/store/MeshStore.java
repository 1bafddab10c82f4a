package dev.gatehouse.mesh.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite-backed store of resources, CA secrets and dataplane-token hashes. Writes run one at a time inside a
 * transaction; a write is acknowledged only after COMMIT (WAL with {@code synchronous=FULL}, so a committed change
 * survives a killed process or power loss). Readers use the immutable {@link StoreSnapshot} swapped after commit.
 */
public final class MeshStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshStore.class);
    static final int SCHEMA_VERSION = 1;
    private static final String DB_FILE = "mesh.db";

    private final Connection db;
    private final Clock clock;
    private final ResourceTypeRegistry types;
    private final List<Consumer<List<ResourceChange>>> listeners = new CopyOnWriteArrayList<>();
    private volatile StoreSnapshot snapshot;
    private final boolean freshlyCreated;

    private MeshStore(Connection db, Clock clock, ResourceTypeRegistry types, boolean freshlyCreated) {
        this.db = db;
        this.clock = clock;
        this.types = types;
        this.freshlyCreated = freshlyCreated;
    }

    /**
     * Opens (or creates) {@code dataDir/mesh.db}; the directory is made owner-only. Stored resources of a type
     * {@code types} does not know are left in the file but not loaded.
     */
    public static MeshStore open(Path dataDir, Clock clock, ResourceTypeRegistry types) {
        try {
            OwnerOnlyFiles.directory(dataDir);
            Path file = dataDir.resolve(DB_FILE);
            // SQLite creates -wal and -shm files with the database file's permissions, so 0600 here covers them.
            OwnerOnlyFiles.createFile(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // FULL: every commit is synced before it is acknowledged (the brief's durability rule).
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            boolean fresh = migrate(c);
            MeshStore store = new MeshStore(c, clock, types, fresh);
            store.snapshot = store.load();
            return store;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the mesh store in " + dataDir, e);
        }
    }

    private static boolean migrate(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    current = rs.getInt(1);
                }
            }
            if (current > SCHEMA_VERSION) {
                throw new SQLException(
                        "mesh store schema " + current + " is newer than this build (" + SCHEMA_VERSION + ")");
            }
            if (current < 1) {
                s.execute("CREATE TABLE resources (type TEXT NOT NULL, mesh TEXT NOT NULL, name TEXT NOT NULL, "
                        + "creation_time TEXT NOT NULL, modification_time TEXT NOT NULL, labels TEXT NOT NULL, "
                        + "spec TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (type, mesh, name))");
                s.execute("CREATE TABLE secrets (mesh TEXT NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL, "
                        + "PRIMARY KEY (mesh, name))");
                s.execute("CREATE TABLE dataplane_tokens (token_hash TEXT PRIMARY KEY, mesh TEXT NOT NULL, "
                        + "name TEXT NOT NULL, created TEXT NOT NULL)");
                s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("INSERT INTO schema_version (version) VALUES (1)");
            }
            c.commit();
            return current == 0;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private StoreSnapshot load() throws SQLException {
        NavigableMap<ResourceKey, Resource> map = StoreSnapshot.empty().copyOfMap();
        long revision = 0;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT type, mesh, name, creation_time, modification_time, labels, spec, version FROM resources")) {
            while (rs.next()) {
                Optional<ResourceTypeDescriptor> type = types.byName(rs.getString(1));
                if (type.isEmpty()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                ResourceCodec.readObject(rs.getString(6))
                        .properties()
                        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                Resource r = new Resource(
                        type.get(),
                        rs.getString(2),
                        rs.getString(3),
                        Instant.parse(rs.getString(4)),
                        Instant.parse(rs.getString(5)),
                        labels,
                        ResourceCodec.readObject(rs.getString(7)),
                        rs.getLong(8));
                map.put(r.key(), r);
                revision = Math.max(revision, r.version());
            }
        }
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'revision'")) {
            if (rs.next()) {
                revision = Math.max(revision, Long.parseLong(rs.getString(1)));
            }
        }
        return new StoreSnapshot(revision, map);
    }

    /** True when this open created the database (first start). */
    public boolean freshlyCreated() {
        return freshlyCreated;
    }

    public StoreSnapshot snapshot() {
        return snapshot;
    }

    /** Called after each commit, on the writing thread, with the changes in order; a listener that throws is logged. */
    public void addListener(Consumer<List<ResourceChange>> listener) {
        listeners.add(listener);
    }

    /** Runs {@code work} in one transaction; its changes become visible (and are announced) only after COMMIT. */
    public <T> T write(Function<Transaction, T> work) {
        List<ResourceChange> changes;
        T result;
        synchronized (this) {
            Transaction tx = new Transaction(snapshot);
            try {
                db.setAutoCommit(false);
                result = work.apply(tx);
                if (!tx.changes.isEmpty()) {
                    // Revisions never go back, even after deletes and a restart.
                    tx.putMeta("revision", Long.toString(tx.revision));
                }
                db.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreException("write failed", e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                autoCommitQuietly();
            }
            if (!tx.changes.isEmpty()) {
                snapshot = new StoreSnapshot(tx.revision, tx.working);
            }
            changes = List.copyOf(tx.changes);
        }
        if (!changes.isEmpty()) {
            for (Consumer<List<ResourceChange>> l : listeners) {
                try {
                    l.accept(changes);
                } catch (RuntimeException e) {
                    // The change is committed: a listener's failure must not turn it into a failed write.
                    LOG.error(
                            "a change listener failed after commit (revision {})",
                            changes.getLast().revision(),
                            e);
                }
            }
        }
        return result;
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    private void autoCommitQuietly() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // next write sets it again
        }
    }

    /** Reads one secret (CA material). */
    public synchronized Optional<byte[]> secret(String mesh, String name) {
        try (PreparedStatement ps = db.prepareStatement("SELECT data FROM secrets WHERE mesh = ? AND name = ?")) {
            ps.setString(1, mesh);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read secret", e);
        }
    }

    /** The (mesh, name) a token hash was issued for. */
    public synchronized Optional<ResourceKey> tokenOwner(String tokenHash) {
        try (PreparedStatement ps =
                db.prepareStatement("SELECT mesh, name FROM dataplane_tokens WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(DataplaneType.key(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read token", e);
        }
    }

    /** A meta flag such as "defaults-applied". */
    public synchronized Optional<String> meta(String key) {
        try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read meta", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the mesh store", e);
        }
    }

    /** Mutations inside one {@link #write}; reads see the transaction's own changes. */
    public final class Transaction {
        private final NavigableMap<ResourceKey, Resource> working;
        private final List<ResourceChange> changes = new ArrayList<>();
        private long revision;
        private StoreSnapshot view;

        private Transaction(StoreSnapshot base) {
            this.working = base.copyOfMap();
            this.revision = base.revision();
        }

        /** The state including this transaction's changes so far. */
        public StoreSnapshot view() {
            if (view == null) {
                view = new StoreSnapshot(revision, working);
            }
            return view;
        }

        public Optional<Resource> get(ResourceKey key) {
            return Optional.ofNullable(working.get(key));
        }

        /** Creates or replaces; keeps the creation time of an existing resource. Returns the stored form. */
        public Resource put(Resource r) {
            Instant now = clock.instant();
            Resource previous = working.get(r.key());
            revision++;
            Resource stored = r.withTimes(previous == null ? now : previous.creationTime(), now, revision);
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO resources (type, mesh, name, creation_time, "
                    + "modification_time, labels, spec, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (type, mesh, name) DO UPDATE SET modification_time = excluded.modification_time, "
                    + "labels = excluded.labels, spec = excluded.spec, version = excluded.version")) {
                ps.setString(1, stored.type().name());
                ps.setString(2, stored.mesh());
                ps.setString(3, stored.name());
                ps.setString(4, stored.creationTime().toString());
                ps.setString(5, stored.modificationTime().toString());
                ps.setString(6, ResourceCodec.JSON.writeValueAsString(stored.labels()));
                ps.setString(7, ResourceCodec.JSON.writeValueAsString(stored.spec()));
                ps.setLong(8, stored.version());
                ps.executeUpdate();
            } catch (SQLException | JsonProcessingException e) {
                throw new StoreException("cannot store " + r.key(), e);
            }
            working.put(stored.key(), stored);
            view = null;
            changes.add(new ResourceChange(
                    previous == null ? ResourceChange.Operation.CREATE : ResourceChange.Operation.UPDATE,
                    stored.key(),
                    stored,
                    revision));
            return stored;
        }

        public boolean delete(ResourceKey key) {
            Resource previous = working.get(key);
            if (previous == null) {
                return false;
            }
            try (PreparedStatement ps =
                    db.prepareStatement("DELETE FROM resources WHERE type = ? AND mesh = ? AND name = ?")) {
                ps.setString(1, key.type().name());
                ps.setString(2, key.mesh());
                ps.setString(3, key.name());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot delete " + key, e);
            }
            revision++;
            working.remove(key);
            view = null;
            changes.add(new ResourceChange(ResourceChange.Operation.DELETE, key, previous, revision));
            return true;
        }

        public void putSecret(String mesh, String name, byte[] data) {
            update(
                    "INSERT INTO secrets (mesh, name, data) VALUES (?, ?, ?) ON CONFLICT (mesh, name) DO UPDATE SET data = excluded.data",
                    mesh,
                    name,
                    data);
        }

        /** Deletes every secret of a mesh (its CA material). */
        public void deleteSecrets(String mesh) {
            update("DELETE FROM secrets WHERE mesh = ?", mesh);
        }

        public void putToken(String tokenHash, String mesh, String name) {
            update(
                    "INSERT INTO dataplane_tokens (token_hash, mesh, name, created) VALUES (?, ?, ?, ?)",
                    tokenHash,
                    mesh,
                    name,
                    clock.instant().toString());
        }

        public void deleteTokens(String mesh, String name) {
            update("DELETE FROM dataplane_tokens WHERE mesh = ? AND name = ?", mesh, name);
        }

        public void deleteTokens(String mesh) {
            update("DELETE FROM dataplane_tokens WHERE mesh = ?", mesh);
        }

        public void putMeta(String key, String value) {
            update(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    key,
                    value);
        }

        private void update(String sql, Object... args) {
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof byte[] b) {
                        ps.setBytes(i + 1, b);
                    } else {
                        ps.setString(i + 1, (String) args[i]);
                    }
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("write failed", e);
            }
        }
    }
}
