package dev.gatehouse.mesh;

import dev.gatehouse.mesh.api.ApiAccess;
import dev.gatehouse.mesh.api.ApiRouter;
import dev.gatehouse.mesh.api.ApiServer;
import dev.gatehouse.mesh.api.IdentityEndpoints;
import dev.gatehouse.mesh.api.IndexEndpoints;
import dev.gatehouse.mesh.api.InsightEndpoints;
import dev.gatehouse.mesh.api.InspectionEndpoints;
import dev.gatehouse.mesh.api.ResourceEndpoints;
import dev.gatehouse.mesh.api.WatchStreams;
import dev.gatehouse.mesh.ca.CaRegistry;
import dev.gatehouse.mesh.ca.IdentityService;
import dev.gatehouse.mesh.insight.DataplaneSessions;
import dev.gatehouse.mesh.insight.InsightViews;
import dev.gatehouse.mesh.manager.PermissionEngines;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.store.ResourceChange;
import dev.gatehouse.mesh.token.DataplaneTokens;
import dev.gatehouse.mesh.watch.WatchHub;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the Kuma-compatible control plane: store, defaults, CA, identity rotation, REST API and watch. */
public final class ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private ControlPlane() {}

    /** Starts everything; the returned handle knows the bound API address. */
    public static RunningControlPlane start(ControlPlaneConfig config) {
        MeshStore store = MeshStore.open(config.dataDir(), config.clock(), config.resourceTypes());
        ScheduledExecutorService rotation = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesh-cert-rotation");
            t.setDaemon(true);
            return t;
        });
        try {
            CaRegistry cas = new CaRegistry(store);
            ResourceManager resources = new ResourceManager(store, cas, config.clock(), config.createDefaultAllowAll());
            resources.ensureDefaults();
            IdentityService identities = new IdentityService(store, cas, config.clock());
            DataplaneTokens tokens = new DataplaneTokens(store);
            WatchHub hub = new WatchHub();
            store.addListener(hub::onChanges);
            String instanceId = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
            // A data plane that left gives its key material up (Kuma's Secrets.Cleanup); off the event loop, as
            // issuing a certificate holds the identity service's lock for a while.
            DataplaneSessions sessions = new DataplaneSessions(
                    config.clock(), instanceId, dp -> rotation.execute(() -> identities.release(dp)));
            PermissionEngines engines = new PermissionEngines(store);

            Runnable reconcile = () -> {
                try {
                    identities.reconcile().forEach(hub::onIdentityChanged);
                } catch (RuntimeException e) {
                    LOG.warn("certificate rotation check failed: {}", e.toString());
                }
            };
            // Mesh mTLS or dataplane tag changes rotate certificates right away, not at the next tick.
            store.addListener((List<ResourceChange> changes) -> {
                if (changes.stream()
                        .anyMatch(c ->
                                c.key().type() == MeshType.DESCRIPTOR || c.key().type() == DataplaneType.DESCRIPTOR)) {
                    rotation.execute(reconcile);
                }
            });
            long every = Math.max(1, config.rotationCheckInterval().toMillis());
            rotation.scheduleWithFixedDelay(reconcile, every, every, TimeUnit.MILLISECONDS);

            ApiRouter router = new ApiRouter(
                    config.resourceTypes(),
                    new IndexEndpoints(
                            config.resourceTypes(), hostname(), instanceId, store, resources, config.readOnly()),
                    new ResourceEndpoints(resources, config.readOnly()),
                    new InsightEndpoints(
                            store,
                            resources,
                            new InsightViews(config.resourceTypes(), sessions, identities),
                            config.clock()),
                    new InspectionEndpoints(resources, engines),
                    new IdentityEndpoints(resources, tokens, identities));
            ApiAccess access = new ApiAccess(config.adminToken(), config.apiTls() != null, tokens);
            ApiServer api = ApiServer.start(
                    config.apiListen(),
                    config.apiTls(),
                    router,
                    new WatchStreams(config.resourceTypes(), hub, store, tokens, sessions),
                    access);
            LOG.info(
                    "mesh control plane API listening on http://{}:{} (data dir {}, read-only {})",
                    api.boundAddress().getHostString(),
                    api.boundAddress().getPort(),
                    config.dataDir(),
                    config.readOnly());
            api.tlsAddress()
                    .ifPresent(a -> LOG.info(
                            "mesh control plane API listening on https://{}:{} (admin client certificates required)",
                            a.getHostString(),
                            a.getPort()));
            warnWhenOpen(api.boundAddress(), access);
            return new RunningControlPlane(api, store, resources, identities, tokens, hub, engines, rotation);
        } catch (RuntimeException e) {
            rotation.shutdownNow();
            store.close();
            throw e;
        }
    }

    /** Kuma serves anonymous callers too; beyond loopback, without credentials configured, that is anyone who can connect. */
    private static void warnWhenOpen(InetSocketAddress bound, ApiAccess access) {
        String where = bound.getAddress().getHostAddress() + ":" + bound.getPort();
        if (bound.getAddress().isLoopbackAddress()) {
            LOG.info(
                    "mesh control plane API: callers on localhost are admin{}",
                    access.credentialsRequired() ? "; other callers need the admin token or a client certificate" : "");
        } else if (access.credentialsRequired()) {
            LOG.info(
                    "mesh control plane API on {}: callers other than direct ones on localhost need the admin token or an "
                            + "admin client certificate",
                    where);
        } else {
            LOG.warn(
                    "*** SECURITY WARNING *** the mesh control plane API listens on {} beyond loopback WITHOUT credentials: "
                            + "anyone who can reach it can read and change meshes and policies (Kuma's anonymous access). "
                            + "Set --api-token (or --api-token-file) or --api-tls-listen with client certificates, or listen on 127.0.0.1.",
                    where);
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Key of a dataplane, for callers of the embedded API. */
    public static ResourceKey dataplane(String mesh, String name) {
        return DataplaneType.key(mesh, name);
    }
}
