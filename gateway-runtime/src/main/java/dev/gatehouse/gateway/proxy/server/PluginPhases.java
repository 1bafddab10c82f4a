package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.EscapedHeaderNames;
import dev.gatehouse.gateway.http.HeaderEscaping;
import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.Client;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.plugin.Response;
import dev.gatehouse.gateway.plugin.ServiceRequest;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.proxy.ProxyService;
import dev.gatehouse.gateway.runtime.PlanEntry;
import dev.gatehouse.gateway.runtime.PlannedHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin side of one exchange: runs the access phase of the route's plan (by priority, each handler resolved for
 * the consumer authenticated so far), keeps the handlers that have a header_filter or log phase for later, and is
 * the PDK those handlers see: the {@link PluginContext} with its {@link Request}, {@link Client} and
 * {@link ServiceRequest} facades (the {@link Response} one is the exchange's {@link ClientResponse}).
 */
final class PluginPhases implements PluginContext, Request, Client, ServiceRequest {

    private static final Logger LOG = LoggerFactory.getLogger(PluginPhases.class);

    private final Exchange x;
    private int collected;
    private String[] collectedNames;
    private PluginHandler[] headerFilters;
    private PluginHandler[] loggers;
    private PluginHandler[] bodyFilters;
    /** Which body filters asked for this response's body ({@link PluginHandler#buffersResponseBody}). */
    private boolean[] bodyWanted;

    private boolean anyBodyFilter;
    private boolean anyHeaderFilter;
    private boolean anyLogger;
    private String currentPlugin;
    private Map<String, Map<String, Object>> pluginCtx;
    private ProxyConsumer consumer;
    private Credential credential;
    private Map<String, List<String>> queryArgs;
    private boolean queryChanged;
    private Map<String, Object> body;
    private byte[] replacementBody;
    private String upstreamPath;
    private String upstreamHost;

    PluginPhases(Exchange x) {
        this.x = x;
    }

    // ---------------------------------------------------------------- phases

    /** Kong's access phase: once a plugin ends the request ({@link ClientResponse#exited()}), no other one runs. */
    void access() {
        ClientResponse response = x.response;
        for (PlanEntry e : x.plan.entries()) {
            PlannedHandler planned = e.resolve(consumer == null ? null : consumer.id());
            if (planned == null) {
                continue;
            }
            collect(e.name(), planned);
            if (!response.exited() && planned.access()) {
                currentPlugin = e.name();
                try {
                    planned.handler().access(this);
                } catch (RuntimeException ex) {
                    LOG.error("plugin {} failed in access: {}", e.name(), ex.toString(), ex);
                    if (!response.exited()) {
                        response.error(500, "An unexpected error occurred", null);
                    }
                }
                currentPlugin = null;
            }
        }
    }

    /** For answers given before the access phase: the plan's handlers as resolved without a consumer. */
    void collectWithoutAccess() {
        for (PlanEntry e : x.plan.entries()) {
            PlannedHandler planned = e.resolve(null);
            if (planned != null) {
                collect(e.name(), planned);
            }
        }
    }

    /** Keeps a handler that has a header_filter or log phase (a handler only runs in the phases it has). */
    private void collect(String name, PlannedHandler h) {
        if (!h.headerFilter() && !h.log() && !h.bodyFilter()) {
            return;
        }
        if (collectedNames == null) {
            collectedNames = new String[4];
            headerFilters = new PluginHandler[4];
            loggers = new PluginHandler[4];
        } else if (collected == collectedNames.length) {
            collectedNames = Arrays.copyOf(collectedNames, collected * 2);
            headerFilters = Arrays.copyOf(headerFilters, collected * 2);
            loggers = Arrays.copyOf(loggers, collected * 2);
            if (bodyFilters != null) {
                bodyFilters = Arrays.copyOf(bodyFilters, collected * 2);
            }
        }
        if (h.bodyFilter()) {
            if (bodyFilters == null) {
                bodyFilters = new PluginHandler[collectedNames.length];
            }
            bodyFilters[collected] = h.handler();
            anyBodyFilter = true;
        }
        collectedNames[collected] = name;
        headerFilters[collected] = h.headerFilter() ? h.handler() : null;
        loggers[collected] = h.log() ? h.handler() : null;
        anyHeaderFilter |= h.headerFilter();
        anyLogger |= h.log();
        collected++;
    }

    boolean hasHeaderFilters() {
        return anyHeaderFilter;
    }

    /** Kong's header_filter phase, on the response whose headers {@link ClientResponse} exposes meanwhile. */
    void headerFilter() {
        for (int i = 0; i < collected; i++) {
            PluginHandler f = headerFilters[i];
            if (f != null) {
                currentPlugin = collectedNames[i];
                try {
                    f.headerFilter(this);
                } catch (RuntimeException ex) {
                    LOG.error("plugin {} failed in header_filter: {}", currentPlugin, ex.toString());
                }
            }
        }
        currentPlugin = null;
    }

    boolean hasBodyFilters() {
        return anyBodyFilter;
    }

    /** Asks each body filter whether it needs this response's whole body; true when one does. */
    boolean wantsResponseBody() {
        boolean any = false;
        for (int i = 0; i < collected; i++) {
            PluginHandler f = bodyFilters[i];
            if (f != null) {
                currentPlugin = collectedNames[i];
                try {
                    if (f.buffersResponseBody(this)) {
                        if (bodyWanted == null) {
                            bodyWanted = new boolean[collected];
                        }
                        bodyWanted[i] = true;
                        any = true;
                    }
                } catch (RuntimeException ex) {
                    LOG.error("plugin {} failed in header_filter: {}", currentPlugin, ex.toString());
                }
            }
        }
        currentPlugin = null;
        return any;
    }

    /** Kong's body_filter phase on the whole body, for the filters that asked for it. */
    byte[] bodyFilter(byte[] body) {
        for (int i = 0; i < collected; i++) {
            if (bodyWanted != null && i < bodyWanted.length && bodyWanted[i]) {
                currentPlugin = collectedNames[i];
                try {
                    byte[] out = bodyFilters[i].bodyFilter(this, body);
                    if (out != null) {
                        body = out;
                    }
                } catch (RuntimeException ex) {
                    LOG.error("plugin {} failed in body_filter: {}", currentPlugin, ex.toString());
                }
            }
        }
        currentPlugin = null;
        return body;
    }

    boolean hasLoggers() {
        return anyLogger;
    }

    /** Kong's log phase. */
    void log(RequestLog log) {
        for (int i = 0; i < collected; i++) {
            if (loggers[i] != null) {
                try {
                    loggers[i].log(log);
                } catch (RuntimeException ex) {
                    LOG.error("plugin {} failed in log: {}", collectedNames[i], ex.toString());
                }
            }
        }
    }

    boolean queryChanged() {
        return queryChanged;
    }

    byte[] replacementBody() {
        return replacementBody;
    }

    /** The upstream path a plugin set ({@code kong.service.request.set_path}), or null. */
    String upstreamPath() {
        return upstreamPath;
    }

    /** The {@code Host} a plugin set for the upstream request (Kong's {@code upstream_host}), or null. */
    String upstreamHost() {
        return upstreamHost;
    }

    // ---------------------------------------------------------------- PluginContext

    @Override
    public Request request() {
        return this;
    }

    @Override
    public Client client() {
        return this;
    }

    @Override
    public ServiceRequest serviceRequest() {
        return this;
    }

    @Override
    public Response response() {
        return x.response;
    }

    @Override
    public ProxyRoute route() {
        return x.route;
    }

    @Override
    public ProxyService service() {
        return x.service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T index() {
        return currentPlugin == null ? null : (T) x.cfg.index(currentPlugin);
    }

    /** Where plugins read credentials from: null, one name (the usual case, no allocation) or a list. */
    private Object credentialNames;

    @Override
    public void credentialRead(String name) {
        if (credentialNames == null || credentialNames.equals(name)) {
            credentialNames = name;
        } else if (credentialNames instanceof String first) {
            credentialNames = new ArrayList<>(List.of(first, name));
        } else if (credentialNames instanceof List<?> l && !l.contains(name)) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) l;
            names.add(name);
        }
    }

    List<String> credentialNames() {
        if (credentialNames == null) {
            return List.of();
        }
        if (credentialNames instanceof String s) {
            return List.of(s);
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) credentialNames;
        return List.copyOf(names);
    }

    @Override
    public Map<String, Object> pluginContext() {
        if (pluginCtx == null) {
            pluginCtx = new HashMap<>();
        }
        return pluginCtx.computeIfAbsent(currentPlugin == null ? "" : currentPlugin, k -> new HashMap<>());
    }

    // ---------------------------------------------------------------- kong.request

    @Override
    public String method() {
        return x.request.method().name();
    }

    @Override
    public String path() {
        return x.path;
    }

    @Override
    public String scheme() {
        return x.scheme();
    }

    @Override
    public String host() {
        String h = x.clientHost == null ? "" : x.clientHost.toLowerCase(Locale.ROOT);
        int colon = h.startsWith("[") ? h.indexOf("]:") + 1 : h.lastIndexOf(':');
        return colon > 0 ? h.substring(0, colon) : h;
    }

    @Override
    public int port() {
        return x.conn.listenerPort;
    }

    @Override
    public String pathWithQuery() {
        return x.rawUri;
    }

    @Override
    public double httpVersion() {
        return x.request.protocolVersion().minorVersion() == 0 ? 1.0 : 1.1;
    }

    @Override
    public String serverAddress() {
        return x.conn.channel.localAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : "";
    }

    @Override
    public long connectionSerial() {
        return x.conn.serial;
    }

    @Override
    public long connectionRequests() {
        return x.conn.requests;
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : x.request.headers()) {
            all.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.getValue());
        }
        return all;
    }

    @Override
    public String rawBody() {
        if (x.bufferOverflow) {
            return null;
        }
        return x.buffered == null
                ? ""
                : x.buffered.toString(x.buffered.readerIndex(), x.buffered.readableBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String header(String name) {
        HttpHeaders h = x.request.headers();
        String v = h.get(name);
        if (v == null && (name.indexOf('_') >= 0 || name.indexOf('-') >= 0)) {
            v = h.get(name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
        }
        return v;
    }

    @Override
    public List<String> headerValues(String name) {
        HttpHeaders h = x.request.headers();
        List<String> v = h.getAll(name);
        if (name.indexOf('_') >= 0 || name.indexOf('-') >= 0) {
            List<String> other = h.getAll(name.indexOf('_') >= 0 ? name.replace('_', '-') : name.replace('-', '_'));
            if (!other.isEmpty()) {
                v = new ArrayList<>(v);
                v.addAll(other);
            }
        }
        return v;
    }

    @Override
    public Map<String, List<String>> queryArgs() {
        if (queryArgs == null) {
            queryArgs = QueryArgs.parse(x.rawQuery);
        }
        return queryArgs;
    }

    @Override
    public Map<String, Object> body() {
        if (body == null) {
            if (x.buffered == null || x.bufferOverflow) {
                body = Map.of();
            } else {
                byte[] bytes = new byte[x.buffered.readableBytes()];
                x.buffered.getBytes(x.buffered.readerIndex(), bytes);
                body = RequestBodies.decode(x.request.headers().get(HttpHeaderNames.CONTENT_TYPE), bytes);
            }
        }
        return body;
    }

    @Override
    public Map<String, String> uriCaptures() {
        Map<String, String> c = x.match == null ? null : x.match.uriCaptures();
        return c == null ? Map.of() : c;
    }

    // ---------------------------------------------------------------- kong.client

    @Override
    public String ip() {
        return x.conn.clientIp;
    }

    @Override
    public ProxyConsumer consumer() {
        return consumer;
    }

    @Override
    public Credential credential() {
        return credential;
    }

    @Override
    public void authenticate(ProxyConsumer consumer, Credential credential) {
        this.consumer = consumer;
        this.credential = credential;
    }

    @Override
    public List<String> authenticatedGroups() {
        return null; // no bundled plugin sets authenticated groups (ldap-auth, oauth2 introspection... are not here)
    }

    @Override
    public ProxyConsumer loadConsumer(String idOrUsername) {
        return x.cfg.consumerByIdOrUsername(idOrUsername);
    }

    // ---------------------------------------------------------------- kong.service.request

    @Override
    public void setHeader(String name, String value) {
        if ("host".equalsIgnoreCase(name)) {
            upstreamHost = HeaderEscaping.value(value); // Kong's upstream_host: wins over preserve_host and the service
        }
        x.request.headers().set(EscapedHeaderNames.of(name), HeaderEscaping.value(value));
    }

    @Override
    public void addHeader(String name, String value) {
        x.request.headers().add(EscapedHeaderNames.of(name), HeaderEscaping.value(value));
    }

    @Override
    public void setMethod(String method) {
        x.request.setMethod(HttpMethod.valueOf(method));
    }

    @Override
    public void setPath(String path) {
        upstreamPath = HeaderEscaping.value(path).replace(" ", "%20"); // the request line must stay one line
    }

    @Override
    public void setQuery(Map<String, List<String>> args) {
        queryArgs = new LinkedHashMap<>(args);
        queryChanged = true;
    }

    @Override
    public void setRawBody(byte[] bytes) {
        replacementBody = bytes;
    }

    @Override
    public void clearHeader(String name) {
        x.request.headers().remove(name);
    }

    @Override
    public void clearQueryArg(String name) {
        if (queryArgs().remove(name) != null) {
            queryChanged = true;
        }
    }

    @Override
    public void setBody(Map<String, Object> fields) {
        replacementBody = RequestBodies.encode(x.request.headers().get(HttpHeaderNames.CONTENT_TYPE), fields);
    }
}
