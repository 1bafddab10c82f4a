package dev.gatehouse.gateway;

import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.proxy.UpstreamConnector;
import dev.gatehouse.gateway.tls.CertificateFiles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * How to run a gateway: Admin API and proxy listeners (Kong's {@code admin_listen}/{@code proxy_listen}; port 0
 * picks a free port; an empty proxy list is Kong's {@code proxy_listen = off}), the data directory holding the
 * SQLite store, an optional declarative file loaded at start-up, an optional Admin API token, the PEM files of TLS
 * listeners ({@code admin_ssl_cert[_key]}, {@code ssl_cert[_key]}; null = a self-signed pair generated in the data
 * directory), how upstream connections are opened, the number of proxy event loops (0 = one per core), the
 * clock entity TTLs (key-auth credentials) are measured with (null = the system clock; tests move their own), and
 * Kong's {@code admin_gui_url}: the URLs of the browser UIs served from another origin, whose origins the Admin API's
 * CORS answers allow, and Kong's {@code router_flavor} (null = {@code traditional_compatible}).
 */
public record GatewayConfig(
        List<ListenSpec> adminListeners,
        List<ListenSpec> proxyListeners,
        Path dataDir,
        Path declarativeConfig,
        String adminToken,
        CertificateFiles adminSsl,
        CertificateFiles proxySsl,
        UpstreamConnector upstreamConnector,
        int proxyWorkers,
        Clock clock,
        List<URI> adminGuiUrl,
        RouterFlavor routerFlavor,
        List<ListenSpec> statusListeners) {

    public static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:8001";
    public static final String DEFAULT_PROXY_LISTEN = "0.0.0.0:8000";
    /** Kong 3.6+'s {@code status_listen} default (it was {@code off} before). */
    public static final String DEFAULT_STATUS_LISTEN = "127.0.0.1:8007";

    public GatewayConfig {
        adminListeners = List.copyOf(adminListeners);
        proxyListeners = List.copyOf(proxyListeners);
        if (adminListeners.isEmpty()) {
            throw new IllegalArgumentException("at least one Admin API listener is needed");
        }
        if (upstreamConnector == null) {
            upstreamConnector = UpstreamConnector.DIRECT;
        }
        if (proxyWorkers < 0) {
            throw new IllegalArgumentException("proxyWorkers must be >= 0");
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
        adminGuiUrl = adminGuiUrl == null ? List.of() : List.copyOf(adminGuiUrl);
        if (routerFlavor == null) {
            routerFlavor = RouterFlavor.TRADITIONAL_COMPATIBLE;
        }
        statusListeners = statusListeners == null ? List.of() : List.copyOf(statusListeners);
        for (URI url : adminGuiUrl) {
            if (url.getScheme() == null || url.getRawAuthority() == null) {
                throw new IllegalArgumentException(
                        "admin_gui_url must be absolute URLs (scheme://host[:port]): " + url);
            }
        }
    }

    /** Without a status listener (Kong's {@code status_listen = off}). */
    public GatewayConfig(
            List<ListenSpec> adminListeners,
            List<ListenSpec> proxyListeners,
            Path dataDir,
            Path declarativeConfig,
            String adminToken,
            CertificateFiles adminSsl,
            CertificateFiles proxySsl,
            UpstreamConnector upstreamConnector,
            int proxyWorkers,
            Clock clock,
            List<URI> adminGuiUrl,
            RouterFlavor routerFlavor) {
        this(
                adminListeners,
                proxyListeners,
                dataDir,
                declarativeConfig,
                adminToken,
                adminSsl,
                proxySsl,
                upstreamConnector,
                proxyWorkers,
                clock,
                adminGuiUrl,
                routerFlavor,
                List.of());
    }

    /**
     * The origins of {@link #adminGuiUrl} ({@code scheme://host[:port]}, any path dropped), in order, as Kong derives
     * {@code admin_gui_origin} from it (kong/conf_loader/init.lua).
     */
    public List<String> adminGuiOrigins() {
        return adminGuiUrl.stream()
                .map(u -> u.getScheme() + "://" + u.getRawAuthority())
                .toList();
    }

    /** One plain Admin API and one plain proxy listener (the shape of issue 3's configuration). */
    public GatewayConfig(
            InetSocketAddress adminListen,
            InetSocketAddress proxyListen,
            Path dataDir,
            Path declarativeConfig,
            String adminToken) {
        this(
                List.of(ListenSpec.plain(adminListen)),
                List.of(ListenSpec.plain(proxyListen)),
                dataDir,
                declarativeConfig,
                adminToken,
                null,
                null,
                UpstreamConnector.DIRECT,
                0,
                null,
                List.of(),
                null);
    }

    /** Kong's defaults for the listeners (plain only), with the given data directory. */
    public static GatewayConfig defaults(Path dataDir) {
        return new GatewayConfig(
                        ListenAddress.parse(DEFAULT_ADMIN_LISTEN),
                        ListenAddress.parse(DEFAULT_PROXY_LISTEN),
                        dataDir,
                        null,
                        null)
                .withStatusListeners(List.of(ListenSpec.plain(ListenAddress.parse(DEFAULT_STATUS_LISTEN))));
    }

    /** Loopback on free ports: what tests and the console's in-process sandbox use. */
    public static GatewayConfig ephemeral(Path dataDir) {
        return new GatewayConfig(
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), dataDir, null, null);
    }

    /** The first plain Admin API address (the first TLS one when all are TLS). */
    public InetSocketAddress adminListen() {
        return preferPlain(adminListeners).address();
    }

    /** The first plain proxy address (the first TLS one when all are TLS), or null when the proxy is off. */
    public InetSocketAddress proxyListen() {
        return proxyListeners.isEmpty() ? null : preferPlain(proxyListeners).address();
    }

    private static ListenSpec preferPlain(List<ListenSpec> specs) {
        return specs.stream().filter(s -> !s.ssl()).findFirst().orElse(specs.get(0));
    }

    /** Replaces the Admin API listeners with one plain listener. */
    public GatewayConfig withAdminListen(InetSocketAddress a) {
        return withAdminListeners(List.of(ListenSpec.plain(a)));
    }

    /** Replaces the proxy listeners with one plain listener. */
    public GatewayConfig withProxyListen(InetSocketAddress a) {
        return withProxyListeners(List.of(ListenSpec.plain(a)));
    }

    public GatewayConfig withAdminListeners(List<ListenSpec> specs) {
        return with(p -> p.adminListeners = specs);
    }

    public GatewayConfig withProxyListeners(List<ListenSpec> specs) {
        return with(p -> p.proxyListeners = specs);
    }

    public GatewayConfig withDeclarativeConfig(Path file) {
        return with(p -> p.declarativeConfig = file);
    }

    public GatewayConfig withAdminToken(String token) {
        return with(p -> p.adminToken = token);
    }

    /** PEM files of the TLS Admin API listeners (Kong's {@code admin_ssl_cert}/{@code admin_ssl_cert_key}). */
    public GatewayConfig withAdminSsl(CertificateFiles files) {
        return with(p -> p.adminSsl = files);
    }

    /** PEM files of the HTTPS proxy listeners (Kong's {@code ssl_cert}/{@code ssl_cert_key}). */
    public GatewayConfig withProxySsl(CertificateFiles files) {
        return with(p -> p.proxySsl = files);
    }

    /** How the proxy opens upstream connections (e.g. through a mesh data plane for {@code *.mesh} hosts). */
    public GatewayConfig withUpstreamConnector(UpstreamConnector connector) {
        return with(p -> p.upstreamConnector = connector);
    }

    public GatewayConfig withProxyWorkers(int workers) {
        return with(p -> p.proxyWorkers = workers);
    }

    /** Measures entity TTLs with {@code c} instead of the system clock. */
    public GatewayConfig withClock(Clock c) {
        return with(p -> p.clock = c);
    }

    /** Kong's {@code admin_gui_url}: the browser UIs on other origins that the Admin API's CORS answers allow. */
    public GatewayConfig withAdminGuiUrl(List<URI> urls) {
        return with(p -> p.adminGuiUrl = urls);
    }

    /** Kong's {@code router_flavor}: {@code expressions} lets routes carry an ATC expression and a priority. */
    public GatewayConfig withRouterFlavor(RouterFlavor flavor) {
        return with(p -> p.routerFlavor = flavor);
    }

    /**
     * Kong's {@code status_listen}: listeners of the Status API ({@code /status}, {@code /metrics}); empty = off,
     * which is what {@link #ephemeral} and the console's embedded gateways use (the Admin API serves both).
     */
    public GatewayConfig withStatusListeners(List<ListenSpec> specs) {
        return with(p -> p.statusListeners = specs);
    }

    /** A copy with some components changed: the one place that lists them all, for the with-methods. */
    private GatewayConfig with(java.util.function.Consumer<Parts> change) {
        Parts p = new Parts(this);
        change.accept(p);
        return new GatewayConfig(
                p.adminListeners,
                p.proxyListeners,
                p.dataDir,
                p.declarativeConfig,
                p.adminToken,
                p.adminSsl,
                p.proxySsl,
                p.upstreamConnector,
                p.proxyWorkers,
                p.clock,
                p.adminGuiUrl,
                p.routerFlavor,
                p.statusListeners);
    }

    /** The components of a configuration being copied. */
    private static final class Parts {
        List<ListenSpec> adminListeners;
        List<ListenSpec> proxyListeners;
        Path dataDir;
        Path declarativeConfig;
        String adminToken;
        CertificateFiles adminSsl;
        CertificateFiles proxySsl;
        UpstreamConnector upstreamConnector;
        int proxyWorkers;
        Clock clock;
        List<URI> adminGuiUrl;
        RouterFlavor routerFlavor;
        List<ListenSpec> statusListeners;

        Parts(GatewayConfig c) {
            adminListeners = c.adminListeners;
            proxyListeners = c.proxyListeners;
            dataDir = c.dataDir;
            declarativeConfig = c.declarativeConfig;
            adminToken = c.adminToken;
            adminSsl = c.adminSsl;
            proxySsl = c.proxySsl;
            upstreamConnector = c.upstreamConnector;
            proxyWorkers = c.proxyWorkers;
            clock = c.clock;
            adminGuiUrl = c.adminGuiUrl;
            routerFlavor = c.routerFlavor;
            statusListeners = c.statusListeners;
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "GatewayConfig[adminListeners=" + adminListeners + ", proxyListeners=" + proxyListeners + ", dataDir="
                + dataDir + ", declarativeConfig=" + declarativeConfig + ", adminToken="
                + (adminToken == null ? "none" : "***")
                + ", adminSsl=" + adminSsl + ", proxySsl=" + proxySsl + ", proxyWorkers=" + proxyWorkers
                + ", adminGuiUrl=" + adminGuiUrl + ", routerFlavor=" + routerFlavor.configName() + ", statusListeners="
                + statusListeners + "]";
    }
}
