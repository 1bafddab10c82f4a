package dev.gatehouse.app.traffic.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what an earlier run of this console added to a connection and did not remove (it crashed, or the remote
 * end was down when the watch stopped): first what the ledger names, then, as a fallback for a lost ledger, http-log
 * plugins carrying this console's tags and MeshAccessLogs with this console's name. Whatever a running watch owns is
 * left alone. Blocking: call it in the background.
 */
public final class LeftoverSweep {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweep.class);
    private static final long TIMEOUT_SECONDS = 20;

    private final WatchLedger ledger;

    public LeftoverSweep(WatchLedger ledger) {
        this.ledger = ledger;
    }

    /** Removes the leftovers of {@code connectionId} through {@code apis}; returns what was removed, in words. */
    public List<String> sweep(String connectionId, ConnectedApis apis) {
        List<String> removed = new ArrayList<>();
        for (LedgerEntry entry : ledger.leftovers(connectionId)) {
            boolean done = switch (entry.kind()) {
                case HTTP_LOG_PLUGIN ->
                    apis.gateway().map(g -> deletePlugin(g, entry.id())).orElse(false);
                case MESH_ACCESS_LOG ->
                    apis.mesh()
                            .map(m -> deleteAccessLog(m, entry.mesh(), entry.id()))
                            .orElse(false);
            };
            if (done) {
                ledger.remove(entry);
                removed.add(describe(entry.kind(), entry.id(), entry.scope()));
            }
        }
        apis.gateway().ifPresent(g -> removed.addAll(taggedPlugins(g)));
        apis.mesh().ifPresent(m -> removed.addAll(namedAccessLogs(m)));
        return removed;
    }

    private List<String> taggedPlugins(GatewayRepository gateway) {
        List<String> removed = new ArrayList<>();
        try {
            String own = ledger.consoleTag();
            for (ObjectNode plugin : gateway.listAll(EntityKind.PLUGINS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                String id = plugin.path("id").asText();
                if (hasTag(plugin, WatchLedger.TAG)
                        && hasTag(plugin, own)
                        && !ledger.isLive(LedgerEntry.Kind.HTTP_LOG_PLUGIN, id)
                        && deletePlugin(gateway, id)) {
                    removed.add(describe(
                            LedgerEntry.Kind.HTTP_LOG_PLUGIN,
                            id,
                            plugin.path("service").hasNonNull("id") ? "on one service" : "globally"));
                }
            }
        } catch (Exception e) {
            LOG.debug(
                    "looking for leftover http-log plugins failed: {}",
                    UiTasks.unwrap(e).getMessage());
        }
        return removed;
    }

    private List<String> namedAccessLogs(MeshRepository mesh) {
        List<String> removed = new ArrayList<>();
        String name = WatchLedger.TAG + "-" + ledger.consoleId().substring(0, 8);
        try {
            for (ObjectNode m : mesh.meshes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                String meshName = m.path("name").asText();
                try {
                    if (!ledger.isLive(LedgerEntry.Kind.MESH_ACCESS_LOG, name)
                            && mesh.find(MeshResourceType.MESH_ACCESS_LOG, meshName, name)
                                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                                    .isPresent()
                            && deleteAccessLog(mesh, meshName, name)) {
                        removed.add(describe(LedgerEntry.Kind.MESH_ACCESS_LOG, name, "in mesh " + meshName));
                    }
                } catch (Exception e) {
                    // a control plane without MeshAccessLog has nothing of ours
                    LOG.debug(
                            "looking for leftover MeshAccessLogs failed: {}",
                            UiTasks.unwrap(e).getMessage());
                }
            }
        } catch (Exception e) {
            LOG.debug(
                    "listing meshes for leftovers failed: {}", UiTasks.unwrap(e).getMessage());
        }
        return removed;
    }

    private static boolean hasTag(ObjectNode entity, String tag) {
        for (JsonNode t : entity.path("tags")) {
            if (t.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** Deletes a plugin; true when it is gone (also when it already was). */
    private static boolean deletePlugin(GatewayRepository gateway, String id) {
        try {
            gateway.delete(EntityKind.PLUGINS, id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (UiTasks.unwrap(e) instanceof GatewayException g && g.isNotFound()) {
                return true;
            }
            LOG.warn(
                    "could not remove leftover http-log plugin {}: {}",
                    id,
                    UiTasks.unwrap(e).getMessage());
            return false;
        }
    }

    private static boolean deleteAccessLog(MeshRepository mesh, String meshName, String name) {
        try {
            mesh.apply(MeshEdit.delete(MeshResourceType.MESH_ACCESS_LOG, meshName, name))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (UiTasks.unwrap(e) instanceof MeshException m && m.status() == 404) {
                return true;
            }
            LOG.warn(
                    "could not remove leftover MeshAccessLog {}: {}",
                    name,
                    UiTasks.unwrap(e).getMessage());
            return false;
        }
    }

    private static String describe(LedgerEntry.Kind kind, String id, String scope) {
        return switch (kind) {
            case HTTP_LOG_PLUGIN -> "http-log plugin " + id + " (" + scope + ")";
            case MESH_ACCESS_LOG -> "MeshAccessLog " + id + " (" + scope + ")";
        };
    }
}
