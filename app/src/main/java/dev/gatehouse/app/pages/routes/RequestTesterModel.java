package dev.gatehouse.app.pages.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiTasks;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Failures;
import dev.gatehouse.app.page.HeaderLines;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.ProxyRequest;
import dev.gatehouse.app.repository.gateway.ProxyResponse;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The route tester: a request (method, path, headers, body) sent through the gateway's proxy, and what came back
 * (status, headers, body, latency). The quickest way to see 401 without a key and 200 with one. An answer belongs to
 * the request and the configuration that produced it: it is marked stale when the route, its key-auth or the mesh
 * changes, and cleared when the page is opened again. When the route leads into the mesh, an error answer says which
 * mesh permission is missing, from the control plane's own decision for each hop.
 */
public final class RequestTesterModel {

    /** The header value that stands for the key in curl lines; the key itself is never written there. */
    static final String KEY_PLACEHOLDER = "$API_KEY";

    /** What may change a mesh service's reachability: permissions, the mesh's mTLS, the data planes. */
    private static final Set<MeshResourceType> MESH_CHANGES = Set.of(
            MeshResourceType.MESH,
            MeshResourceType.DATAPLANE,
            MeshResourceType.TRAFFIC_PERMISSION,
            MeshResourceType.MESH_TRAFFIC_PERMISSION);

    private static final String DEFAULT_PROXY = "http://localhost:8000";

    private final Messages messages;
    private final UiExecutor ui;
    private final UiTasks tasks;
    private final StringProperty method = new SimpleStringProperty(this, "method", "GET");
    private final StringProperty path = new SimpleStringProperty(this, "path", "/");
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final StringProperty keyName = new SimpleStringProperty(this, "keyName", "");
    private final StringProperty proxyBase = new SimpleStringProperty(this, "proxyBase", DEFAULT_PROXY);
    private final BooleanProperty sending = new SimpleBooleanProperty(this, "sending");
    private final IntegerProperty status = new SimpleIntegerProperty(this, "status");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty responseHeaders = new SimpleStringProperty(this, "responseHeaders", "");
    private final StringProperty responseBody = new SimpleStringProperty(this, "responseBody", "");
    private final StringProperty meshNote = new SimpleStringProperty(this, "meshNote", "");
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");
    private final StringBinding curl;
    private GatewayProxy proxy;
    private MeshRepository mesh;
    private JsonNode route;
    private Optional<String> meshService = Optional.empty();
    private MeshWatch watch;

    public RequestTesterModel(Messages messages, UiExecutor ui) {
        this.messages = messages;
        this.ui = ui;
        this.tasks = new UiTasks(ui);
        this.curl = Bindings.createStringBinding(this::curl, method, path, headers, body, keyName, proxyBase);
    }

    public StringProperty methodProperty() {
        return method;
    }

    public StringProperty pathProperty() {
        return path;
    }

    /** Request headers as lines {@code Name: value}. */
    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    /** The header key-auth reads the key from for this route (its first key name); empty when nothing protects it. */
    public StringProperty keyNameProperty() {
        return keyName;
    }

    public BooleanProperty sendingProperty() {
        return sending;
    }

    /** The last response's status; 0 before the first or after a failure. */
    public IntegerProperty statusProperty() {
        return status;
    }

    /** "200 OK in 12 ms", or why nothing came back. */
    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty responseHeadersProperty() {
        return responseHeaders;
    }

    public StringProperty responseBodyProperty() {
        return responseBody;
    }

    /** For an error from a route into the mesh: which mesh permission is missing, or that none is. */
    public StringProperty meshNoteProperty() {
        return meshNote;
    }

    /** True when the configuration changed after the answer shown: it may no longer be what the gateway does. */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** {@code curl -i ...} for the request as set in the tester; the key, when one is needed, is $API_KEY. */
    public StringBinding curlBinding() {
        return curl;
    }

    /** Fills the request so it matches {@code route}: its first method, a path it matches, its host. */
    public void prepareFor(JsonNode route, Optional<GatewayProxy> gatewayProxy) {
        prepareFor(route, gatewayProxy, Optional.empty(), "");
    }

