package dev.gatehouse.mesh;

import dev.gatehouse.mesh.api.ApiServer;
import dev.gatehouse.mesh.ca.IdentityService;
import dev.gatehouse.mesh.manager.PermissionEngines;
import dev.gatehouse.mesh.manager.ResourceManager;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.store.MeshStore;
import dev.gatehouse.mesh.token.DataplaneTokens;
import dev.gatehouse.mesh.watch.WatchEvent;
import dev.gatehouse.mesh.watch.WatchFilter;
import dev.gatehouse.mesh.watch.WatchHub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A started control plane: its bound address, in-process services, and {@link #close()}. */
public final class RunningControlPlane implements AutoCloseable {
    private final ApiServer api;
    private final MeshStore store;
    private final ResourceManager resources;
    private final IdentityService identities;
    private final DataplaneTokens tokens;
    private final WatchHub hub;
    private final PermissionEngines engines;
    private final ScheduledExecutorService rotation;
    private boolean closed;

    RunningControlPlane(
            ApiServer api,
            MeshStore store,
            ResourceManager resources,
            IdentityService identities,
            DataplaneTokens tokens,
            WatchHub hub,
            PermissionEngines engines,
            ScheduledExecutorService rotation) {
        this.api = api;
        this.store = store;
        this.resources = resources;
        this.identities = identities;
        this.tokens = tokens;
        this.hub = hub;
        this.engines = engines;
        this.rotation = rotation;
    }

    /** The address the REST API is bound to (the real port when 0 was asked). */
    public InetSocketAddress apiAddress() {
        return api.boundAddress();
    }

    /** The address of the HTTPS listener (admin client certificates), when configured. */
    public Optional<InetSocketAddress> apiTlsAddress() {
        return api.tlsAddress();
    }

    /** {@code http://host:port} of the REST API. */
    public URI apiUri() {
        InetSocketAddress a = apiAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    public MeshStore store() {
        return store;
    }

    public ResourceManager resources() {
        return resources;
    }

    public IdentityService identities() {
        return identities;
    }

    /** Issues a dataplane token in-process (what {@code POST /tokens/dataplane} does). */
    public String issueDataplaneToken(String mesh, String name) {
        return tokens.issue(mesh, name);
    }

    /** The compiled permission engine of a mesh at the current revision. */
    public Optional<PermissionEngine> permissionEngine(String mesh) {
        return engines.forMesh(mesh);
    }

    /** Subscribes in-process to the same events the watch stream sends; returns a handle to cancel. */
    public AutoCloseable watch(WatchFilter filter, Consumer<WatchEvent> sink) {
        WatchHub.Subscriber s = hub.subscribe(filter, sink);
        return () -> hub.unsubscribe(s);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        rotation.shutdownNow();
        try {
            rotation.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
