package dev.gatehouse.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store: durability settings, owner-only files, schema version, atomic writes, change feed. */
class MeshStoreTest {
    @TempDir
    Path dir;

    private static Resource tp(String name) {
        return new Resource(
                TrafficPermissionType.DESCRIPTOR,
                "default",
                name,
                null,
                null,
                Map.of("k", "v"),
                ResourceCodec.readObject("{\"sources\":[{\"match\":{\"kuma.io/service\":\"*\"}}]}"),
                0);
    }

    @Test
    void filesAreOwnerOnlyAndWalWithSchemaVersion() throws Exception {
        Path data = dir.resolve("data");
        try (MeshStore store = MeshStore.open(data, Clock.systemUTC(), BuiltinResourceTypes.REGISTRY)) {
            store.write(tx -> tx.put(tp("a")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            for (String f : List.of("mesh.db", "mesh.db-wal", "mesh.db-shm")) {
                assertThat(Files.exists(data.resolve(f))).as(f).isTrue();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f))))
                        .as(f)
                        .isEqualTo("rw-------");
            }
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("mesh.db"));
                ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
            ResultSet v = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version");
            v.next();
            assertThat(v.getInt(1)).isEqualTo(MeshStore.SCHEMA_VERSION);
        }
    }

    @Test
    void committedWritesSurviveReopenAndFailedTransactionsLeaveNothing() {
        try (MeshStore store = MeshStore.open(dir, Clock.systemUTC(), BuiltinResourceTypes.REGISTRY)) {
            store.write(tx -> tx.put(tp("kept")));
            assertThatThrownBy(() -> store.write(tx -> {
                        tx.put(tp("half"));
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            assertThat(store.snapshot().get(TrafficPermissionType.DESCRIPTOR, "default", "half"))
                    .isEmpty();
        }
        try (MeshStore store = MeshStore.open(dir, Clock.systemUTC(), BuiltinResourceTypes.REGISTRY)) {
            Resource kept = store.snapshot()
                    .get(TrafficPermissionType.DESCRIPTOR, "default", "kept")
                    .orElseThrow();
            assertThat(kept.labels()).containsEntry("k", "v");
            assertThat(kept.spec()
                            .path("sources")
                            .get(0)
                            .path("match")
                            .path("kuma.io/service")
                            .asText())
                    .isEqualTo("*");
            assertThat(store.snapshot().get(TrafficPermissionType.DESCRIPTOR, "default", "half"))
                    .isEmpty();
            assertThat(store.freshlyCreated()).isFalse();
        }
    }

    @Test
    void listenersSeeCommittedChangesInOrderWithGrowingRevisions() {
        long before;
        try (MeshStore store = MeshStore.open(dir, Clock.systemUTC(), BuiltinResourceTypes.REGISTRY)) {
            List<ResourceChange> seen = new ArrayList<>();
            store.addListener(seen::addAll);
            store.write(tx -> {
                tx.put(tp("a"));
                tx.put(tp("b"));
                return null;
            });
            store.write(tx -> tx.put(tp("a")));
            store.write(tx -> tx.delete(new ResourceKey(TrafficPermissionType.DESCRIPTOR, "default", "b")));
            assertThat(seen)
                    .extracting(ResourceChange::operation)
                    .containsExactly(
                            ResourceChange.Operation.CREATE,
                            ResourceChange.Operation.CREATE,
                            ResourceChange.Operation.UPDATE,
                            ResourceChange.Operation.DELETE);
            assertThat(seen).extracting(ResourceChange::revision).isSorted().doesNotHaveDuplicates();
            before = store.snapshot().revision();
        }
        try (MeshStore again = MeshStore.open(dir, Clock.systemUTC(), BuiltinResourceTypes.REGISTRY)) {
            assertThat(again.snapshot().revision()).isEqualTo(before);
        }
    }
}