    /**
     * Prepares the tester for {@code route}, reached through {@code gatewayProxy}, whose service's host is
     * {@code serviceHost}, on a connection with {@code meshRepository} if it has a mesh. The same route again (after
     * a reload) keeps the request and the answer; changed, the answer is marked stale.
     */
    public void prepareFor(
            JsonNode route,
            Optional<GatewayProxy> gatewayProxy,
            Optional<MeshRepository> meshRepository,
            String serviceHost) {
        proxy = gatewayProxy.orElse(null);
        mesh = meshRepository.orElse(null);
        meshService = MeshHops.meshService(serviceHost);
        proxyBase.set(proxy == null ? DEFAULT_PROXY : proxy.address().toString().replaceAll("/$", ""));
        JsonNode previous = this.route;
        this.route = route;
        if (previous != null
                && Rows.text(previous, "id").equals(Rows.text(route, "id"))
                && !Rows.text(route, "id").isEmpty()) {
            if (!previous.equals(route)) {
                configurationChanged();
            }
            return;
        }
        clearAnswer();
        List<String> methods = Rows.list(route, "methods");
        method.set(methods.isEmpty() ? "GET" : methods.get(0));
        path.set(samplePath(route));
        List<String> hosts = Rows.list(route, "hosts");
        headers.set(hosts.isEmpty() ? "" : "Host: " + sampleHost(hosts.get(0)));
        body.set("");
        summary.set(proxy == null ? messages.get("tester.no.proxy") : "");
    }

    /** Something the answer depended on changed (the route, its key-auth, the mesh): the answer may be outdated. */
    public void configurationChanged() {
        if (status.get() != 0 || !responseBody.get().isEmpty()) {
            stale.set(true);
        }
    }

    /** Forgets the answer (the page was opened again); the request stays as it was set. */
    public void clearAnswer() {
        // An answer still on its way, and its mesh check, are about a request no longer shown.
        tasks.dropPending();
        closeWatch();
        sending.set(false);
        status.set(0);
        summary.set(proxy == null && route != null ? messages.get("tester.no.proxy") : "");
        responseHeaders.set("");
        responseBody.set("");
        meshNote.set("");
        stale.set(false);
    }

    /** Forgets the route, the request and the answer (the connection changed). */
    public void reset() {
        route = null;
        proxy = null;
        mesh = null;
        meshService = Optional.empty();
        clearAnswer();
    }

    /** A path the route matches: its first plain path, or "/" when it has only regex paths or none. */
    static String samplePath(JsonNode route) {
        for (String p : Rows.list(route, "paths")) {
            if (!p.startsWith("~")) {
                return p;
            }
        }
        return "/";
    }

    /** A concrete host for a pattern: {@code *.example.com} becomes {@code www.example.com}. */
    static String sampleHost(String pattern) {
        if (pattern.startsWith("*.")) {
            return "www." + pattern.substring(2);
        }
        if (pattern.endsWith(".*")) {
            return pattern.substring(0, pattern.length() - 2) + ".com";
        }
        return pattern;
    }

    private String curl() {
        StringBuilder line = new StringBuilder("curl -i");
        String verb = method.get() == null ? "" : method.get().strip().toUpperCase(Locale.ROOT);
        if (!verb.isEmpty() && !"GET".equals(verb)) {
            line.append(" -X ").append(verb);
        }
        line.append(' ').append(quoted(proxyBase.get() + target()));
        Map<String, String> sent = HeaderLines.parse(headers.get()).orElse(Map.of());
        String key = keyName.get() == null ? "" : keyName.get();
        boolean keyGiven = false;
        for (Map.Entry<String, String> header : sent.entrySet()) {
            boolean isKey = !key.isEmpty() && header.getKey().equalsIgnoreCase(key);
            keyGiven |= isKey;
            String value = isKey ? KEY_PLACEHOLDER : header.getValue();
            line.append(" -H ").append(quoted(header.getKey() + ": " + value));
        }
        if (!key.isEmpty() && !keyGiven) {
            line.append(" -H ").append(quoted(key + ": " + KEY_PLACEHOLDER));
        }
        if (body.get() != null && !body.get().isEmpty()) {
            line.append(" --data ").append(quoted(body.get()));
        }
        return line.toString();
    }

