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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The route tester: a request (method, path, headers, body) sent through the gateway's proxy, and what came back
 * (status, headers, body, latency). The quickest way to see 401 without a key and 200 with one.
 */
public final class RequestTesterModel {

    /** The header that holds the key in curl lines: key-auth's first key name, or Kong's default. */
    static final String KEY_PLACEHOLDER = "$API_KEY";

    private final Messages messages;
    private final UiTasks tasks;
    private final StringProperty method = new SimpleStringProperty(this, "method", "GET");
    private final StringProperty path = new SimpleStringProperty(this, "path", "/");
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final BooleanProperty sending = new SimpleBooleanProperty(this, "sending");
    private final IntegerProperty status = new SimpleIntegerProperty(this, "status");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty responseHeaders = new SimpleStringProperty(this, "responseHeaders", "");
    private final StringProperty responseBody = new SimpleStringProperty(this, "responseBody", "");
    private GatewayProxy proxy;

    public RequestTesterModel(Messages messages, UiExecutor ui) {
        this.messages = messages;
        this.tasks = new UiTasks(ui);
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

    /** Fills the request so it matches {@code route}: its first method, a path it matches, its host. */
    public void prepareFor(JsonNode route, Optional<GatewayProxy> gatewayProxy) {
        // An answer still on its way is about the route shown before.
        tasks.dropPending();
        sending.set(false);
        proxy = gatewayProxy.orElse(null);
        List<String> methods = Rows.list(route, "methods");
        method.set(methods.isEmpty() ? "GET" : methods.get(0));
        path.set(samplePath(route));
        List<String> hosts = Rows.list(route, "hosts");
        headers.set(hosts.isEmpty() ? "" : "Host: " + sampleHost(hosts.get(0)));
        body.set("");
        status.set(0);
        summary.set(proxy == null ? messages.get("tester.no.proxy") : "");
        responseHeaders.set("");
        responseBody.set("");
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

    /** {@code curl -i ...} that reaches {@code route}; the key, when needed, is left as $API_KEY. */
    public String curlFor(JsonNode route, Optional<URI> proxyUri, Optional<JsonNode> keyAuth) {
        StringBuilder curl = new StringBuilder("curl -i");
        List<String> methods = Rows.list(route, "methods");
        if (!methods.isEmpty() && !"GET".equals(methods.get(0))) {
            curl.append(" -X ").append(methods.get(0));
        }
        String base = proxyUri.map(URI::toString).orElse("http://localhost:8000");
        curl.append(" '").append(base.replaceAll("/$", "")).append(samplePath(route)).append('\'');
        List<String> hosts = Rows.list(route, "hosts");
        if (!hosts.isEmpty()) {
            curl.append(" -H 'Host: ").append(sampleHost(hosts.get(0))).append('\'');
        }
        keyAuth.ifPresent(plugin -> {
            String keyName = plugin.path("config").path("key_names").path(0).asText("apikey");
            curl.append(" -H '").append(keyName).append(": ").append(KEY_PLACEHOLDER).append('\'');
        });
        return curl.toString();
    }

    /** Command: send the request through the proxy. */
    public void send() {
        if (proxy == null) {
            summary.set(messages.get("tester.no.proxy"));
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
        String target = path.get().startsWith("/") ? path.get() : "/" + path.get();
        Optional<byte[]> payload = body.get().isEmpty() ? Optional.empty()
                : Optional.of(body.get().getBytes(StandardCharsets.UTF_8));
        sending.set(true);
        summary.set(messages.get("tester.sending"));
        ProxyRequest request = new ProxyRequest(method.get().strip().toUpperCase(java.util.Locale.ROOT), target,
                requestHeaders, payload);
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
        summary.set(messages.get("tester.summary", response.status(), reason(response.status()),
                response.latencyMillis()));
        StringBuilder text = new StringBuilder();
        response.headers().forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v)
                .append('\n')));
        responseHeaders.set(text.toString().strip());
        responseBody.set(response.body());
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
