package dev.gatehouse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.admin.AdminApi;
import dev.gatehouse.gateway.admin.AdminServer;
import dev.gatehouse.gateway.certificate.CertificateSelector;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.declarative.ConfigEndpoint;
import dev.gatehouse.gateway.declarative.DeclarativeLoader;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.log.RequestEvents;
import dev.gatehouse.gateway.plugin.PluginDefinition;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.proxy.server.ProxyServer;
import dev.gatehouse.gateway.runtime.ConfigWatcher;
import dev.gatehouse.gateway.runtime.RuntimeConfigBuilder;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.tls.CertificateFiles;
import dev.gatehouse.gateway.tls.ServerCertificate;
import dev.gatehouse.gateway.tls.ServerTls;
import dev.gatehouse.gateway.upstream.HealthEndpoints;
import dev.gatehouse.gateway.upstream.Upstreams;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a gateway in this JVM: the embeddable entry point used by {@link GatewayMain}, tests and the console. */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private Gateway() {}

    /**
     * Opens the store, loads the declarative file if one is configured (all or nothing), and starts the Admin
     * API. The returned handle knows the bound addresses; close it to stop.
     */
    public static RunningGateway start(GatewayConfig config) {
        PluginRegistry plugins = PluginRegistry.discover();
        EntitySchemas schemas = plugins.entitySchemas();
        Store store = Store.open(config.dataDir(), schemas, config.clock());
        try {
            String nodeId = store.meta("node_id");
            if (nodeId == null) {
                nodeId = UUID.randomUUID().toString();
                store.putMeta("node_id", nodeId);
            }
            if (config.declarativeConfig() != null) {
                loadDeclarative(config, schemas, store);
            }
            EntityDao dao = new EntityDao(schemas);
            Upstreams upstreams = new Upstreams();
            // As configured until the listeners are bound, then with their real ports (port 0 asks for any).
            AtomicReference<ObjectNode> configuration = new AtomicReference<>(
                    configuration(config, plugins, config.adminListeners(), config.proxyListeners()));
            AdminApi api = new AdminApi(
                    store,
                    dao,
                    plugins,
                    config.adminToken(),
                    configuration::get,
                    nodeId,
                    List.of(new ConfigEndpoint(store, dao), new HealthEndpoints(store, upstreams, nodeId)),
                    config.adminGuiOrigins());
            String workspaceId = store.meta("default_workspace_id");
            if (workspaceId == null) {
                workspaceId = UUID.randomUUID().toString();
                store.putMeta("default_workspace_id", workspaceId);
            }
            ConfigWatcher watcher = new ConfigWatcher(store, new RuntimeConfigBuilder(plugins, workspaceId, upstreams));
            RequestEvents events = new RequestEvents();
            ProxyServer proxy = null;
            AdminServer admin = null;
            try {
                if (!config.proxyListeners().isEmpty()) {
                    proxy = ProxyServer.start(
                            proxyListeners(config, store),
                            config.proxyWorkers(),
                            watcher,
                            config.upstreamConnector(),
                            events);
                }
                admin = AdminServer.start(adminListeners(config), api);
            } catch (RuntimeException | InterruptedException e) {
                if (proxy != null) {
                    proxy.close();
                }
                watcher.close();
                events.close();
                upstreams.close();
                throw e;
            }
            configuration.set(configuration(
                    config, plugins, specs(admin.listeners()), proxy == null ? List.of() : specs(proxy.listeners())));
            for (BoundListener l : admin.listeners()) {
                LOG.info("admin API listening on {}", l.ssl() ? l.url() : ListenAddress.url(l.address()));
            }
            return new RunningGateway(config, store, admin, proxy, watcher, events, schemas, plugins, upstreams);
        } catch (RuntimeException | InterruptedException e) {
            store.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof GatewayStartException gs
                    ? gs
                    : new GatewayStartException("gateway failed to start: " + e.getMessage(), e);
        }
    }

    private static List<ProxyServer.Listener> proxyListeners(GatewayConfig config, Store store) {
        CertificateSelector tls = null;
        List<ProxyServer.Listener> out = new ArrayList<>();
        for (ListenSpec spec : config.proxyListeners()) {
            if (spec.ssl() && tls == null) {
                tls = new CertificateSelector(
                        store::snapshot,
                        ServerTls.context(
                                certificate(config.proxySsl(), config, "kong-default", config.proxyListeners())));
            }
            out.add(new ProxyServer.Listener(spec, spec.ssl() ? tls : null));
        }
        return out;
    }

    private static List<AdminServer.Listener> adminListeners(GatewayConfig config) {
        SslContext tls = null;
        List<AdminServer.Listener> out = new ArrayList<>();
        for (ListenSpec spec : config.adminListeners()) {
            if (spec.ssl() && tls == null) {
                tls = ServerTls.context(
                        certificate(config.adminSsl(), config, "admin-kong-default", config.adminListeners()));
            }
            out.add(new AdminServer.Listener(spec, spec.ssl() ? tls : null));
        }
        return out;
    }

    /** The configured PEM pair, or a self-signed one kept in the data directory (Kong's {@code *-kong-default}). */
    static ServerCertificate certificate(
            CertificateFiles files, GatewayConfig config, String baseName, List<ListenSpec> listeners) {
        Set<String> names = new LinkedHashSet<>();
        for (ListenSpec l : listeners) {
            names.add(l.address().getHostString());
        }
        try {
            return ServerCertificate.configuredOrGenerated(files, config.dataDir(), baseName, names);
        } catch (IOException e) {
            throw new GatewayStartException("cannot load the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static void loadDeclarative(GatewayConfig config, EntitySchemas schemas, Store store) {
        byte[] content;
        try {
            content = Files.readAllBytes(config.declarativeConfig());
        } catch (IOException e) {
            throw new GatewayStartException(
                    "cannot read declarative config " + config.declarativeConfig() + ": " + e.getMessage(), e);
        }
        DeclarativeLoader loader = new DeclarativeLoader(schemas, store.clock());
        try {
            DeclarativeLoader.Parsed parsed = loader.parse(DeclarativeLoader.read(content), false);
            store.write(tx -> {
                loader.replace(tx, parsed);
                return null;
            });
            LOG.info("declarative config loaded from {}: {} entities", config.declarativeConfig(), parsed.size());
        } catch (KongException e) {
            throw new GatewayStartException(
                    "declarative config " + config.declarativeConfig() + " is invalid: "
                            + Json.write(e.error().toJson()),
                    e);
        }
    }

    /** Every flag of Kong's http listeners (kong/conf_loader/listeners.lua {@code subsystem_flags.http}). */
    private static final List<String> HTTP_LISTEN_FLAGS = List.of(
            "ssl",
            "http2",
            "proxy_protocol",
            "deferred",
            "bind",
            "reuseport",
            "backlog=%d+",
            "ipv6only=on",
            "ipv6only=off",
            "so_keepalive=on",
            "so_keepalive=off",
            "so_keepalive=%w*:%w*:%d*");

    /**
     * Listeners as Kong's conf loader parses them ({@code parse_listeners}): a boolean per flag (the pattern itself
     * as the key of a pattern flag that is absent, as Kong leaves it), {@code ip}, {@code port} and the
     * {@code listener} line. Clients such as Kong Manager read the ports here. Flags this gateway ignores are false.
     */
    private static ArrayNode listeners(List<ListenSpec> specs) {
        ArrayNode out = Json.array();
        for (ListenSpec spec : specs) {
            ObjectNode l = out.addObject();
            HTTP_LISTEN_FLAGS.forEach(flag -> l.put(flag, false));
            l.put("ssl", spec.ssl());
            String text = spec.toString();
            l.put("ip", text.substring(0, text.lastIndexOf(':')));
            l.put("port", spec.address().getPort());
            l.put("listener", text);
        }
        return out;
    }

    /** The {@code configuration} object of {@code GET /}: Kong's names, no secrets. */
    private static List<ListenSpec> specs(List<BoundListener> bound) {
        return bound.stream().map(l -> new ListenSpec(l.address(), l.ssl())).toList();
    }

    private static ObjectNode configuration(
            GatewayConfig config, PluginRegistry plugins, List<ListenSpec> admin, List<ListenSpec> proxy) {
        ObjectNode c = Json.object();
        // As configured, but with the bound port where port 0 asked for any.
        ArrayNode adminListen = c.putArray("admin_listen");
        admin.forEach(l -> adminListen.add(l.toString()));
        ArrayNode proxyListen = c.putArray("proxy_listen");
        proxy.forEach(l -> proxyListen.add(l.toString()));
        if (proxy.isEmpty()) {
            proxyListen.add("off");
        }
        c.set("admin_listeners", listeners(admin));
        c.set("proxy_listeners", listeners(proxy));
        // No browser UI is served here: Kong with admin_gui_listen = off parses no listeners.
        c.putArray("admin_gui_listeners");
        c.put("admin_ssl_enabled", config.adminListeners().stream().anyMatch(ListenSpec::ssl));
        c.put("proxy_ssl_enabled", config.proxyListeners().stream().anyMatch(ListenSpec::ssl));
        c.put("admin_gui_ssl_enabled", false);
        ArrayNode adminSslCert = c.putArray("admin_ssl_cert");
        ArrayNode adminSslKey = c.putArray("admin_ssl_cert_key");
        if (config.adminListeners().stream().anyMatch(ListenSpec::ssl)) {
            CertificateFiles f = config.adminSsl() != null
                    ? config.adminSsl()
                    : ServerCertificate.generatedFiles(config.dataDir(), "admin-kong-default");
            adminSslCert.add(f.cert().toAbsolutePath().toString());
            adminSslKey.add(f.key().toAbsolutePath().toString()); // a path, never the key itself
        }
        c.put("database", "sqlite");
        // Kong's default role; Kong Manager reads it to tell a hybrid control plane from a traditional node.
        c.put("role", "traditional");
        c.put("prefix", config.dataDir().toAbsolutePath().toString());
        c.put("router_flavor", "traditional_compatible");
        c.putArray("plugins").add("bundled");
        ObjectNode loaded = c.putObject("loaded_plugins");
        for (PluginDefinition d : plugins.all()) {
            loaded.put(d.name(), true);
        }
        c.put("admin_token_required", config.adminToken() != null);
        // An array in Kong's conf (typ = "array"), empty when unset.
        var gui = c.putArray("admin_gui_url");
        config.adminGuiUrl().forEach(u -> gui.add(u.toString()));
        return c;
    }
}
