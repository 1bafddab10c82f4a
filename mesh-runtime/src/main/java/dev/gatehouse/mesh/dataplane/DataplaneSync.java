package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.policy.ClientIdentity;
import dev.gatehouse.mesh.policy.InboundTarget;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a data plane's {@link DataplaneState} current, as Kuma's xDS/SDS stream does: a watch stream ({@code /watch}
 * as this dataplane) marks which parts changed — policies and endpoints (a {@code change}), the certificate (an
 * {@code identity} event), both (a Mesh change, or {@code hello} after a reconnect) — and one refresher thread
 * refetches those parts and swaps in a new state, so new connections see a change within one round trip.
 */
final class DataplaneSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataplaneSync.class);
    private static final long RETRY_MILLIS = 500;
    private final ControlPlaneClient cp;
    private final ProxyContext px;
    private final String token;
    private final List<InboundTarget> targets;
    private final Map<String, String> labels;
    private final AtomicBoolean snapshotDirty = new AtomicBoolean();
    private final AtomicBoolean identityDirty = new AtomicBoolean();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private volatile Stream<String> watchBody;
    private Thread watcher;
    private Thread refresher;
    private MeshView view;
    private TlsIdentity identity;
    private Instant identityRefreshAt = Instant.MAX;
    private boolean failing;

    DataplaneSync(
            ControlPlaneClient cp,
            ProxyContext px,
            String token,
            List<InboundTarget> targets,
            Map<String, String> labels) {
        this.cp = cp;
        this.px = px;
        this.token = token;
        this.targets = List.copyOf(targets);
        this.labels = Map.copyOf(labels);
    }

    /** Fetches everything once, synchronously (start-up); throws when the control plane cannot be used. */
    void syncNow() {
        view = MeshView.fromSnapshot(cp.snapshot(px.mesh));
        fetchIdentity();
        publish();
    }

    void start() {
        refresher = new Thread(this::refreshLoop, "dp-sync-" + px.name);
        refresher.setDaemon(true);
        refresher.start();
        watcher = Thread.ofVirtual().name("dp-watch-" + px.name).start(this::watchLoop);
    }

    private void fetchIdentity() {
        JsonNode body = cp.identity(px.mesh, px.name, token);
        identity = TlsIdentity.fromIdentityResponse(body);
        if (identity != null) {
            // Fallback for a missed identity event: refetch once 4/5 of the lifetime has passed (Kuma's ExpiringSoon).
            Instant notBefore = Instant.parse(body.path("notBefore").asText());
            long life = identity.notAfter().toEpochMilli() - notBefore.toEpochMilli();
            identityRefreshAt = notBefore.plusMillis(life / 5 * 4 + 1000);
        } else {
            identityRefreshAt = Instant.MAX;
        }
    }

    private void publish() {
        // MeshAccessLog backends first: created, changed or deleted policies take effect for records emitted from
        // now on, and by the time the new revision shows (revision()), they already have; the other way round, a
        // connection made just after the revision showed could log to the backends of the one before.
        px.accessLog.update(
                view.accessLogs().forProxy(px.name, labels, targets, Map.of(ClientIdentity.SERVICE_TAG, px.service)));
        px.state(new DataplaneState(
                view,
                view.mtls() ? identity : null,
                targets.stream().map(t -> view.engine().forInbound(t)).toList()));
    }

    private void markDirty(boolean snapshot, boolean identityToo) {
        if (snapshot) {
            snapshotDirty.set(true);
        }
        if (identityToo) {
            identityDirty.set(true);
        }
        wake.release();
    }

    private void refreshLoop() {
        while (!closed) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            if (Instant.now().isAfter(identityRefreshAt)) {
                identityDirty.set(true);
            }
            boolean snapshot = snapshotDirty.getAndSet(false);
            boolean ident = identityDirty.getAndSet(false);
            if (!snapshot && !ident) {
                continue;
            }
            try {
                if (snapshot) {
                    view = MeshView.fromSnapshot(cp.snapshot(px.mesh));
                }
                if (ident) {
                    fetchIdentity();
                }
                // mTLS just went on and the certificate is not there yet: ask again shortly.
                if (view.mtls() && identity == null) {
                    identityDirty.set(true);
                    sleep(RETRY_MILLIS);
                    wake.release();
                }
                publish();
                if (failing) {
                    failing = false;
                    LOG.info("dataplane {}: in sync with the control plane again", px.name);
                }
                LOG.debug(
                        "dataplane {} now at revision {} (certificate generation {})",
                        px.name,
                        view.revision(),
                        identity == null ? 0 : identity.generation());
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) { // one warning per outage, not one per retry
                    failing = true;
                    LOG.warn(
                            "dataplane {}: refresh from the control plane failed, retrying every {} ms: {}",
                            px.name,
                            RETRY_MILLIS,
                            e.getMessage());
                }
                markDirty(snapshot, ident);
                sleep(RETRY_MILLIS);
            }
        }
    }

    private void watchLoop() {
        while (!closed) {
            try {
                HttpResponse<Stream<String>> res = cp.watch(px.mesh, px.name, token);
                if (res.statusCode() != 200) {
                    res.body().close();
                    LOG.warn("dataplane {}: watch refused with {}", px.name, res.statusCode());
                    sleep(1000);
                    continue;
                }
                watchBody = res.body();
                readEvents(res.body().iterator());
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("dataplane {}: watch stream ended: {}", px.name, e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                sleep(RETRY_MILLIS);
            }
        }
    }

    private void readEvents(Iterator<String> lines) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        while (!closed && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                onEvent(event, data.toString());
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
    }

    private void onEvent(String event, String data) {
        switch (event) {
            case "hello" -> markDirty(true, true); // (re)connected: whatever happened meanwhile is in the new fetch
            case "identity" -> markDirty(false, true);
            case "change" -> {
                boolean mesh = false;
                try {
                    mesh = "Mesh"
                            .equals(ResourceCodec.JSON
                                    .readTree(data)
                                    .path("type")
                                    .asText());
                } catch (IOException ignored) {
                    // treat as a policy change
                }
                markDirty(true, mesh);
            }
            default -> {
                // comments / keep-alives
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> body = watchBody;
        if (body != null) {
            body.close();
        }
        if (watcher != null) {
            watcher.interrupt();
        }
        if (refresher != null) {
            refresher.interrupt();
        }
    }
}
