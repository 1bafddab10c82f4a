package dev.gatehouse.gateway;

import dev.gatehouse.gateway.admin.AdminServer;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.log.RequestEvents;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.proxy.server.ProxyServer;
import dev.gatehouse.gateway.runtime.ConfigWatcher;
import dev.gatehouse.gateway.store.ChangeEvent;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.Subscription;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started gateway: its bound addresses (Admin API and proxy listeners, plain and TLS), its store's snapshot and
 * change feed, the live request events, and {@link #close()}.
 */
public final class RunningGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

    private final GatewayConfig config;
    private final Store store;
    private final AdminServer admin;
    /** The Status API's server (Kong's status_listen), or null when it is off. */
    private final AdminServer status;

    private final ProxyServer proxy;
    private final ConfigWatcher watcher;
    private final RequestEvents events;
    private final EntitySchemas schemas;
    private final PluginRegistry plugins;
    private final ScheduledExecutorService housekeeping;
    private volatile boolean closed;
    /** Balancers and active health checks (their probe loop stops with the gateway). */
    private final AutoCloseable upstreams;

    RunningGateway(
            GatewayConfig config,
            Store store,
            AdminServer admin,
            AdminServer status,
            ProxyServer proxy,
            ConfigWatcher watcher,
            RequestEvents events,
            EntitySchemas schemas,
            PluginRegistry plugins,
            AutoCloseable upstreams) {
        this.upstreams = upstreams;
        this.config = config;
        this.store = store;
        this.admin = admin;
        this.status = status;
        this.proxy = proxy;
        this.watcher = watcher;
        this.events = events;
        this.schemas = schemas;
        this.plugins = plugins;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gateway-ttl-purge").factory());
        housekeeping.scheduleWithFixedDelay(this::purge, 5, 5, TimeUnit.SECONDS);
    }

    private void purge() {
        try {
            int n = store.purgeExpired();
            if (n > 0) {
                LOG.debug("purged {} expired entities", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("ttl purge failed: {}", e.getMessage());
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** Every bound Admin API listener (plain and TLS), in the configured order, with its URL. */
    public List<BoundListener> adminListeners() {
        return admin.listeners();
    }

    /** The Admin API's bound address (the real port when 0 was asked): the first plain listener, else the first. */
    public InetSocketAddress adminAddress() {
        return preferPlain(admin.listeners()).address();
    }

    /** {@code http://host:port} of the first plain Admin API listener ({@code https://...} when all are TLS). */
    public String adminUrl() {
        BoundListener l = preferPlain(admin.listeners());
        return l.ssl() ? l.url() : ListenAddress.url(l.address());
    }

    /** The first TLS Admin API listener, if any. */
    public Optional<BoundListener> adminTlsListener() {
        return admin.listeners().stream().filter(BoundListener::ssl).findFirst();
    }

    private static BoundListener preferPlain(List<BoundListener> listeners) {
        return listeners.stream().filter(l -> !l.ssl()).findFirst().orElse(listeners.get(0));
    }

    /** Every bound Status API listener (Kong's {@code status_listen}), in the configured order; empty when off. */
    public List<BoundListener> statusListeners() {
        return status == null ? List.of() : status.listeners();
    }

    /** Every bound proxy listener (plain and HTTPS), in the configured order; empty when the proxy is off. */
    public List<BoundListener> proxyListeners() {
        return proxy == null ? List.of() : proxy.listeners();
    }

    /**
     * The proxy's actually bound address (the real port when 0 was asked): the first plain listener, else the first;
     * null when the proxy is off.
     */
    public InetSocketAddress proxyListen() {
        List<BoundListener> l = proxyListeners();
        return l.isEmpty() ? null : preferPlain(l).address();
    }

    /** The proxy's socket transport: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String proxyTransport() {
        return proxy.transport();
    }

    /** {@code http://host:port} of the first plain proxy listener ({@code https://...} when all are HTTPS), or null. */
    public String proxyUrl() {
        List<BoundListener> l = proxyListeners();
        return l.isEmpty() ? null : preferPlain(l).url();
    }

    /** The first HTTPS proxy listener, if any. */
    public Optional<BoundListener> proxyTlsListener() {
        return proxyListeners().stream().filter(BoundListener::ssl).findFirst();
    }

    /**
     * Live request events: every finished proxy request as Kong's log serializer JSON (the http-log payload), through
     * bounded, lossy queues that never slow the proxy.
     */
    public RequestEvents requestEvents() {
        return events;
    }

    /**
     * Waits until the proxy routes with the configuration of at least the store's current version (a change the
     * Admin API acknowledged is normally live within milliseconds); false on timeout.
     */
    public boolean awaitProxyConfig(long timeoutMillis) throws InterruptedException {
        return watcher.awaitVersion(store.snapshot().version(), timeoutMillis);
    }

    public EntitySchemas schemas() {
        return schemas;
    }

    /** The enabled plugins. */
    public PluginRegistry plugins() {
        return plugins;
    }

    public Store store() {
        return store;
    }

    /** The current immutable configuration snapshot. */
    public Snapshot snapshot() {
        return store.snapshot();
    }

    /** Subscribes to committed changes (see {@link Store#subscribe}). */
    public Subscription subscribe(Consumer<ChangeEvent> listener) {
        return store.subscribe(listener);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        admin.close();
        if (status != null) {
            status.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        watcher.close();
        events.close();
        try {
            upstreams.close();
        } catch (Exception e) {
            LOG.warn("upstream health checks did not stop cleanly: {}", e.toString());
        }
        plugins.all().forEach(p -> {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warn("plugin {} did not stop cleanly: {}", p.name(), e.toString());
            }
        });
        store.close();
        LOG.info("gateway stopped");
    }
}
