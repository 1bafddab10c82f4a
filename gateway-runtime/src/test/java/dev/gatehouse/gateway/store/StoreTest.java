package dev.gatehouse.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.dao.EntityKey;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.support.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store: migrations, owner-only files, snapshots, the change feed, serialised writers. */
class StoreTest {

    private final EntitySchemas schemas = PluginRegistry.discover().entitySchemas();
    private final EntityDao dao = new EntityDao(schemas);
    private final Schema services = schemas.get("services");

    private StoredEntity createService(Store store, String name) {
        ObjectNode in = Json.object();
        in.put("name", name);
        in.put("host", name + ".test");
        return store.write(tx -> dao.insert(tx, services, in, null));
    }

    @Test
    void migrationsAreRecordedAndNotReapplied(@TempDir Path dir) throws Exception {
        try (Store s = Store.open(dir.resolve("d"), schemas)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.latest());
            createService(s, "kept");
        }
        try (Store s = Store.open(dir.resolve("d"), schemas)) {
            assertThat(s.snapshot().list("services")).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("d/gateway.db"));
                Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT version, name FROM schema_migrations ORDER BY version");
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactly(1, 2, 3);
            ResultSet mode = st.executeQuery("PRAGMA journal_mode");
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
            st.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)");
        }
        assertThatThrownBy(() -> Store.open(dir.resolve("d"), schemas))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this gateway supports");
    }

    @Test
    void filesAreOwnerOnly(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("nested/data");
        try (Store s = Store.open(data, schemas)) {
            createService(s, "perm");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("gateway.db"))))
                    .isEqualTo("rw-------");
            // SQLite gives its -wal and -shm files the database file's mode; the store narrows leftovers on open
            try (Stream<Path> files = Files.list(data)) {
                List<Path> all = files.toList();
                assertThat(all).extracting(p -> p.getFileName().toString()).contains("gateway.db", "gateway.db-wal");
                for (Path p : all) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                            .as(p.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aWorldReadableStoreLeftByACrashIsNarrowedOnOpen(@TempDir Path dir) throws Exception {
        Path crashed = dir.resolve("crashed");
        Files.createDirectory(crashed);
        try (Store s = Store.open(dir.resolve("live"), schemas)) {
            createService(s, "before");
            // the files as a kill -9 leaves them: the -wal is still there; then someone widened every mode
            try (Stream<Path> files = Files.list(dir.resolve("live"))) {
                for (Path p : files.toList()) {
                    Path copy = Files.copy(p, crashed.resolve(p.getFileName()));
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        assertThat(crashed.resolve("gateway.db-wal")).exists();
        Files.setPosixFilePermissions(crashed, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Store s = Store.open(crashed, schemas)) {
            assertThat(s.snapshot().list("services")).hasSize(1);
            createService(s, "after");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crashed)))
                    .isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(crashed)) {
                for (Path p : files.toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                            .as(p.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void oneProcessPerDataDirectory(@TempDir Path dir) {
        try (Store s = Store.open(dir, schemas)) {
            createService(s, "lock");
            assertThatThrownBy(() -> {
                        try (Store other = Store.open(dir, schemas)) {
                            other.write(tx -> {
                                tx.put(new StoredEntity("services", "x", Json.object(), null));
                                return null;
                            });
                        }
                    })
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void snapshotsAreImmutableAndSwappedAfterCommit(@TempDir Path dir) {
        try (Store s = Store.open(dir, schemas)) {
            Snapshot before = s.snapshot();
            StoredEntity e = createService(s, "snap");
            Snapshot after = s.snapshot();
            assertThat(before.list("services")).isEmpty();
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(after.get("services", e.id())).isEqualTo(e);
            assertThat(after.findUnique(
                            "services", "name", com.fasterxml.jackson.databind.node.TextNode.valueOf("snap")))
                    .isEqualTo(e);
            // a failed write publishes nothing
            assertThatThrownBy(() -> s.write(tx -> {
                        tx.delete("services", e.id());
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            assertThat(s.snapshot()).isSameAs(after);
            assertThat(s.snapshot().get("services", e.id())).isNotNull();
        }
    }

    @Test
    void changeFeedDeliversCommitsInOrder(@TempDir Path dir) throws Exception {
        try (Store s = Store.open(dir, schemas)) {
            List<ChangeEvent> events = new CopyOnWriteArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            try (Subscription sub = s.subscribe(e -> {
                events.add(e);
                three.countDown();
            })) {
                StoredEntity e = createService(s, "feed");
                ObjectNode patch = Json.object();
                patch.put("port", 8080);
                s.write(tx -> dao.update(tx, services, EntityKey.ofId(e.id()), patch, null));
                s.write(tx -> dao.delete(tx, services, EntityKey.ofId(e.id())));
                assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(events)
                    .extracting(ev -> ev.changes().get(0).op())
                    .containsExactly(Change.Op.CREATE, Change.Op.UPDATE, Change.Op.DELETE);
            assertThat(events.get(1).changes().get(0).after().body().get("port").asInt())
                    .isEqualTo(8080);
            assertThat(events.get(1)
                            .changes()
                            .get(0)
                            .before()
                            .body()
                            .get("port")
                            .asInt())
                    .isEqualTo(80);
            assertThat(events.get(0).version()).isLessThan(events.get(1).version());
            assertThat(events.get(2).snapshot().list("services")).isEmpty();
        }
    }

    @Test
    void concurrentWritersLoseNoUpdate(@TempDir Path dir) throws Exception {
        try (Store s = Store.open(dir, schemas)) {
            StoredEntity e = createService(s, "counter");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        s.write(tx -> {
                            int retries = tx.get("services", e.id())
                                    .body()
                                    .get("retries")
                                    .asInt();
                            ObjectNode patch = Json.object();
                            patch.put("retries", retries + 1);
                            return dao.update(tx, services, EntityKey.ofId(e.id()), patch, null);
                        });
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(s.snapshot()
                            .get("services", e.id())
                            .body()
                            .get("retries")
                            .asInt())
                    .isEqualTo(5 + 400);
        }
        try (Store s = Store.open(dir, schemas)) {
            assertThat(s.snapshot()
                            .list("services")
                            .get(0)
                            .body()
                            .get("retries")
                            .asInt())
                    .isEqualTo(405);
        }
    }

    @Test
    void expiredEntitiesAreInvisibleThenPurged(@TempDir Path dir) {
        MovableClock clock = new MovableClock(Instant.ofEpochSecond(1_000_000));
        try (Store s = Store.open(dir, schemas, clock)) {
            Schema consumers = schemas.get("consumers");
            Schema creds = schemas.get("keyauth_credentials");
            ObjectNode c = Json.object();
            c.put("username", "ttl");
            StoredEntity consumer = s.write(tx -> dao.insert(tx, consumers, c, null));
            ObjectNode k = Json.object();
            k.put("key", "short-lived");
            k.putObject("consumer").put("id", consumer.id());
            StoredEntity cred = s.write(tx -> dao.insert(tx, creds, k, 10L));
            assertThat(cred.expiresAt()).isNotNull();
            assertThat(s.snapshot().get("keyauth_credentials", cred.id())).isNotNull();
            clock.advance(Duration.ofSeconds(10));
            assertThat(s.snapshot().get("keyauth_credentials", cred.id())).isNull();
            // the key can be reused once expired, as in Kong
            ObjectNode again = k.deepCopy();
            StoredEntity reused = s.write(tx -> dao.insert(tx, creds, again, null));
            assertThat(s.purgeExpired()).isEqualTo(1);
            assertThat(s.snapshot()
                            .findUnique(
                                    "keyauth_credentials",
                                    "key",
                                    com.fasterxml.jackson.databind.node.TextNode.valueOf("short-lived")))
                    .isEqualTo(reused);
        }
    }
}