    /** Single-quoted for a POSIX shell. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private String target() {
        String p = path.get() == null ? "" : path.get().strip();
        return p.startsWith("/") ? p : "/" + p;
    }

    /** Command: send the request through the proxy. */
    public void send() {
        if (proxy == null) {
            summary.set(messages.get("tester.no.proxy"));
            return;
        }
        String verb = method.get() == null ? "" : method.get().strip().toUpperCase(Locale.ROOT);
        if (!verb.matches("[A-Z]+")) {
            // The method box takes any text; a path typed into it would be sent as the method.
            summary.set(messages.get("tester.bad.method"));
            return;
        }
        Optional<Map<String, String>> parsed = HeaderLines.parse(headers.get());
        if (parsed.isEmpty()) {
            summary.set(messages.get("tester.bad.headers"));
            return;
        }
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("Accept", "*/*");
        requestHeaders.putAll(parsed.get());
        Optional<byte[]> payload =
                body.get().isEmpty() ? Optional.empty() : Optional.of(body.get().getBytes(StandardCharsets.UTF_8));
        clearAnswer();
        sending.set(true);
        summary.set(messages.get("tester.sending"));
        ProxyRequest request = new ProxyRequest(verb, target(), requestHeaders, payload);
        GatewayProxy through = proxy;
        tasks.run("send", () -> through.send(request), this::show, this::showFailure);
    }

    private void showFailure(Throwable failure) {
        sending.set(false);
        status.set(0);
        summary.set(Failures.sentence(messages, failure));
        responseHeaders.set("");
        responseBody.set("");
    }

    private void show(ProxyResponse response) {
        sending.set(false);
        status.set(response.status());
        summary.set(
                messages.get("tester.summary", response.status(), reason(response.status()), response.latencyMillis()));
        StringBuilder text = new StringBuilder();
        response.headers()
                .forEach((name, values) -> values.forEach(
                        v -> text.append(name).append(": ").append(v).append('\n')));
        responseHeaders.set(text.toString().strip());
        responseBody.set(response.body());
        if (mesh != null && meshService.isPresent()) {
            checkMesh(mesh, meshService.get(), response.status());
        }
    }

    /** Asks the control plane about each hop into the mesh; explains an error, and watches for changes. */
    private void checkMesh(MeshRepository repository, String service, int answered) {
        tasks.run(
                "mesh-hops",
                () -> MeshHops.check(repository, service),
                found -> found.ifPresent(check -> {
                    if (answered >= 500) {
                        meshNote.set(explain(check));
                    }
                    watchMesh(repository, check.mesh());
                }),
                failure -> meshNote.set(
                        answered >= 500
                                ? messages.get("tester.mesh.unknown", Failures.sentence(messages, failure))
                                : ""));
    }

    private String explain(MeshHops.Check check) {
        List<MeshHops.Hop> denied = check.denied();
        if (denied.isEmpty()) {
            String hops = String.join(
                    ", ",
                    check.hops().stream()
                            .map(h -> h.source() + " \u2192 " + h.destination())
                            .toList());
            return messages.get("tester.mesh.allowed", check.mesh(), hops.isEmpty() ? check.service() : hops);
        }
        List<String> lines = new ArrayList<>();
        for (MeshHops.Hop hop : denied) {
            String reason = hop.decision().reason()
                    + hop.decision()
                            .policy()
                            .map(p -> " (" + p.type() + " " + p.name() + ")")
                            .orElse("");
            lines.add(messages.get("tester.mesh.denied", check.mesh(), hop.source(), hop.destination(), reason));
        }
        return String.join("\n", lines);
    }

    /** Marks the answer stale when the mesh it depended on changes; one watch at a time, for the answer shown. */
    private void watchMesh(MeshRepository repository, String meshName) {
        closeWatch();
        tasks.run(
                "mesh-watch",
                () -> {
                    MeshWatch[] opened = new MeshWatch[1];
                    opened[0] = repository.watch(
                            MESH_CHANGES,
                            meshName,
                            change -> ui.execute(() -> {
                                if (watch == opened[0]) {
                                    configurationChanged();
                                }
                            }),
                            ended -> {});
                    return opened[0].opened().thenApply(revision -> opened[0]);
                },
                now -> watch = now,
                failure -> {},
                MeshWatch::close);
    }

    private void closeWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
