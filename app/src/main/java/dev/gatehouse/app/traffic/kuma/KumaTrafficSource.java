package dev.gatehouse.app.traffic.kuma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.traffic.HopTwins;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficWatch;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.ConnectionBoundSource;
import dev.gatehouse.app.traffic.remote.LedgerEntry;
import dev.gatehouse.app.traffic.remote.RemoteWatch;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches a remote Kuma mesh: binds an {@link AccessLogCollector}, then puts a MeshAccessLog policy on the whole mesh
 * whose {@code Tcp} backend sends {@link MeshAccessLogLines#FORMAT} as JSON lines to it, for inbound ({@code from})
 * and outbound ({@code to}) traffic; {@link HopTwins} names each inbound record's source (Kuma logs {@code unknown})
 * from its caller's outbound record. The policy is named after the console ({@link #policyName}); closing deletes it,
 * stops the collector and clears the ledger entry.
 */
public final class KumaTrafficSource implements ConnectionBoundSource {

    /** How long one REST call may take before the watch gives up. */
    static final long CALL_TIMEOUT_SECONDS = RemoteWatch.CALL_TIMEOUT_SECONDS;

    private final ConnectedApis apis;
    private final MeshRepository mesh;
    private final String connectionId;
    private final String meshName;
    private final CollectorAddress address;
    private final WatchLedger ledger;

    public KumaTrafficSource(
            ConnectedApis apis, String connectionId, String meshName, CollectorAddress address, WatchLedger ledger) {
        this.apis = apis;
        this.mesh = apis.mesh().orElseThrow(() -> new IllegalArgumentException("no mesh on this connection"));
        this.connectionId = connectionId;
        this.meshName = meshName;
        this.address = address;
        this.ledger = ledger;
    }

    /** The name of the MeshAccessLog a console creates: {@code gatehouse-live-traffic-} and its id's start. */
    public static String policyName(WatchLedger ledger) {
        return WatchLedger.TAG + "-" + ledger.consoleId().substring(0, 8);
    }

    @Override
    public ConnectedApis apis() {
        return apis;
    }

    @Override
    public TrafficWatch start(TrafficSink sink) throws Exception {
        HopTwins hops = new HopTwins(sink);
        AccessLogCollector collector;
        try {
            collector = AccessLogCollector.start(address, hops, AccessLogCollector.DEFAULT_MAX_LINE_BYTES);
        } catch (Exception | Error e) {
            hops.close();
            throw e;
        }
        AutoCloseable receiving = () -> {
            try {
                collector.close();
            } finally {
                hops.close(); // after the collector: what it delivered last still gets its twin or goes on
            }
        };
        LedgerEntry entry = new LedgerEntry(
                LedgerEntry.Kind.MESH_ACCESS_LOG,
                connectionId,
                policyName(ledger),
                meshName,
                "in mesh " + meshName,
                Instant.now());
        try {
            return RemoteWatch.open(ledger, entry, receiving, () -> {
                mesh.apply(MeshEdit.put(MeshResourceType.MESH_ACCESS_LOG, policy(entry.id(), collector.address())))
                        .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return new Policy(entry.id(), collector);
            });
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not create the MeshAccessLog in mesh " + meshName + " at " + mesh.address() + ": "
                            + reason(e),
                    e);
        }
    }

    /**
     * The policy in Kuma's Universal form ({@code pkg/plugins/policies/meshaccesslog/api/v1alpha1/meshaccesslog.go}:
     * {@code targetRef}, {@code from[]}/{@code to[]} each with a {@code targetRef} and {@code default.backends[]};
     * a {@code Tcp} backend has {@code address} and {@code format} of type {@code Json} with key/value pairs).
     */
    ObjectNode policy(String name, String collectorAddress) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("type", MeshResourceType.MESH_ACCESS_LOG.name());
        p.put("mesh", meshName);
        p.put("name", name);
        ObjectNode spec = p.putObject("spec");
        spec.putObject("targetRef").put("kind", "Mesh");
        for (String direction : new String[] {"from", "to"}) {
            ObjectNode rule = spec.putArray(direction).addObject();
            rule.putObject("targetRef").put("kind", "Mesh");
            ObjectNode tcp = rule.putObject("default")
                    .putArray("backends")
                    .addObject()
                    .put("type", "Tcp")
                    .putObject("tcp");
            tcp.put("address", collectorAddress);
            ObjectNode format = tcp.putObject("format");
            format.put("type", "Json");
            ArrayNode json = format.putArray("json");
            MeshAccessLogLines.FORMAT.forEach(
                    (key, value) -> json.addObject().put("key", key).put("value", value));
        }
        return p;
    }

    /** The control plane's own words where it gave some: its message and each field's error. */
    static String reason(Throwable failure) {
        return RemoteWatch.reason(failure, t -> t instanceof MeshException m ? m.fieldErrors() : Map.of());
    }

    /** The MeshAccessLog this watch created. */
    private final class Policy implements RemoteWatch.Added {

        private final String name;
        private final AccessLogCollector collector;

        Policy(String name, AccessLogCollector collector) {
            this.name = name;
            this.collector = collector;
        }

        @Override
        public String summary() {
            return "Created MeshAccessLog " + name + " in mesh " + meshName + ", sending to tcp://"
                    + collector.address();
        }

        @Override
        public String describe() {
            return "MeshAccessLog " + name + " in mesh " + meshName;
        }

        @Override
        public void remove() throws Exception {
            mesh.apply(MeshEdit.delete(MeshResourceType.MESH_ACCESS_LOG, meshName, name))
                    .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public boolean gone(Throwable failure) {
            return failure instanceof MeshException m && m.status() == 404;
        }

        @Override
        public String reason(Throwable failure) {
            return KumaTrafficSource.reason(failure);
        }
    }
}
